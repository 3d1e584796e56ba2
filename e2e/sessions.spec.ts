import { expect, test } from "./fixtures";
import { newAccount, signUpViaApi } from "./helpers";

test.describe("sign-ins end when they should", () => {
  test("signing out ends that sign-in everywhere its cookie went: a copied cookie is refused and its open console leaves", async ({
    browser,
    page,
    owner,
  }) => {
    const { slug, storageState } = owner;

    // Someone copies the cookie into another browser and opens the console there.
    const copy = await browser.newContext({ storageState });
    const copied = await copy.newPage();
    await copied.goto(`/${slug}/inbox`);
    await expect(copied.getByTestId("live-status")).toHaveAttribute("data-state", "live");

    await page.goto(`/${slug}/inbox`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    // The copied console's live stream closes and the page leaves for the sign-in form by itself, within seconds.
    await expect(copied).toHaveURL(/\/sign-in/, { timeout: 10_000 });
    // And the copied cookie (put back, in case a response cleared it) gets nothing from the API any more.
    await copy.addCookies(storageState.cookies);
    const input = encodeURIComponent(JSON.stringify({ json: { workspaceId: "00000000-0000-4000-8000-000000000000" } }));
    expect((await copy.request.get(`/api/trpc/plan.overview?input=${input}`)).status()).toBe(401);
    expect((await copy.request.get("/api/events?workspaceId=00000000-0000-4000-8000-000000000000")).status()).toBe(401);
    await copy.close();
  });

  test("signing in never leaves for another site, whatever the return address says", async ({ page, baseURL }) => {
    const account = newAccount("return-to");
    await signUpViaApi(page.request, account);
    await page.context().clearCookies();
    for (const callbackUrl of ["/\\evil.example/", "/\t/evil.example", "//evil.example", "javascript:alert(1)"]) {
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await page.getByLabel("Email").fill(account.email);
      await page.getByLabel("Password").fill(account.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByTestId("current-user")).toHaveText(account.name);
      expect(new URL(page.url()).origin, callbackUrl).toBe(new URL(baseURL!).origin);
      expect(page.url(), callbackUrl).not.toContain("evil.example");
      await page.context().clearCookies();
    }
  });
});
