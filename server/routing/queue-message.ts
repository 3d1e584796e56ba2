// Pure text helpers: the Routing page previews with them, queue announcements send with them.

/** Replaced by the number of people ahead of the customer: "3". */
export const POSITION_PLACEHOLDER = "{position}";
/** Replaced by the people ahead of the customer, counted: "1 person", "3 people". */
export const PEOPLE_PLACEHOLDER = "{people}";

/** A project's two waiting messages: one while people are ahead, one when the customer is next. */
export type QueueMessages = { queueMessage: string; queueNextMessage: string };

/** The message a customer with `ahead` people before them hears, placeholders filled in. */
export function queueMessageText(messages: QueueMessages, ahead: number): string {
  if (ahead === 0) return messages.queueNextMessage;
  return messages.queueMessage
    .replaceAll(PEOPLE_PLACEHOLDER, `${ahead} ${ahead === 1 ? "person" : "people"}`)
    .replaceAll(POSITION_PLACEHOLDER, String(ahead));
}
