import { randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import { database } from "@/db/client";
import { contacts, messages, sessions, type MessageMedia } from "@/db/schema";
import { eventBus } from "@/server/events/bus";
import type { SandboxClient } from "@/server/sandbox/types";
import { seedConnectedProject } from "@/server/testing/seed-bot";
import { enqueueOutgoing } from "./enqueue";
import { startOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from "./worker";

type Seeded = Awaited<ReturnType<typeof seedConnectedProject>>;

export type OutboxChat = {
  chatId: number;
  sessionId: string;
  /** Stores a reply as the console would (queued, in a transaction); publishes outbox.queued only when asked. */
  queue(
    reply: string | { kind: "photo" | "document"; fileId: string; caption?: string },
    options?: { publish?: boolean },
  ): Promise<number>;
};

/** A contact and an open session for a Telegram chat of the project (rows only; the webhook is not involved). */
async function openSession(seeded: Seeded, chatId: number) {
  const db = database();
  const [contact] = await db
    .insert(contacts)
    .values({ workspaceId: seeded.workspace.id, projectId: seeded.project.id, telegramUserId: chatId, firstName: "Ada" })
    .returning();
  const [session] = await db
    .insert(sessions)
    .values({ workspaceId: seeded.workspace.id, projectId: seeded.project.id, contactId: contact!.id, chatId })
    .returning();
  return session!;
}

/** A chat with an open session in the seeded project (`seedConnectedProject`), to queue replies into. */
export async function addChat(seeded: Seeded, chatId = randomInt(100_000, 2 ** 40)): Promise<OutboxChat> {
  const { id: sessionId } = await openSession(seeded, chatId);
  return {
    chatId,
    sessionId,
    async queue(reply, options = {}) {
      const base = {
        workspaceId: seeded.workspace.id,
        projectId: seeded.project.id,
        sessionId,
        chatId,
        author: "agent" as const,
      };
      const media: MessageMedia | null = typeof reply === "string" ? null : { fileId: reply.fileId };
      const { id, events } = await database().transaction((tx) =>
        enqueueOutgoing(
          tx,
          typeof reply === "string"
            ? { ...base, text: reply }
            : { ...base, kind: reply.kind, text: reply.caption ?? "", media, authorUserId: seeded.owner.id },
        ),
      );
      if (options.publish) await eventBus().publish(events);
      return id;
    },
  };
}

/**
 * A sandbox bot connected to a fresh project, and `customer()` to add chats: each customer first
 * writes to the bot in the sandbox (Telegram only lets a bot write to someone who wrote first).
 */
export async function seedSandboxProject(sandbox: SandboxClient) {
  const sandboxBot = await sandbox.createBot();
  const seeded = await seedConnectedProject({ token: sandboxBot.token });

  async function customer(options: { writesFirst?: boolean } = {}): Promise<OutboxChat> {
    const chatId = randomInt(100_000, 2 ** 40);
    if (options.writesFirst !== false) {
      await sandbox.customerSays(sandboxBot.id, { customer: { id: chatId, firstName: "Ada" }, text: "Hello, I need help" });
    }
    return addChat(seeded, chatId);
  }

  /** What Telegram's side shows the customer: the bot's messages in the chat, oldest first. */
  async function received(chatId: number) {
    return (await sandbox.transcript(sandboxBot.id, chatId)).filter((m) => m.from === "bot");
  }

  return { ...seeded, sandboxBot, customer, received };
}

export async function outboxRow(id: number) {
  const [row] = await database().select().from(messages).where(eq(messages.id, id));
  return row!;
}

/** Reads until `done` holds or the time is up; returns the last value read (the test's assertion then explains). */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Starts outbox senders for tests, scoped to the given projects (test files share one database),
 * collecting their log lines; `stopAll()` in afterEach.
 */
export function testSenders(defaults: () => Partial<OutboxWorkerOptions>) {
  const running: OutboxWorker[] = [];
  const logged: string[] = [];
  return {
    logged,
    start(projectIds: string[], options: Partial<OutboxWorkerOptions> = {}) {
      const worker = startOutboxWorker({
        db: database(),
        onlyProjects: projectIds,
        log: (line) => logged.push(line),
        ...defaults(),
        ...options,
      });
      running.push(worker);
      return worker;
    },
    stopAll: () => Promise.all(running.splice(0).map((w) => w.stop())),
  };
}
