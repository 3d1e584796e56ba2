import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { bots } from "@/db/schema";
import { startBotApiSandbox, type BotApiSandbox } from "@/server/sandbox";
import { seedConnectedProject } from "@/server/testing/seed-bot";
import { downloadMessageFile } from "./download-file";
import { addMember, seedConversation } from "./test-fixtures";

let sandbox: BotApiSandbox;

beforeAll(async () => {
  sandbox = await startBotApiSandbox();
});
afterAll(async () => {
  await sandbox?.close();
});

/** A sandbox bot whose customer sent a document; the conversation stored with Telegram's file id, as the webhook would. */
async function customerSentDocument(content = "Invoice #42\nTotal: 99 EUR\n", fileName = "invoice 42 €.txt") {
  const bot = await sandbox.createBot();
  const seeded = await seedConnectedProject({ telegramId: bot.id, token: bot.token });
  const customerId = 4242;
  await sandbox.customerSays(bot.id, {
    customer: { id: customerId, firstName: "Ada" },
    document: { fileName, mimeType: "text/plain", content, caption: "my invoice" },
  });
  const [entry] = await sandbox.transcript(bot.id, customerId);
  const { messageIds } = await seedConversation(
    { id: seeded.project.id, workspaceId: seeded.workspace.id },
    {
      messages: [
        {
          author: "customer",
          kind: "document",
          text: "my invoice",
          media: { fileId: entry!.fileId!, fileName, mimeType: "text/plain", fileSize: Buffer.byteLength(content) },
        },
      ],
    },
  );
  return { seeded, bot, messageId: messageIds[0]!, content };
}

const download = (messageId: number | string, userId: string | null, apiRoot = sandbox.url) =>
  downloadMessageFile(String(messageId), { db: database(), userId, apiRoot });

describe("GET /api/files/{messageId}", () => {
  it("streams the customer's file through the bot, with its name and type, and never exposes the token", async () => {
    const { seeded, bot, messageId, content } = await customerSentDocument();
    const response = await download(messageId, seeded.owner.id);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(content);
    expect(response.headers.get("content-type")).toBe("text/plain");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="invoice 42 _.txt"; filename*=UTF-8''${encodeURIComponent("invoice 42 €.txt")}`,
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("location")).toBeNull();
    expect([...response.headers.values()].join(" ")).not.toContain(bot.token);
  });

  it("lets agents download, refuses marketers, and hides the file from other workspaces and signed-out visitors", async () => {
    const { seeded, messageId } = await customerSentDocument();
    const agent = await addMember(seeded.workspace.id, "agent");
    expect((await download(messageId, agent)).status).toBe(200);
    const marketer = await addMember(seeded.workspace.id, "marketer");
    expect((await download(messageId, marketer)).status).toBe(403);
    const stranger = await seedConnectedProject();
    const foreign = await download(messageId, stranger.owner.id);
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).toContain("File not found");
    expect((await download(messageId, null)).status).toBe(401);
    expect((await download("12abc", seeded.owner.id)).status).toBe(404);
    expect((await download(999_999_999_999, seeded.owner.id)).status).toBe(404);
  });

  it("says the bot is disconnected when it is", async () => {
    const { seeded, messageId } = await customerSentDocument();
    await database().delete(bots).where(eq(bots.projectId, seeded.project.id));
    const response = await download(messageId, seeded.owner.id);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("bot is disconnected");
  });

  it("explains the Bot API's 20 MB limit without asking Telegram", async () => {
    const { seeded } = await customerSentDocument();
    const { messageIds } = await seedConversation(
      { id: seeded.project.id, workspaceId: seeded.workspace.id },
      { messages: [{ author: "customer", kind: "video", media: { fileId: "BIG", fileSize: 25 * 1024 * 1024 } }] },
    );
    const response = await download(messageIds[0]!, seeded.owner.id);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("up to 20 MB");
  });

  it("answers 404 for a message without a file or a file id Telegram does not know, and 502 when Telegram is unreachable", async () => {
    const { seeded, messageId } = await customerSentDocument();
    const { messageIds } = await seedConversation(
      { id: seeded.project.id, workspaceId: seeded.workspace.id },
      {
        messages: [
          { author: "customer", text: "just text" },
          { author: "customer", kind: "photo", media: { fileId: "no-such-file-id" } },
        ],
      },
    );
    const text = await download(messageIds[0]!, seeded.owner.id);
    expect(text.status).toBe(404);
    expect(await text.text()).toBe("This message has no file to download.");
    const unknown = await download(messageIds[1]!, seeded.owner.id);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("Telegram no longer has this file");
    const unreachable = await download(messageId, seeded.owner.id, "http://127.0.0.1:1");
    expect(unreachable.status).toBe(502);
    expect(await unreachable.text()).toContain("Could not reach Telegram");
  });
});
