import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { invitations, memberships } from "@/db/schema";
import { uniqueEmail } from "@/db/test-helpers";
import { sha256Hex } from "@/lib/crypto/secret-box";
import { env } from "@/lib/env";
import { expireTrial, memberWithRole, upgradeToPro } from "@/server/projects/test-fixtures";
import { callerFor, signedUpUser } from "@/server/testing/callers";
import { findInvitation } from "./find-invitation";
import { accountWithoutWorkspace, expireInvitation, invitationRow, invite, membershipOf } from "./test-fixtures";

const TRIAL_FULL =
  "Your Trial plan includes 3 seats and all are taken. Remove a member or upgrade in Settings → Plan to add another.";
const PASSWORD = "invited agent 42";

describe("inviting by email", () => {
  it("shows the link once, stores only its hash, and a new account joins through it as an offline agent", async () => {
    const owner = await signedUpUser("inv-email");
    const ws = { workspaceId: owner.workspace.id };
    const email = uniqueEmail("new-agent");
    const created = await invite(owner.caller, ws.workspaceId, email.toUpperCase(), "agent");
    expect(created).toMatchObject({ role: "agent", address: email });
    expect(created.link).toMatch(new RegExp(`^${env().APP_URL}/invite/[A-Za-z0-9_-]{43}$`));
    expect(created.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.99 * 86_400_000);

    const row = await invitationRow(created.id);
    expect(row.tokenHash).toBe(sha256Hex(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(await owner.caller.team.invitations(ws)).toEqual([
      expect.objectContaining({
        id: created.id,
        address: email,
        role: "agent",
        via: "email",
        expired: false,
        invitedBy: "inv-email",
      }),
    ]);

    const joined = await callerFor(null).team.joinWithNewAccount({
      token: created.token,
      name: "Nina",
      email,
      password: PASSWORD,
    });
    expect(joined).toEqual({ workspaceSlug: owner.workspace.slug, landing: `/${owner.workspace.slug}/inbox` });
    const [member] = await database()
      .select()
      .from(memberships)
      .where(eq(memberships.workspaceId, ws.workspaceId))
      .then((rows) => rows.filter((r) => r.role === "agent"));
    expect(member).toMatchObject({ status: "offline", capacity: 5 });
    expect(await invitationRow(created.id)).toMatchObject({ acceptedByUserId: member!.userId, acceptedAt: expect.any(Date) });
    expect(await owner.caller.team.invitations(ws)).toEqual([]);

    // The account has no workspace of its own, and the link works once.
    expect(await callerFor(member!.userId).workspace.list()).toEqual([
      expect.objectContaining({ id: ws.workspaceId, role: "agent" }),
    ]);
    await expect(callerFor(member!.userId).team.acceptInvitation({ token: created.token })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/^This invitation was already used\./),
    });
  });

  it("is accepted only by the account with that email, in any letter case", async () => {
    const owner = await signedUpUser("inv-mismatch");
    const email = uniqueEmail("right-person");
    const { token } = await invite(owner.caller, owner.workspace.id, email, "supervisor");

    const stranger = await accountWithoutWorkspace();
    await expect(stranger.caller.team.acceptInvitation({ token })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: `This invitation is for ${email}, and you are signed in as ${stranger.email}. Sign out, then sign in or create an account as ${email}.`,
    });
    await expect(
      callerFor(null).team.joinWithNewAccount({ token, name: "Other", email: uniqueEmail("other"), password: PASSWORD }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining(`This invitation is for ${email}`) });
    expect(await membershipOf(owner.workspace.id, stranger.userId)).toBeNull();

    const right = await accountWithoutWorkspace(email);
    await expect(right.caller.team.acceptInvitation({ token })).resolves.toEqual({
      workspaceSlug: owner.workspace.slug,
      landing: `/${owner.workspace.slug}/inbox`,
    });
    expect(await membershipOf(owner.workspace.id, right.userId)).toMatchObject({ role: "supervisor" });
  });

  it("refuses an address already in the workspace, and lets a member who opens a link just land", async () => {
    const owner = await signedUpUser("inv-member");
    await expect(invite(owner.caller, owner.workspace.id, owner.email)).rejects.toMatchObject({
      code: "CONFLICT",
      message: `${owner.email} is already a member of this workspace.`,
    });
    const { token, id } = await invite(owner.caller, owner.workspace.id, "@already_here");
    await expect(owner.caller.team.acceptInvitation({ token })).resolves.toMatchObject({ workspaceSlug: owner.workspace.slug });
    expect(await membershipOf(owner.workspace.id, owner.userId)).toMatchObject({ role: "owner" });
    expect(await invitationRow(id)).toMatchObject({ acceptedAt: null });
  });
});

