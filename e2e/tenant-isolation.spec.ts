import { expect, test } from "./fixtures";
import { newAccount, signUpAndSignIn } from "./helpers";

test("a second user cannot open the first user's workspace", async ({ page, browser, owner: first }) => {
  const { slug: firstSlug, workspaceId: firstId } = first;
  const { workspaceName } = first.account;
  // Its owner's console opens at that address.
  await page.goto(`/${firstSlug}`);
  await expect(page.getByTestId("workspace-name")).toHaveText(workspaceName);

  const context = await browser.newContext();
  await signUpAndSignIn(context.request, newAccount("second"));
  const intruder = await context.newPage();

  for (const path of [`/${firstSlug}`, `/${firstSlug}/settings/plan`, `/${firstSlug}/inbox`]) {
    const response = await intruder.goto(path);
    expect(response?.status()).toBe(404);
    await expect(intruder.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(intruder.getByText(workspaceName)).toHaveCount(0);
  }

  // Over the wire too: the API refuses the first workspace's id without revealing it exists.
  const input = encodeURIComponent(JSON.stringify({ json: { workspaceId: firstId } }));
  const api = await context.request.get(`/api/trpc/plan.overview?input=${input}`);
  expect(api.status()).toBe(404);
  expect(await api.text()).not.toContain(workspaceName);
  await context.close();
});

test("a user in several workspaces switches between them", async ({ page, owner }) => {
  const { account, slug: firstSlug } = owner;
  await page.goto(`/${firstSlug}`);

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
