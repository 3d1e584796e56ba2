import { expect, test } from "./fixtures";
import { inviteMember } from "./helpers";

test("an owner goes Away for lunch in the header, a supervisor's Monitoring shows it live, and a forced Offline reaches the header", async ({
  page,
  browser,
  owner,
}) => {
  const { slug, workspaceId } = owner;
  await page.goto(`/${slug}`);

  // The open console's first heartbeat brings the owner online as Not ready.
  const ownerStatus = page.getByRole("button", { name: /^Your status:/ });
  await expect(ownerStatus).toHaveAccessibleName("Your status: Not ready");

  // A custom Away reason added in Settings is offered by the switcher; a built-in one cannot be added twice.
  await page.goto(`/${slug}/settings/agent-status`);
  await page.getByLabel("New reason").fill("Coaching");
  await page.getByRole("button", { name: "Add reason" }).click();
  await expect(page.getByRole("list", { name: "Away reasons" })).toContainText("Coaching");
  await page.getByLabel("New reason").fill("lunch break");
  await page.getByRole("button", { name: "Add reason" }).click();
  await expect(page.getByText("That reason is built in already.")).toBeVisible();

  // A supervisor joins from an invitation in their own browser and opens Monitoring.
  const {
    page: monitoring,
    account: supervisor,
    close,
  } = await inviteMember(browser, page, {
    workspaceId,
    slug,
    role: "supervisor",
    label: "presence-sup",
  });
  await monitoring.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Monitoring" }).click();

  const ownerName = owner.account.name;
  const ownerRow = monitoring.getByTestId("agent-row").filter({ hasText: ownerName });
  await expect(ownerRow).toContainText("Not ready");
  await expect(ownerRow).toContainText("0 / 5");
  // A supervisor cannot set the owner's status.
  await expect(monitoring.getByLabel(`Set the status of ${ownerName}`)).toBeDisabled();

  await ownerStatus.click();
  const menu = page.getByRole("menu", { name: "Set your status" });
  await expect(menu.getByRole("menuitemradio", { name: "Coaching" })).toBeVisible();
  await menu.getByRole("menuitemradio", { name: "Lunch break" }).click();
  await expect(ownerStatus).toHaveAccessibleName("Your status: Away · Lunch break");

  // Without a reload: the widget, its filter and the status log follow.
  await expect(ownerRow).toContainText("Away · Lunch break");
  const log = monitoring.getByRole("table", { name: "Agent status log" });
  const newest = log.getByRole("row").nth(1);
  await expect(newest).toContainText(ownerName);
  await expect(newest).toContainText("Away · Lunch break");
  await expect(newest).toContainText("Manual");
  await monitoring.getByLabel("Show").selectOption("away");
  await expect(ownerRow).toBeVisible();
  await expect(monitoring.getByTestId("agent-row")).toHaveCount(1);
  await monitoring.getByLabel("Show").selectOption("available");
  await expect(monitoring.getByText("No agent is Available right now.")).toBeVisible();
  await monitoring.getByLabel("Show").selectOption("all");

  // The owner forces the supervisor Offline from Monitoring: the supervisor's header shows it live, with who set it.
  await page.goto(`/${slug}/monitoring`);
  await page.getByLabel(`Set the status of ${supervisor.name}`).selectOption("offline");
  const supervisorStatus = monitoring.getByRole("button", { name: /^Your status:/ });
  await expect(supervisorStatus).toHaveAccessibleName("Your status: Offline");
  await expect(supervisorStatus).toContainText("Set by a supervisor");
  await expect(newest).toContainText(supervisor.name);
  await expect(newest).toContainText("Set by a supervisor");
  await expect(newest.getByRole("cell").last()).toHaveText(ownerName);
  await close();
});
