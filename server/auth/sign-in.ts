import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import type { Kv } from "@/lib/kv/types";
import { rateLimit, resetRateLimit } from "@/lib/rate-limit";
import { DomainError } from "@/server/errors";
import { signInInput } from "./credentials";
import { decoyHash, verifyPassword } from "./password";

export const WRONG_CREDENTIALS = "Wrong email or password.";

/** Checks email and password under the sign-in rate limit; returns the user or throws a DomainError. */
export async function verifyCredentials(db: Database, kv: Kv, raw: unknown, ip: string) {
  const parsed = signInInput.safeParse(raw);
  if (!parsed.success) throw new DomainError("invalid", parsed.error.issues[0]?.message ?? WRONG_CREDENTIALS);
  const { email, password } = parsed.data;
  const key = `${email}|${ip}`;
  const [perAccount, perNetwork] = await Promise.all([rateLimit(kv, "signIn", key), rateLimit(kv, "signInByIp", ip)]);
  const limit = perAccount.ok ? perNetwork : perAccount;
  if (!limit.ok) {
    throw new DomainError("rate_limited", `Too many sign-in attempts. Try again in ${formatWait(limit.retryAfterSeconds)}.`);
  }
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !ok) throw new DomainError("unauthenticated", WRONG_CREDENTIALS);
  await resetRateLimit(kv, "signIn", key);
  return { id: user.id, email: user.email, name: user.name };
}

export function formatWait(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.ceil(seconds))} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}
