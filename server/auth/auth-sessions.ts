import { randomBytes } from "node:crypto";
import { and, eq, gt, lt, ne } from "drizzle-orm";
import type { Database } from "@/db/client";
import { authSessions } from "@/db/schema";
import { publishCommitted } from "@/server/events/bus";

/** How long a sign-in lasts without signing in again (the cookie's JWT has the same lifetime). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/**
 * Sign-ins as rows, so they can end before their JWT expires: the cookie carries the row's id, every
 * request checks the row still exists, and signing out (or a revocation) deletes it. Open event
 * streams of a deleted row close through the bus ("access.session_revoked").
 */
export async function openAuthSession(db: Database, userId: string): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  await db
    .insert(authSessions)
    .values({ sessionToken: id, userId, expires: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) });
  // Expired rows of this person go when they sign in again: no sweeper needed for a table this small.
  await db.delete(authSessions).where(and(eq(authSessions.userId, userId), lt(authSessions.expires, new Date())));
  return id;
}

/** Whether the sign-in `id` of `userId` is still open. */
export async function authSessionOpen(db: Database, id: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: authSessions.sessionToken })
    .from(authSessions)
    .where(and(eq(authSessions.sessionToken, id), eq(authSessions.userId, userId), gt(authSessions.expires, new Date())))
    .limit(1);
  return Boolean(row);
}

/** Ends one sign-in (signing out). */
export async function revokeAuthSession(db: Database, id: string): Promise<void> {
  const ended = await db
    .delete(authSessions)
    .where(eq(authSessions.sessionToken, id))
    .returning({ id: authSessions.sessionToken });
  await publishCommitted(ended.map((row) => ({ type: "access.session_revoked" as const, sessionId: row.id })));
}

/** Ends every sign-in of a person (password change, "sign out everywhere"), except `keep` if given. */
export async function revokeUserSessions(db: Database, userId: string, keep?: string): Promise<number> {
  const ended = await db
    .delete(authSessions)
    .where(and(eq(authSessions.userId, userId), keep ? ne(authSessions.sessionToken, keep) : undefined))
    .returning({ id: authSessions.sessionToken });
  await publishCommitted(ended.map((row) => ({ type: "access.session_revoked" as const, sessionId: row.id })));
  return ended.length;
}
