import { expect, test } from "@playwright/test";
import { connectSandboxBot, createProject, newAccount, signUpInBrowser } from "./helpers";

type TrpcData<T> = { result: { data: { json: T } } };

/** A conversation longer than one page opens on its newest messages; earlier ones load on request. */
test("a long conversation opens on its newest messages and shows earlier ones on request", async ({ page }) => {
  test.setTimeout(120_000);
  const slug = await signUpInBrowser(page, newAccount("history"));
  await page.goto(`/${slug}/projects`);
  await createProject(page, slug, "History bot");
  await connectSandboxBot(page);
  const projectId = page.url().split("/").at(-1)!;

  // The customer writes 205 messages through the sandbox (the Test customer's own API, with this session's cookie).
  const list = await page.request.get("/api/trpc/workspace.list");
  const workspaces = ((await list.json()) as TrpcData<Array<{ id: string; slug: string }>>).result.data.json;
  const workspaceId = workspaces.find((w) => w.slug === slug)!.id;
  const customer = { id: 424242, firstName: "Long Talker" };
  for (let i = 1; i <= 205; i++) {
    const sent = await page.request.post("/api/trpc/testCustomer.send", {
      data: { json: { workspaceId, projectId, customer, text: `message ${i}` } },
    });
    expect(sent.status(), await sent.text()).toBe(200);
  }

  await page.goto(`/${slug}/inbox`);
  await page.getByTestId("session-item").first().click();
  const customerMessages = page.getByTestId("conversation").locator('[data-testid="message"][data-author="customer"]');
  await expect(customerMessages).toHaveCount(200);
  await expect(customerMessages.first()).toContainText("message 6");
  await expect(customerMessages.last()).toContainText("message 205");

  await page.getByRole("button", { name: "Show earlier messages" }).click();
  await expect(customerMessages).toHaveCount(205);
  await expect(customerMessages.first()).toContainText("message 1");
  await expect(page.getByRole("button", { name: "Show earlier messages" })).toHaveCount(0);
});
