import "server-only";
import { getServerSession } from "next-auth";
import { connection } from "next/server";
import { authOptions } from "./options";

/** The signed-in user's id from the session cookie, or null. */
export async function currentUserId(): Promise<string | null> {
  await connection(); // per-request: never prerendered at build time, where no secrets exist
  const session = await getServerSession(authOptions());
  return session?.user?.id ?? null;
}
