import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { memberships, users, workspaces } from "@/db/schema";
import { kv } from "@/lib/kv";
import { verifyCredentials } from "@/server/auth/sign-in";
import { DomainError } from "@/server/errors";
import { uniqueEmail, uniqueName } from "@/db/test-helpers";
import { callerFor } from "@/server/testing/callers";

const input = (label: string) => ({
  name: "Ada Lovelace",
  email: uniqueEmail(label).replace("example.test", "Example.TEST"),
  password: "analytical engine 1843",
  workspaceName: "Acme Support",
});

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

describe("auth.signUp", () => {
  it("creates the user, a workspace on a 3-day trial and an owner membership", async () => {
    const data = input("signup");
    const before = Date.now();
    const { workspaceSlug } = await callerFor(null).auth.signUp(data);
    const db = database();
    const [user] = await db.select().from(users).where(eq(users.email, data.email.toLowerCase()));
    expect(user?.passwordHash).toMatch(/^scrypt\$/);
    expect(user?.passwordHash).not.toContain(data.password);
    const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, workspaceSlug));
    expect(ws?.plan).toBe("trial");
    const trialMs = ws!.trialEndsAt.getTime() - before;
    expect(trialMs).toBeGreaterThan(3 * 86_400_000 - 60_000);
    expect(trialMs).toBeLessThan(3 * 86_400_000 + 60_000);
    const [member] = await db.select().from(memberships).where(eq(memberships.workspaceId, ws!.id));
    expect(member).toMatchObject({ userId: user!.id, role: "owner" });
  });

  it("refuses an email that is taken, in any letter case, and leaves data untouched", async () => {
    const data = input("taken");
    await callerFor(null).auth.signUp(data);
    const db = database();
    const countBefore = (await db.select().from(workspaces)).length;
    const again = callerFor(null).auth.signUp({ ...data, email: data.email.toUpperCase(), workspaceName: "Other" });
    await expect(again).rejects.toMatchObject({
      code: "CONFLICT",
      message: "An account with this email already exists. Sign in instead.",
    });
    expect((await db.select().from(workspaces)).length).toBe(countBefore);
  });

  it("lets two people sign up at once with the same workspace name", async () => {
    const workspaceName = `Twin ${uniqueName("w")}`;
    const [a, b] = await Promise.all([
      callerFor(null).auth.signUp({ ...input("twin-a"), workspaceName }),
      callerFor(null).auth.signUp({ ...input("twin-b"), workspaceName }),
    ]);
    expect(a.workspaceSlug).not.toBe(b.workspaceSlug);
  });

  it("gives one account when two sign-ups race for the same email", async () => {
    const data = input("race");
    const results = await Promise.all([codeOf(callerFor(null).auth.signUp(data)), codeOf(callerFor(null).auth.signUp(data))]);
    expect(results.sort()).toEqual(["CONFLICT", "OK"]);
  });

  it.each([
    ["short", "abc12", "at least 10 characters"],
    ["letters only", "abcdefghijkl", "mix letters"],
    ["digits only", "123456789012", "mix letters"],
    ["common", "password123", "too common"],
  ])("refuses a weak password (%s) with a clear message", async (_label, password, message) => {
    const error = await callerFor(null)
      .auth.signUp({ ...input("weak"), password })
      .catch((e: TRPCError) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect((error as TRPCError).message).toContain(message);
  });

  it("refuses an invalid email and a missing workspace name", async () => {
    await expect(callerFor(null).auth.signUp({ ...input("bad"), email: "not-an-email" })).rejects.toMatchObject({
      message: "Enter a valid email address.",
    });
    await expect(callerFor(null).auth.signUp({ ...input("bad"), workspaceName: " " })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("limits sign-ups from one IP", async () => {
    const ip = `203.0.113.9-${uniqueName("ip")}`;
    const codes: string[] = [];
    for (let i = 0; i < 12; i++) codes.push(await codeOf(callerFor(null, { ip }).auth.signUp(input(`limit${i}`))));
    expect(codes.filter((c) => c === "OK").length).toBeGreaterThan(0);
    expect(codes.at(-1)).toBe("TOO_MANY_REQUESTS");
  });
});

describe("sign-in credentials", () => {
  it("accepts the right password for any letter case of the email", async () => {
    const data = input("signin");
    await callerFor(null).auth.signUp(data);
    const user = await verifyCredentials(
      database(),
      kv(),
      { email: data.email.toUpperCase(), password: data.password },
      "198.51.100.1",
    );
    expect(user.email).toBe(data.email.toLowerCase());
  });

  it("says 'Wrong email or password.' for a wrong password and for an unknown email alike", async () => {
    const data = input("wrong");
    await callerFor(null).auth.signUp(data);
    const attempt = (email: string, password: string) => verifyCredentials(database(), kv(), { email, password }, "198.51.100.2");
    await expect(attempt(data.email, "wrong password 1")).rejects.toThrow("Wrong email or password.");
    await expect(attempt(`nobody-${data.email}`, data.password)).rejects.toThrow("Wrong email or password.");
  });

  it("blocks further attempts after too many failures, even with the right password", async () => {
    const data = input("brute");
    await callerFor(null).auth.signUp(data);
    const attempt = (password: string) => verifyCredentials(database(), kv(), { email: data.email, password }, "198.51.100.3");
    let last: unknown;
    for (let i = 0; i < 12; i++) last = await attempt(`guess number ${i}`).catch((e: unknown) => e);
    expect(last).toBeInstanceOf(DomainError);
    expect((last as DomainError).kind).toBe("rate_limited");
    expect((last as DomainError).message).toMatch(/^Too many sign-in attempts\. Try again in \d+ (seconds|minutes?)\.$/);
    await expect(attempt(data.password)).rejects.toMatchObject({ kind: "rate_limited" });
    // Another IP is not blocked by this one's failures.
    await expect(
      verifyCredentials(database(), kv(), { email: data.email, password: data.password }, "198.51.100.4"),
    ).resolves.toMatchObject({ email: data.email.toLowerCase() });
  });
});
