/** Characters kept on each side of a hit in a trigger record's excerpt. */
const AROUND = 40;
/** A longer hit is shortened in the middle in the excerpt (the record keeps the matched text itself). */
const HIT_MAX = 200;

// Never cut a surrogate pair in half.
function safeStart(text: string, at: number): number {
  return at > 0 && (text.charCodeAt(at) & 0xfc00) === 0xdc00 ? at - 1 : at;
}
function safeEnd(text: string, at: number): number {
  return at < text.length && (text.charCodeAt(at) & 0xfc00) === 0xdc00 ? at + 1 : at;
}

/** The message around a hit: up to 40 characters either side, with "…" where it was cut. */
export function excerptAround(text: string, start: number, end: number): string {
  const from = safeStart(text, Math.max(0, start - AROUND));
  const to = safeEnd(text, Math.min(text.length, end + AROUND));
  let hit = text.slice(start, end);
  if (hit.length > HIT_MAX) {
    hit = `${text.slice(start, safeEnd(text, start + HIT_MAX / 2))}…${text.slice(safeStart(text, end - HIT_MAX / 2), end)}`;
  }
  const before = text.slice(from, start);
  const after = text.slice(end, to);
  return `${from > 0 ? "…" : ""}${before}${hit}${after}${to < text.length ? "…" : ""}`.replace(/\s+/g, " ");
}

/** The matched text as stored (a pattern can match a lot). */
export function storedMatch(text: string): string {
  return text.length > HIT_MAX ? `${text.slice(0, safeEnd(text, HIT_MAX))}…` : text;
}
