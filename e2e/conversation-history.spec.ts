import { expect, test } from "./fixtures";
import { createProjectWithBot, trpcMutate } from "./helpers";

/** A conversation longer than one page opens on its newest messages; earlier ones load on request. */
test("a long conversation opens on its newest messages and shows earlier ones on request", async ({ page, owner }) => {
  test.setTimeout(120_000);
  const { slug, workspaceId } = owner;
  const { projectId } = await createProjectWithBot(page.request, workspaceId, "History bot");

  // The customer writes 205 messages through the sandbox (the Test customer's own API, with this session's cookie).
  const customer = { id: 424242, firstName: "Long Talker" };
  for (let i = 1; i <= 205; i++) {
    await trpcMutate(page.request, "testCustomer.send", { workspaceId, projectId, customer, text: `message ${i}` });
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
