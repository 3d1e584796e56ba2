import { expect, test } from "./fixtures";
import { newAccount, PASSWORD } from "./helpers";

test("an owner invites an agent by email, the agent joins with a new account, the owner removes them", async ({
  page,
  browser,
  owner,
}) => {
  const { slug } = owner;
  const { workspaceName } = owner.account;
  await page.goto(`/${slug}`);
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Agents" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/agents$`));
  await expect(page.getByTestId("seat-usage")).toHaveText("1 of 3 used");
  await expect(page.getByText("No pending invitations.")).toBeVisible();

  // Invite: a wrong address is explained in place, then the link is shown once with a copy button.
  const agent = newAccount("team-agent");
  await page.getByLabel("Email address").fill("not an email");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await page.getByLabel("Email address").fill(agent.email);
  await page.getByLabel("Role").selectOption("agent");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  await expect(page.getByText(`Send this link to ${agent.email}`)).toBeVisible();
  const link = await page.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(new RegExp(`/invite/[A-Za-z0-9_-]{43}$`));
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await expect(page.getByRole("list", { name: "Pending invitations" })).toContainText(agent.email);
  await expect(page.getByText("1 more is held by a pending invitation")).toBeVisible();

  // The agent opens the link in their own browser, creates an account and lands in the inbox.
  const agentContext = await browser.newContext();
  const agentPage = await agentContext.newPage();
  await agentPage.goto(link);
  await expect(agentPage.getByRole("heading", { name: `Join ${workspaceName}` })).toBeVisible();
  await expect(agentPage.getByText(`invited you to join ${workspaceName} as an agent`)).toBeVisible();
  await expect(agentPage.getByLabel("Email")).toHaveValue(agent.email);
  await expect(agentPage.getByLabel("Email")).toHaveAttribute("readonly", "");
  await agentPage.getByLabel("Your name").fill(agent.name);
  await agentPage.getByLabel("Password").fill(PASSWORD);
  await agentPage.getByRole("button", { name: "Create account and join" }).click();
  await expect(agentPage).toHaveURL(new RegExp(`/${slug}/inbox$`));
  await expect(agentPage.getByTestId("current-user")).toHaveText(agent.name);

  // The owner sees the new member and the seat taken, then removes them.
  await page.reload();
  const row = page.getByRole("row", { name: agent.name });
  await expect(row).toContainText(agent.email);
  await expect(row.getByLabel(`Role of ${agent.name}`)).toHaveValue("agent");
  await expect(page.getByTestId("seat-usage")).toHaveText("2 of 3 used");
  await expect(page.getByText("No pending invitations.")).toBeVisible();
  await row.getByRole("button", { name: "Remove" }).click();
  await row.getByRole("button", { name: "Yes, remove" }).click();
  await expect(page.getByRole("row", { name: agent.name })).toHaveCount(0);
  await expect(page.getByTestId("seat-usage")).toHaveText("1 of 3 used");

  // The removed agent, reloading, is told the page is not theirs, and from there lands on "no workspace".
  await agentPage.reload();
  await expect(agentPage.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await agentPage.getByRole("link", { name: "Go to your workspace" }).click();
  await expect(agentPage.getByRole("heading", { name: "You are not in a workspace" })).toBeVisible();

  // The used link no longer works.
  await agentPage.goto(link);
  await expect(agentPage.getByRole("heading", { name: "This invitation was already used" })).toBeVisible();
  await agentContext.close();
});
