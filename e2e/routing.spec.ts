import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createProjectWithBot, inviteMember, trpcMutate, trpcQuery } from "./helpers";

/** Sets the agent's own status from the header's switcher. */
async function setStatus(page: Page, choice: string | RegExp) {
  await page.getByTestId("my-status").click();
  await page.getByRole("menu", { name: "Set your status" }).getByRole("menuitemradio", { name: choice }).click();
  await expect(page.getByRole("menu", { name: "Set your status" })).toHaveCount(0);
}

/** A new sandbox customer writes to the bot from the owner's Test customer panel. */
async function newCustomerWrites(owner: Page, name: string, text: string) {
  const panel = owner.getByTestId("test-customer-panel");
  await panel.getByRole("button", { name: "New customer" }).click();
  await panel.getByTestId("test-customer-name").fill(name);
  await panel.getByTestId("test-customer-message").fill(text);
  await panel.getByTestId("test-customer-send").click();
  await expect(
    panel.getByTestId("test-customer-transcript").locator('[data-testid="transcript-message"][data-from="customer"]').last(),
  ).toContainText(text);
  return panel;
}

const tab = (page: Page, name: "Mine" | "Queue" | "All") => page.getByRole("tab", { name: new RegExp(`^${name}`) });

/**
 * Issue 4, item 8: two agents in two browsers. With Online first, a new customer goes to the agent
 * who is Available; the one who is Away receives nothing; once both are at capacity, the next
 * customer waits in the queue and hears so in Telegram (the sandbox transcript).
 */
test("online first routes to the available agent, never to the away one, and queues when both are full", async ({
  page,
  browser,
  owner,
}) => {
  test.setTimeout(180_000);
  const { slug, workspaceId } = owner;
  const { projectId } = await createProjectWithBot(page.request, workspaceId, "Routing bot");

  const ann = await inviteMember(browser, page, { workspaceId, slug, role: "agent", label: "routing-ann" });
  const ben = await inviteMember(browser, page, { workspaceId, slug, role: "agent", label: "routing-ben" });
  try {
    // The owner: capacity 1 for both agents, and the project on Online first with just them in scope.
    const [annId, benId] = [ann.userId, ben.userId];
    for (const userId of [annId, benId]) await trpcMutate(page.request, "team.setCapacity", { workspaceId, userId, capacity: 1 });
    const { settings } = await trpcQuery<{ settings: Record<string, unknown> }>(page.request, "routing.settings", {
      workspaceId,
      projectId,
    });
    await trpcMutate(page.request, "routing.update", {
      workspaceId,
      projectId,
      settings: { ...settings, routingRule: "online_first", agentScope: "specific", agentIds: [annId, benId] },
    });

    await setStatus(ann.page, /^Available/);
    await setStatus(ben.page, "Lunch break");
    await expect(ben.page.getByTestId("my-status")).toContainText("Lunch break");

    await page.goto(`/${slug}/inbox`);
    await page.getByTestId("test-customer-toggle").click();

    // First customer: Ann is the only one online, so she gets it; Ben, away, gets nothing.
    await newCustomerWrites(page, "Carol First", "Hello, my parcel is late");
    const annRow = ann.page.getByTestId("session-list").getByTestId("session-item").filter({ hasText: "Carol First" });
    await expect(annRow).toBeVisible();
    await expect(annRow.getByTestId("session-assignee")).toHaveText("With you");
    await expect(ann.page.getByTestId("assigned-toast")).toBeVisible();
    await annRow.click();
    await expect(ann.page.getByTestId("conversation-assignee")).toHaveText("Assigned to you");
    await ann.page.getByTestId("reply-box").getByRole("textbox", { name: "Reply" }).fill("Hi Carol, let me check.");
    await ann.page.getByTestId("reply-box").getByRole("button", { name: "Send" }).click();
    await expect(ann.page.locator('[data-testid="message"][data-author="agent"]').last()).toHaveAttribute(
      "data-delivery",
      "sent",
    );

    await expect(tab(ben.page, "Mine")).toContainText("0");
    await expect(ben.page.getByTestId("inbox-empty")).toBeVisible();
    await expect(tab(ben.page, "Queue")).toContainText("0");

    // Ben is back; the second customer goes to him, since Ann is at capacity.
    await setStatus(ben.page, /^Available/);
    await newCustomerWrites(page, "Dan Second", "Can I change my order?");
    const benRow = ben.page.getByTestId("session-list").getByTestId("session-item").filter({ hasText: "Dan Second" });
    await expect(benRow).toBeVisible();
    await expect(benRow.getByTestId("session-assignee")).toHaveText("With you");
    await expect(ann.page.getByTestId("session-item").filter({ hasText: "Dan Second" })).toHaveCount(0);

    // Both at capacity: the third customer waits, and Telegram tells them so.
    const panel = await newCustomerWrites(page, "Eve Third", "Anyone there?");
    await expect(
      panel.getByTestId("test-customer-transcript").locator('[data-testid="transcript-message"][data-from="bot"]').last(),
    ).toContainText("All our agents are busy right now. You are next in line");
    for (const agent of [ann, ben]) {
      await expect(tab(agent.page, "Queue")).toContainText("1");
      await tab(agent.page, "Queue").click();
      const waiting = agent.page.getByTestId("session-item").filter({ hasText: "Eve Third" });
      await expect(waiting.getByTestId("session-assignee")).toHaveText("Waiting · 1st in queue");
    }
    // Ann closes Carol's conversation: her room goes to Eve at once.
    await ann.page.getByRole("button", { name: "Close conversation" }).click();
    await ann.page
      .getByRole("form", { name: "Close the conversation" })
      .getByRole("button", { name: "Close conversation" })
      .click();
    await expect(ann.page.getByTestId("conversation-assignee")).toContainText("Closed by");
    await tab(ann.page, "Mine").click();
    await expect(ann.page.getByTestId("session-item").filter({ hasText: "Eve Third" })).toBeVisible();
    await expect(tab(ben.page, "Queue")).toContainText("0");
  } finally {
    await ann.close();
    await ben.close();
  }
});
