/**
 * A sandbox customer's side of a chat: messages and edits become real Telegram updates for the bot
 * (numbered, stored in the transcript, queued for the webhook).
 */
import type { Message, Update } from "grammy/types";
import { appendMessage, customerChat, findMessage, nextMessageId } from "./chats";
import type { SandboxCore } from "./core";
import { ControlError } from "./errors";
import { documentOf, photoSizes, stickerOf, storeCustomerMedia, videoOf, voiceOf } from "./media";
import { nowSeconds, type BotRecord } from "./state";
import { commandEntities, customerUser } from "./telegram-objects";
import type { CustomerEditInput, CustomerMessageInput, DeliveryOutcome, RawUpdateInput, UpdateReceipt } from "./types";

type MessageContent = Omit<Message, "message_id" | "date" | "chat" | "from">;

function contentOf(core: SandboxCore, bot: BotRecord, input: CustomerMessageInput): MessageContent {
  const { data } = core;
  const botId = bot.id;
  if (input.text !== undefined) return { text: input.text, entities: commandEntities(input.text) };
  if (input.photo) {
    const file = storeCustomerMedia(data, { botId, kind: "photo" });
    return { photo: photoSizes(data, file), caption: input.photo.caption };
  }
  if (input.document) {
    const { fileName, mimeType, content, caption } = input.document;
    const bytes = Buffer.from(content ?? `Sandbox document ${fileName}\n`, "utf8");
    return { document: documentOf(storeCustomerMedia(data, { botId, kind: "document", bytes, fileName, mimeType })), caption };
  }
  if (input.voice)
    return { voice: voiceOf(storeCustomerMedia(data, { botId, kind: "voice", duration: input.voice.duration ?? 2 })) };
  if (input.video) {
    return {
      video: videoOf(storeCustomerMedia(data, { botId, kind: "video", width: 640, height: 360, duration: 3 })),
      caption: input.video.caption,
    };
  }
  if (input.sticker)
    return { sticker: stickerOf(storeCustomerMedia(data, { botId, kind: "sticker" }), input.sticker.emoji ?? "👍") };
  if (input.location) return { location: { latitude: input.location.latitude, longitude: input.location.longitude } };
  if (input.contact) return { contact: { phone_number: input.contact.phoneNumber, first_name: input.contact.firstName } };
  throw new ControlError(400, "give exactly one of text, photo, document, voice, video, sticker, location, contact");
}

async function receipt(updateId: number, messageId: number, outcome?: Promise<DeliveryOutcome>): Promise<UpdateReceipt> {
  return outcome ? { updateId, messageId, delivery: await outcome } : { updateId, messageId };
}

/** "Customer 42 says hello": the message lands in the chat and goes to the bot as an update. */
export function customerSays(
  core: SandboxCore,
  bot: BotRecord,
  input: CustomerMessageInput,
  wait: boolean,
): Promise<UpdateReceipt> {
  const user = customerUser(input.customer, bot.chats[String(input.customer.id)]?.customer);
  const chat = customerChat(bot, user);
  const content = contentOf(core, bot, input);
  const message: Message = { message_id: nextMessageId(chat), from: user, chat: chat.chat, date: nowSeconds(), ...content };
  // Undefined fields (a photo without caption) would survive as keys in memory; drop them like JSON does.
  const clean = JSON.parse(JSON.stringify(message)) as Message;
  appendMessage(chat, "customer", clean);
  const { updateId, outcome } = core.delivery.enqueue(bot, { message: clean as Update["message"] }, wait);
  return receipt(updateId, clean.message_id, outcome);
}

/** The customer edits an earlier message of theirs: an edited_message update with edit_date. */
export function customerEdits(
  core: SandboxCore,
  bot: BotRecord,
  input: CustomerEditInput,
  wait: boolean,
): Promise<UpdateReceipt> {
  const chat = bot.chats[String(input.customer.id)];
  const stored = chat && findMessage(chat, input.messageId);
  if (!chat || !stored || stored.from !== "customer") {
    throw new ControlError(404, `customer ${input.customer.id} has no message ${input.messageId} in the chat with this bot`);
  }
  const { message } = stored;
  if (message.text === undefined && !(message.photo || message.document || message.video || message.voice)) {
    throw new ControlError(400, `message ${input.messageId} has neither text nor a caption to edit`);
  }
  stored.originalText ??= message.text ?? message.caption ?? "";
  const edit = message.text !== undefined ? { text: input.text, entities: commandEntities(input.text) } : { caption: input.text };
  const user = customerUser(input.customer, chat.customer);
  stored.message = JSON.parse(JSON.stringify({ ...message, from: user, ...edit, edit_date: nowSeconds() })) as Message;
  const { updateId, outcome } = core.delivery.enqueue(bot, { edited_message: stored.message as Update["edited_message"] }, wait);
  return receipt(updateId, input.messageId, outcome);
}

/** Any other update (callback_query, my_chat_member…) passed through as given, numbered by the sandbox. */
export function sendRawUpdate(core: SandboxCore, bot: BotRecord, update: RawUpdateInput, wait: boolean): Promise<UpdateReceipt> {
  const body = update as Omit<Update, "update_id">;
  const carried = body.message ?? body.edited_message ?? body.callback_query?.message;
  const { updateId, outcome } = core.delivery.enqueue(bot, body, wait);
  return receipt(updateId, carried?.message_id ?? 0, outcome);
}