describe("inviting by Telegram username", () => {
  it("normalises the @username, and whoever holds the link joins once", async () => {
    const owner = await signedUpUser("inv-tg");
    const created = await invite(owner.caller, owner.workspace.id, " @Support_Kate ", "marketer");
    expect(created.address).toBe("@support_kate");
    expect(await invitationRow(created.id)).toMatchObject({ telegramUsername: "support_kate", email: null });

    // Someone with a workspace of their own joins a second one.
    const other = await signedUpUser("inv-tg-joiner");
    await expect(other.caller.team.acceptInvitation({ token: created.token })).resolves.toEqual({
      workspaceSlug: owner.workspace.slug,
      landing: `/${owner.workspace.slug}`,
    });
    expect(await membershipOf(owner.workspace.id, other.userId)).toMatchObject({ role: "marketer" });
    const third = await accountWithoutWorkspace();
    await expect(third.caller.team.acceptInvitation({ token: created.token })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("explains what a username must look like", async () => {
    const owner = await signedUpUser("inv-tg-bad");
    for (const address of ["@ab", "1startsdigit", "has space", "x".repeat(33)]) {
      await expect(
        invite(owner.caller, owner.workspace.id, address.startsWith("@") ? address : `@${address}`),
      ).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: "A Telegram username has 5 to 32 letters, digits or underscores and starts with a letter.",
      });
    }
  });
});

describe("pending invitations", () => {
  it("a revoked link says so; a re-invite of the same address replaces the pending one", async () => {
    const owner = await signedUpUser("inv-revoke");
    const ws = { workspaceId: owner.workspace.id };
    const email = uniqueEmail("twice");
    const first = await invite(owner.caller, ws.workspaceId, email);
    const second = await invite(owner.caller, ws.workspaceId, email, "supervisor");
    expect(await owner.caller.team.invitations(ws)).toEqual([expect.objectContaining({ id: second.id, role: "supervisor" })]);
    expect((await findInvitation(database(), first.token))?.state).toBe("revoked");

    const invitee = await accountWithoutWorkspace(email);
    await expect(invitee.caller.team.acceptInvitation({ token: first.token })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/^This invitation was withdrawn\. .*Ask inv-revoke to send you the current link\.$/),
    });

    await owner.caller.team.revokeInvitation({ ...ws, invitationId: second.id });
    expect(await owner.caller.team.invitations(ws)).toEqual([]);
    await expect(invitee.caller.team.acceptInvitation({ token: second.token })).rejects.toMatchObject({
      message: expect.stringMatching(/^This invitation was withdrawn\./),
    });
    expect(await membershipOf(ws.workspaceId, invitee.userId)).toBeNull();

    // Another workspace's invitation cannot be revoked from here.
    const other = await signedUpUser("inv-revoke-other");
    await expect(
      other.caller.team.revokeInvitation({ workspaceId: other.workspace.id, invitationId: first.id }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Invitation not found.",
    });
  });

  it("an expired link says when it ended and who to ask; an unknown one says what to check", async () => {
    const owner = await signedUpUser("inv-expired");
    const created = await invite(owner.caller, owner.workspace.id, uniqueEmail("late"));
    await expireInvitation(created.id);
    expect(await owner.caller.team.invitations({ workspaceId: owner.workspace.id })).toEqual([
      expect.objectContaining({ id: created.id, expired: true }),
    ]);
    const late = await accountWithoutWorkspace((await invitationRow(created.id)).email!);
    await expect(late.caller.team.acceptInvitation({ token: created.token })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(
        /^This invitation has expired\. Invitations are valid for 7 days .* Ask inv-expired to invite you again\.$/,
      ),
    });
    await expect(late.caller.team.acceptInvitation({ token: "A".repeat(43) })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/^This invitation link is not valid\./),
    });
  });
});

