import { z } from "zod";

// PostgreSQL text and jsonb refuse U+0000 and lone surrogates (JSON can spell both); Telegram never sends them.
const cleanText = z.string().transform((s) => s.replaceAll("\0", "").toWellFormed());

/** The first `max` code points of `s`: a surrogate pair is kept or cut whole, never split. */
export function truncateText(s: string, max: number): string {
  // A string has at least as many UTF-16 units as code points: most values end here.
  if (s.length <= max) return s;
  let end = 0;
  for (let kept = 0; kept < max && end < s.length; kept++) end += s.codePointAt(end)! > 0xffff ? 2 : 1;
  return s.slice(0, end);
}

/** Free text (names, messages, captions): cut to `max` code points, so the customer's words are kept. */
export const cutText = (max: number) => cleanText.transform((s) => truncateText(s, max));

/**
 * An identifier (username, file id, MIME type): undefined when empty, longer than `max` code points
 * or outside `alphabet`, as a cut identifier would name something else.
 */
export const validOrDropped = (max: number, alphabet?: RegExp) =>
  cleanText.transform((s) => (s !== "" && truncateText(s, max) === s && (!alphabet || alphabet.test(s)) ? s : undefined));
