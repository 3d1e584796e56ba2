import { randomBytes } from "node:crypto";
import { database } from "@/db/client";
import { uniqueEmail } from "@/db/test-helpers";
import { kv } from "@/lib/kv";
import type { Kv } from "@/lib/kv/types";
import { createCaller } from "@/server/api/root";
import { signUp } from "@/server/auth/sign-up";

/** A tRPC caller acting as `userId` (null = signed out), with a fresh IP so rate limits do not leak between tests. */
export function callerFor(userId: string | null, options: { ip?: string; kv?: Kv } = {}) {
  const ip = options.ip ?? `10.${randomBytes(3).join(".")}`;
  return createCaller({ db: database(), kv: options.kv ?? kv(), userId, ip });
}

/** Signs up a new user with their own workspace, straight through the domain function. */
export async function signedUpUser(label: string) {
  const email = uniqueEmail(label);
  const password = "correct horse 42";
  const { userId, workspace } = await signUp(database(), { name: label, email, password, workspaceName: `${label} Inc` });
  return { userId, email, password, workspace, caller: callerFor(userId) };
}
