import { expect, test } from "./fixtures";
import { newAccount, signInViaApi, signUpInBrowser, signUpViaApi } from "./helpers";

test("a second user cannot open the first user's workspace", async ({ page, browser, baseURL }) => {
  const first = newAccount("first");
  const firstSlug = await signUpInBrowser(page, first);
  const firstId = await page.evaluate(async () => {
    const r = await fetch("/api/trpc/workspace.list");
    return ((await r.json()) as { result: { data: { json: Array<{ id: string }> } } }).result.data.json[0]!.id;
  });

  const second = newAccount("second");
  const context = await browser.newContext({ baseURL });
  await signUpViaApi(context.request, second);
  await signInViaApi(context.request, second);
  const intruder = await context.newPage();

  for (const path of [`/${firstSlug}`, `/${firstSlug}/settings/plan`, `/${firstSlug}/inbox`]) {
    const response = await intruder.goto(path);
    expect(response?.status()).toBe(404);
    await expect(intruder.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(intruder.getByText(first.workspaceName)).toHaveCount(0);
  }

  // Over the wire too: the API refuses the first workspace's id without revealing it exists.
  const input = encodeURIComponent(JSON.stringify({ json: { workspaceId: firstId } }));
  const api = await context.request.get(`/api/trpc/plan.overview?input=${input}`);
  expect(api.status()).toBe(404);
  expect(await api.text()).not.toContain(first.workspaceName);
  await context.close();
});

test("a user in several workspaces switches between them", async ({ page }) => {
  const account = newAccount("multi");
  const firstSlug = await signUpInBrowser(page, account);

  await page.getByRole("button", { name: /Switch workspace/ }).click();
  await page.getByRole("menuitem", { name: "+ New workspace" }).click();
  await page.getByLabel("New workspace name").fill("Second desk");
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByTestId("workspace-name")).toHaveText("Second desk");
  expect(new URL(page.url()).pathname).not.toBe(`/${firstSlug}`);

  await page.getByRole("button", { name: /Switch workspace/ }).click();
  await page.getByRole("menuitem", { name: new RegExp(account.workspaceName) }).click();
  await expect(page.getByTestId("workspace-name")).toHaveText(account.workspaceName);
  await expect(page).toHaveURL(new RegExp(`/${firstSlug}$`));
});
