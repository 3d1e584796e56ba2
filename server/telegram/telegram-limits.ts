/**
 * How long each string Deskgram keeps from a Telegram update may be, counted in code points: never
 * more than Telegram's own count (UTF-16 units), so a genuine value is never cut. Telegram's
 * documented limit where it states one (https://core.telegram.org/bots/api), else a cap well above
 * anything it sends. A longer value cannot come from a real client, yet the update is still stored
 * and acknowledged (a refusal would make Telegram deliver it again and again): free text is cut,
 * so the customer's words are kept; an identifier is dropped, as a cut one would name something else.
 *
 * Not read, so not listed: callback_query (callback_data ≤ 64 bytes) and every other update kind
 * Deskgram does not handle; only their kind is stored, checked by updateKind.
 */
export const TELEGRAM_LIMITS = {
  /** User.first_name: 1–64 characters. Cut. */
  firstName: 64,
  /** User.last_name: 0–64 characters. Cut. */
  lastName: 64,
  /** User.username: 5–32 characters of a–z, 0–9 and _. Dropped. */
  username: 32,
  /** User.language_code: an IETF tag Telegram sends short ("en", "pt-br"); contacts.language_code is varchar(16). Dropped. */
  languageCode: 16,
  /** Message.text: 1–4096 characters after entities parsing. Cut. */
  text: 4096,
  /** Message.caption: 0–1024 characters after entities parsing. Cut. */
  caption: 1024,
  /** Deep-link /start parameter: up to 64 characters of A–Z, a–z, 0–9, _ and -. Ignored when longer (start-command.ts). */
  startPayload: 64,
  /** Poll.question: 1–300 characters. Cut. */
  pollQuestion: 300,
  /** file_id: undocumented; Telegram's are under 200 base64url characters. Dropped: the file shows as not downloadable. */
  fileId: 256,
  /** file_unique_id: undocumented; Telegram's are about 16–20 characters. Dropped. */
  fileUniqueId: 64,
  /** file_name: undocumented; 255 is what common file systems allow. Cut. */
  fileName: 255,
  /** mime_type: RFC 6838 allows 127 characters for the type and for the subtype. Dropped. */
  mimeType: 255,
  /** Audio performer and title, venue title and address: undocumented free text. Cut. */
  label: 255,
  /** Contact.phone_number: undocumented; E.164 numbers have 15 digits, written ones some spaces and signs. Dropped. */
  phoneNumber: 64,
  /** Sticker.emoji: one emoji, the longest standard sequences have 10 code points. Dropped. */
  emoji: 16,
} as const;
