/** Seeds for team tests (never imported by the app). */
import { eq } from "drizzle-orm";
import { database } from "@/db/client";
import { invitations, memberships, users } from "@/db/schema";
import { uniqueEmail } from "@/db/test-helpers";
import { callerFor } from "@/server/testing/callers";
import type { AssignableRole } from "./team-input";

type Caller = ReturnType<typeof callerFor>;

/** The token at the end of an invitation link. */
export function tokenOf(link: string): string {
  return new URL(link).pathname.split("/").at(-1)!;
}

/** Invites by email or @username through the router, as the Agents page does. */
export async function invite(caller: Caller, workspaceId: string, address: string, role: AssignableRole = "agent") {
  const via = address.includes("@") && !address.trim().startsWith("@") ? "email" : "telegram";
  const created = await caller.team.invite({ workspaceId, via, address, role });
  return { ...created, token: tokenOf(created.link) };
}

/** An account with no workspace (no password: it acts through callerFor). */
export async function accountWithoutWorkspace(email = uniqueEmail("invitee"), name = "Invitee") {
  const [user] = await database().insert(users).values({ name, email }).returning({ id: users.id });
  return { userId: user!.id, email, caller: callerFor(user!.id) };
}

export async function membershipOf(workspaceId: string, userId: string) {
  const rows = await database().select().from(memberships).where(eq(memberships.userId, userId));
  return rows.find((r) => r.workspaceId === workspaceId) ?? null;
}

export async function invitationRow(id: string) {
  const [row] = await database().select().from(invitations).where(eq(invitations.id, id));
  return row!;
}

export async function expireInvitation(id: string) {
  await database()
    .update(invitations)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(invitations.id, id));
}
