import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { messages } from "@/db/schema";
import { testDb } from "@/db/test-helpers";
import { DomainError } from "@/server/errors";
import { seedConnectedProject } from "@/server/testing/seed-bot";
import { retryFailedMessage } from "./retry-failed";
import { addChat, outboxRow } from "./test-fixtures";

const db = testDb();

async function failedReply() {
  const seeded = await seedConnectedProject();
  const chat = await addChat(seeded);
  const id = await chat.queue("Your order ships tomorrow.");
  await db
    .update(messages)
    .set({ delivery: "failed", deliveryError: "The customer blocked the bot.", attempts: 5 })
    .where(eq(messages.id, id));
  return { seeded, chat, id };
}

describe("retryFailedMessage", () => {
  it("queues a failed message again with a fresh set of attempts, and wakes the senders", async () => {
    const { seeded, chat, id } = await failedReply();
    const events = await retryFailedMessage(db, seeded.workspace.id, id);
    expect(await outboxRow(id)).toMatchObject({
      delivery: "queued",
      retried: true,
      deliveryError: null,
      attempts: 0,
      sendAfter: null,
    });
    expect(events).toEqual([
      { type: "outbox.queued", messageId: id },
      { type: "message.updated", workspaceId: seeded.workspace.id, sessionId: chat.sessionId, messageId: id },
      { type: "session.updated", workspaceId: seeded.workspace.id, sessionId: chat.sessionId },
    ]);
  });

  it("does not touch another workspace's message", async () => {
    const { id } = await failedReply();
    const other = await seedConnectedProject();
    const attempt = retryFailedMessage(db, other.workspace.id, id);
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ kind: "not_found", message: "This message does not exist." });
    expect(await outboxRow(id)).toMatchObject({ delivery: "failed", retried: false });
  });

  it("refuses a message that has not failed", async () => {
    const { seeded, id } = await failedReply();
    await retryFailedMessage(db, seeded.workspace.id, id);
    await expect(retryFailedMessage(db, seeded.workspace.id, id)).rejects.toMatchObject({
      kind: "not_found",
      message: "Only failed messages can be retried.",
    });
  });
});
