import { expect, test } from "./fixtures";
import { createProjectWithBot } from "./helpers";

/**
 * Routing settings and the session log, end to end: the owner switches a project to Online first on
 * the Routing page, a sandbox customer writes, and Audit → Session log shows the allocation with the
 * rule it was made under (and the CSV export carries the same row).
 */
test("an owner sets Online first, a customer writes, and the session log shows the allocation with its rule", async ({
  page,
  owner,
}) => {
  const { slug } = owner;
  await createProjectWithBot(page.request, owner.workspaceId, "Audit bot");
  await page.goto(`/${slug}`);

  const nav = page.getByRole("navigation", { name: "Console" });
  await nav.getByRole("link", { name: "Routing" }).click();
  await page.getByRole("link", { name: /Audit bot/ }).click();
  await expect(page.getByTestId("routing-project-name")).toHaveText("Audit bot");
  const rule = page.getByRole("radio", { name: /Online first/ });
  await expect(page.getByRole("radio", { name: /Round robin/ })).toBeChecked();
  await rule.check();
  // The queue message is checked before it is sent.
  const queueMessage = page.getByLabel("Queue message");
  await queueMessage.fill("Please wait.");
  await page.getByRole("button", { name: "Save routing settings" }).click();
  await expect(page.getByText(/Keep \{people\} or \{position\} in the message/)).toBeVisible();
  await queueMessage.fill("You are behind {people} (number {position}).");
  await expect(page.getByTestId("queue-message-preview")).toHaveText("You are behind 2 people (number 2).");
  // The customer at the front hears the next-in-line message instead.
  const nextMessage = page.getByLabel("Message when next in line");
  await expect(page.getByTestId("queue-next-message-preview")).toHaveText(/You are next in line/);
  await nextMessage.fill("You are next: {position}.");
  await page.getByRole("button", { name: "Save routing settings" }).click();
  await expect(page.getByText(/Leave \{people\} and \{position\} out/)).toBeVisible();
  await nextMessage.fill("Hold on, you are next.");
  await expect(page.getByTestId("queue-next-message-preview")).toHaveText("Hold on, you are next.");
  await page.getByRole("button", { name: "Save routing settings" }).click();
  await expect(page.getByText("Routing settings saved.", { exact: false })).toBeVisible();
  await page.reload();
  await expect(rule).toBeChecked();
  await expect(nextMessage).toHaveValue("Hold on, you are next.");

  // A customer writes to the bot through the sandbox.
  await nav.getByRole("link", { name: /Inbox/ }).click();
  await page.getByTestId("test-customer-toggle").click();
  const panel = page.getByTestId("test-customer-panel");
  await panel.getByTestId("test-customer-name").fill("Alice Audit");
  await panel.getByTestId("test-customer-message").fill("Hello, I need help with my order");
  await panel.getByTestId("test-customer-send").click();
  await expect(page.getByTestId("session-list").getByTestId("session-item").first()).toContainText("Alice Audit");

  await nav.getByRole("link", { name: "Audit" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/audit/sessions$`));
  await expect(page.getByRole("navigation", { name: "Audit" }).getByRole("link", { name: "Session log" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  const log = page.getByRole("table", { name: "Session log" });
  const allocation = log.getByRole("row").filter({ hasText: "Alice Audit" }).filter({ hasText: "Assigned" });
  await expect(async () => {
    await page.reload();
    await expect(allocation.first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(allocation.first()).toContainText("Online first");

  // Filtering by event keeps the allocation; the export carries it with its rule.
  await page.getByLabel("Event").selectOption({ label: "Allocations and queueing" });
  await expect(allocation.first()).toBeVisible();
  const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  expect(href).toContain("kind=assigned");
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const body = await csv.text();
  expect(body).toMatch(/Assigned,Audit bot,[0-9a-f-]{36},Alice Audit,System,/);
  expect(body).toContain("Online first");

  // The agent status table is on the same page.
  await expect(page.getByRole("heading", { name: "Agent status changes" })).toBeVisible();
});
