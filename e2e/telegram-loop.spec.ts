import { expect, test } from "./fixtures";
import { createProjectWithBot, customerSends, openTestCustomer } from "./helpers";

/**
 * The loop of issue 3, end to end in the browser: a project with a sandbox bot, a customer writes
 * (through the Bot API sandbox, which delivers to our webhook like Telegram), the message appears
 * live in the inbox, the admin replies, and the customer receives the reply.
 */
test("a customer writes, the message appears live, the admin replies and the customer receives it", async ({ page, owner }) => {
  const { slug } = owner;
  await createProjectWithBot(page.request, owner.workspaceId, "Support bot");
  await page.goto(`/${slug}`);

  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: /Inbox/ }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/inbox`));
  await expect(page.getByTestId("inbox-empty")).toBeVisible();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");

  // The customer presses Start, then asks a question; the inbox is not reloaded in between.
  const panel = await openTestCustomer(page);
  await expect(panel.getByTestId("test-customer-project")).toContainText("Support bot");
  await customerSends(panel, "/start", "Alice Customer");
  const transcript = panel.getByTestId("test-customer-transcript");
  await expect(transcript.locator('[data-testid="transcript-message"][data-from="bot"]').first()).toContainText(
    "Thanks for writing to us",
  );

  await customerSends(panel, "Hello, where is my order #1042?");

  const session = page.getByTestId("session-list").getByTestId("session-item").first();
  await expect(session).toContainText("Alice Customer");
  await expect(session).toContainText("Hello, where is my order #1042?");
  await expect(session.getByTestId("unanswered-badge")).toBeVisible();

  await session.click();
  const conversation = page.getByTestId("conversation");
  await expect(conversation.locator('[data-testid="message"][data-author="customer"]').last()).toContainText(
    "Hello, where is my order #1042?",
  );

  // The reply goes through the outbox to the sandbox, and the customer sees it.
  const reply = page.getByTestId("reply-box").getByRole("textbox", { name: "Reply" });
  await reply.fill("Hi Alice! It left our warehouse this morning.");
  await page.getByTestId("reply-box").getByRole("button", { name: "Send" }).click();
  const sent = conversation.locator('[data-testid="message"][data-author="agent"]').last();
  await expect(sent).toContainText("It left our warehouse this morning.");
  await expect(sent).toHaveAttribute("data-delivery", "sent");
  await expect(session.getByTestId("unanswered-badge")).toHaveCount(0);
  await expect(transcript.locator('[data-testid="transcript-message"][data-from="bot"]').last()).toContainText(
    "It left our warehouse this morning.",
  );

  // A further customer message appears live in the open conversation.
  await customerSends(panel, "Great, thank you!");
  await expect(conversation.locator('[data-testid="message"][data-author="customer"]').last()).toContainText("Great, thank you!");
});