describe("seat quota", () => {
  it("counts members and pending seat invitations on invite; marketers and expired invitations take no seat", async () => {
    const owner = await signedUpUser("seats-invite");
    const ws = owner.workspace.id;
    await invite(owner.caller, ws, uniqueEmail("a1"));
    const second = await invite(owner.caller, ws, "@second_agent", "supervisor");
    await expect(invite(owner.caller, ws, uniqueEmail("a3"))).rejects.toMatchObject({ code: "FORBIDDEN", message: TRIAL_FULL });
    await expect(invite(owner.caller, ws, uniqueEmail("m1"), "marketer")).resolves.toMatchObject({ role: "marketer" });

    await expireInvitation(second.id);
    await expect(invite(owner.caller, ws, uniqueEmail("a3"))).resolves.toMatchObject({ role: "agent" });
    expect((await owner.caller.team.roster({ workspaceId: ws })).seats).toEqual({
      used: 1,
      pending: 2,
      quota: 3,
      planLabel: "Trial",
    });
  });

  it("gives the last seat to one of two people accepting at the same moment", async () => {
    const owner = await signedUpUser("seats-race");
    const ws = owner.workspace.id;
    const [a, b] = [await invite(owner.caller, ws, "@racer_one"), await invite(owner.caller, ws, "@racer_two")];
    // Someone else took a seat meanwhile: one seat is left for two invitations.
    await memberWithRole(ws, "agent");
    const [first, second] = [await accountWithoutWorkspace(), await accountWithoutWorkspace()];
    const results = await Promise.allSettled([
      first.caller.team.acceptInvitation({ token: a.token }),
      second.caller.team.acceptInvitation({ token: b.token }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.reason).toMatchObject({ code: "FORBIDDEN", message: TRIAL_FULL });
    const seats = await database().select().from(memberships).where(eq(memberships.workspaceId, ws));
    expect(seats).toHaveLength(3);
    const used = await database().select().from(invitations).where(eq(invitations.workspaceId, ws));
    expect(used.filter((i) => i.acceptedAt)).toHaveLength(1);
  });
});

describe("who may invite", () => {
  it("owners and admins invite; only the owner invites admins; nobody invites an owner", async () => {
    const owner = await signedUpUser("inv-roles");
    const ws = owner.workspace.id;
    await upgradeToPro(ws);
    const admin = await memberWithRole(ws, "admin");
    const agent = await memberWithRole(ws, "agent");
    await expect(invite(agent.caller, ws, uniqueEmail("x"))).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/^Only owners and admins can /),
    });
    await expect(invite(admin.caller, ws, uniqueEmail("x"), "admin")).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Only the owner can make someone an admin.",
    });
    await expect(
      owner.caller.team.invite({ workspaceId: ws, via: "email", address: uniqueEmail("x"), role: "owner" as "admin" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(invite(admin.caller, ws, "@marketing_sam", "marketer")).resolves.toMatchObject({ role: "marketer" });
    const invited = await invite(owner.caller, ws, "@new_admin_x", "admin");
    await expect(admin.caller.team.revokeInvitation({ workspaceId: ws, invitationId: invited.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    // Supervisors may look at pending invitations but not change them.
    const supervisor = await memberWithRole(ws, "supervisor");
    expect(await supervisor.caller.team.invitations({ workspaceId: ws })).toHaveLength(2);
    await expect(supervisor.caller.team.revokeInvitation({ workspaceId: ws, invitationId: invited.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("an expired plan refuses new invitations and accepting pending ones", async () => {
    const owner = await signedUpUser("inv-plan-expired");
    const pending = await invite(owner.caller, owner.workspace.id, "@before_expiry");
    await expireTrial(owner.workspace.id);
    await expect(invite(owner.caller, owner.workspace.id, uniqueEmail("after"))).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("plan has expired"),
    });
    const joiner = await accountWithoutWorkspace();
    await expect(joiner.caller.team.acceptInvitation({ token: pending.token })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("Trial plan has expired, so it cannot take new members"),
    });
    expect(await membershipOf(owner.workspace.id, joiner.userId)).toBeNull();
  });

  it("a new account from an invitation follows the sign-up rules", async () => {
    const owner = await signedUpUser("inv-weak");
    const email = uniqueEmail("weak");
    const { token } = await invite(owner.caller, owner.workspace.id, email);
    await expect(callerFor(null).team.joinWithNewAccount({ token, name: "W", email, password: "short1" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Password must be at least 10 characters.",
    });
    // An existing account is told to sign in instead.
    const taken = await invite(owner.caller, owner.workspace.id, "@taken_email");
    const other = await signedUpUser("inv-taken");
    await expect(
      callerFor(null).team.joinWithNewAccount({ token: taken.token, name: "T", email: other.email, password: PASSWORD }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "An account with this email already exists. Sign in instead." });
  });
});
