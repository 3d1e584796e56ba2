import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { invitations, users } from "@/db/schema";
import { invitationAddress } from "./invitation-link";

/** Invitations not yet accepted or revoked, newest first; expired ones are flagged so they can be re-sent. */
export async function listInvitations(db: Database, workspaceId: string) {
  const rows = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      telegramUsername: invitations.telegramUsername,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
      expired: sql<boolean>`${invitations.expiresAt} <= now()`,
      invitedBy: users.name,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedByUserId))
    .where(and(eq(invitations.workspaceId, workspaceId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .orderBy(desc(invitations.createdAt));
  return rows.map(({ email, telegramUsername, ...row }) => ({
    ...row,
    via: email ? ("email" as const) : ("telegram" as const),
    address: invitationAddress({ email, telegramUsername }),
  }));
}
