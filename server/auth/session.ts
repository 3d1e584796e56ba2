import "server-only";
import { getServerSession } from "next-auth";
import { connection } from "next/server";
import { authOptions } from "./options";

/** The signed-in person and which sign-in it is (its auth session id), or null. */
export async function currentViewer(): Promise<{ userId: string; sessionId: string | null } | null> {
  await connection(); // per-request: never prerendered at build time, where no secrets exist
  const session = await getServerSession(authOptions());
  const userId = session?.user?.id;
  return userId ? { userId, sessionId: session.sessionId ?? null } : null;
}

/** The signed-in user's id from the session cookie, or null. */
export async function currentUserId(): Promise<string | null> {
  return (await currentViewer())?.userId ?? null;
}
