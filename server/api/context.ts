import { database } from "@/db/client";
import { clientIp } from "@/lib/client-ip";
import { kv } from "@/lib/kv";
import { currentUserId } from "@/server/auth/session";
import type { Context } from "./trpc";

/** Context for one HTTP request: the database, the KV store, the signed-in user and their IP. */
export async function createContext(headers: Headers): Promise<Context> {
  return { db: database(), kv: kv(), userId: await currentUserId(), ip: clientIp(headers) };
}
