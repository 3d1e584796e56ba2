import { describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { eventBus } from "@/server/events/bus";
import type { BusEvent } from "@/server/events/types";
import { signedUpUser } from "@/server/testing/callers";
import { authSessionOpen, openAuthSession, revokeAuthSession, revokeUserSessions } from "./auth-sessions";
import { authOptions } from "./options";

const jwt = (token: { sub?: string; sid?: string }) =>
  authOptions().callbacks!.jwt!({ token, user: undefined as never, account: null });

describe("sign-ins as rows", () => {
  it("keeps a token working while its sign-in is open, and refuses it on the next request once signed out", async () => {
    const { userId } = await signedUpUser("auth-session");
    const signedIn = await authOptions().callbacks!.jwt!({ token: {}, user: { id: userId }, account: null });
    expect(signedIn).toMatchObject({ sub: userId, sid: expect.any(String) });
    await expect(jwt(signedIn)).resolves.toMatchObject({ sub: userId });

    const heard: BusEvent[] = [];
    const off = eventBus().subscribe((event) => heard.push(event));
    await authOptions().events!.signOut!({ token: signedIn, session: undefined as never });
    off();
    await expect(jwt(signedIn)).rejects.toThrow("This sign-in has ended.");
    expect(heard).toContainEqual({ type: "access.session_revoked", sessionId: signedIn.sid });
  });

  it("refuses tokens from before sign-ins were rows, and another person's sign-in id", async () => {
    const a = await signedUpUser("auth-old-token");
    const b = await signedUpUser("auth-other");
    await expect(jwt({ sub: a.userId })).rejects.toThrow();
    const sid = await openAuthSession(database(), b.userId);
    await expect(jwt({ sub: a.userId, sid })).rejects.toThrow();
  });

  it("ends every sign-in of a person except the one kept", async () => {
    const { userId } = await signedUpUser("auth-everywhere");
    const [here, laptop, phone] = await Promise.all([1, 2, 3].map(() => openAuthSession(database(), userId)));
    expect(await revokeUserSessions(database(), userId, here)).toBe(2);
    expect(await authSessionOpen(database(), here!, userId)).toBe(true);
    expect(await authSessionOpen(database(), laptop!, userId)).toBe(false);
    expect(await authSessionOpen(database(), phone!, userId)).toBe(false);
    await revokeAuthSession(database(), here!);
    expect(await authSessionOpen(database(), here!, userId)).toBe(false);
  });
});
