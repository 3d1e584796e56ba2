import { z } from "zod";

/**
 * Where a page of the session list ends: the last row's activity time in microseconds since the
 * epoch (PostgreSQL keeps microseconds; a JavaScript Date would round them and skip rows) and its id.
 */
export type SessionCursor = { micros: string; id: string };

const CURSOR = /^(\d{1,20})_([0-9a-f-]{36})$/;

export function encodeSessionCursor(cursor: SessionCursor): string {
  return `${cursor.micros}_${cursor.id}`;
}

export function decodeSessionCursor(value: string): SessionCursor | null {
  const match = CURSOR.exec(value);
  if (!match || !z.uuid().safeParse(match[2]).success) return null;
  return { micros: match[1]!, id: match[2]! };
}
