const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "now", "5m", "3h", "Mon", "12 Mar": how long ago, as short as a session list needs. */
export function relativeTime(date: Date, now: number): string {
  const ago = now - date.getTime();
  if (ago < MINUTE) return "now";
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)}m`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)}h`;
  if (ago < 7 * DAY) return date.toLocaleDateString(undefined, { weekday: "short" });
  return date.toLocaleDateString(undefined, { day: "numeric", month: "short" });
}

/** "5 minutes", "2 hours": for the unanswered badge. */
export function waitingFor(since: Date, now: number): string {
  const ago = Math.max(0, now - since.getTime());
  if (ago < MINUTE) return "just now";
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} min`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h`;
  return `${Math.floor(ago / DAY)} d`;
}

export function clockTime(date: Date): string {
  return date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

export function fullTime(date: Date): string {
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** The session list highlights customers waiting longer than this (PRODUCT.md: unanswered for 5 minutes). */
export const LONG_WAIT_MS = 5 * MINUTE;
