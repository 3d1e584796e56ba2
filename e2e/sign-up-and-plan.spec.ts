import { expect, test } from "./fixtures";
import { newAccount, signUpInBrowser } from "./helpers";

test("a new business signs up, lands in its workspace on a 3-day Trial, signs out and back in", async ({ page }) => {
  const account = newAccount("owner");
  const slug = await signUpInBrowser(page, account);
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
  await expect(page.getByTestId("current-user")).toHaveText(account.name);

  // A console path that is no area shows the 404 page (streamed after the console's loading state, so the HTTP status stays 200).
  await page.goto(`/${slug}/no-such-area`);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText("404", { exact: true })).toBeVisible();
  await page.goto(`/${slug}`);

  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/settings/general$`));
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Plan" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/settings/plan$`));
  await expect(page.getByTestId("plan-name")).toHaveText("Trial");
  await expect(page.getByTestId("plan-days-left")).toHaveText("3 days left");
  await expect(page.getByTestId("usage-seats")).toHaveText("1 of 3 used");
  await expect(page.getByTestId("usage-projects")).toHaveText("0 of 1 used");

  // The session cookie is httpOnly: page scripts cannot read it.
  const cookies = await page.context().cookies();
  const sessionCookie = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
  expect(sessionCookie?.httpOnly).toBe(true);
  expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto(`/${slug}/settings/plan`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);

  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill("not my password 1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");

  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("workspace-name")).toHaveText(account.workspaceName);
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
});

test("sign-up explains a taken email and a weak password in place", async ({ page, request }) => {
  const account = newAccount("dupe");
  await request.post("/api/trpc/auth.signUp", { data: { json: account } });

  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Second person");
  await page.getByLabel("Work email").fill(account.email);
  await page.getByLabel("Password").fill("short1");
  await page.getByLabel("Workspace name").fill("Another desk");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByText("Password must be at least 10 characters.")).toBeVisible();

  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByText("An account with this email already exists. Sign in instead.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up$/);
});

test("the landing page welcomes signed-out visitors", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The help desk for your Telegram bot.");
  await page.getByRole("link", { name: "Start your 3-day trial" }).click();
  await expect(page).toHaveURL(/\/sign-up$/);
});

test("an owner renames the workspace and the console shows the new name", async ({ page }) => {
  const account = newAccount("rename");
  const slug = await signUpInBrowser(page, account);
  await page.goto(`/${slug}/settings/general`);
  const name = page.getByLabel("Workspace name");
  await name.fill("x");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Workspace name must be at least 2 characters.")).toBeVisible();
  await name.fill("Renamed Support");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Workspace renamed.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Switch workspace/ })).toContainText("Renamed Support");
  await page.goto(`/${slug}`);
  await expect(page.getByTestId("workspace-name")).toHaveText("Renamed Support");
});

test("sign-in stops guessing after too many wrong passwords and says when to retry", async ({ page, request }) => {
  const account = newAccount("guess");
  await request.post("/api/trpc/auth.signUp", { data: { json: account } });
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  for (let i = 0; i < 10; i++) {
    await request.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: account.email, password: `guess ${i} wrong`, json: "true" },
    });
  }
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText(
    /^Too many sign-in attempts\. Try again in \d+ (seconds|minutes?)\.$/,
  );
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("a workspace named in Cyrillic gets a console address that opens", async ({ page }) => {
  const account = { ...newAccount("cyrillic"), workspaceName: "Служба поддержки" };
  const slug = await signUpInBrowser(page, account);
  expect(slug).toMatch(/^workspace-[0-9a-f]{6}$/);
  await page.goto(`/${slug}/settings/plan`);
  await expect(page.getByTestId("plan-name")).toHaveText("Trial");
});
