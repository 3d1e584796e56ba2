/** Seeds for timer and audit tests (never imported by the app): rows written directly, as routing would leave them. */
import { randomInt } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { database } from "@/db/client";
import type { TimerKind } from "@/db/schedule-timer";
import {
  agentStatusLog,
  contacts,
  memberships,
  projectAgents,
  projects,
  sessionLog,
  sessions,
  timers,
  users,
  workspaces,
} from "@/db/schema";
import { uniqueEmail } from "@/db/test-helpers";
import type { AgentStatus } from "@/server/presence/change-status";
import { seedConnectedProject } from "@/server/testing/seed-bot";
import { DEFAULT_LEASE_SECONDS, leaseExpiry, type DueTimer } from "./claim-due-timers";

export type Desk = Awaited<ReturnType<typeof seedDesk>>;

/**
 * A workspace with a connected project that routes only to the agents added with `addAgent`
 * (agent scope "specific"), so what routing does after a timer is predictable.
 */
export async function seedDesk(options: { expiredPlan?: boolean } = {}) {
  const seeded = await seedConnectedProject();
  const db = database();
  await db.update(projects).set({ agentScope: "specific" }).where(eq(projects.id, seeded.project.id));
  // An expired plan assigns nothing: sessions returned to the queue stay there.
  if (options.expiredPlan) {
    await db
      .update(workspaces)
      .set({ trialEndsAt: new Date(Date.now() - 86_400_000) })
      .where(eq(workspaces.id, seeded.workspace.id));
  }
  return { workspaceId: seeded.workspace.id, projectId: seeded.project.id, ownerId: seeded.owner.id };
}

/** A seat member in the project's scope, with the given status and capacity. */
export async function addAgent(desk: Desk, options: { status?: AgentStatus; capacity?: number; name?: string } = {}) {
  const db = database();
  const [user] = await db
    .insert(users)
    .values({ name: options.name ?? "Agent", email: uniqueEmail("agent") })
    .returning({ id: users.id });
  await db.insert(memberships).values({
    workspaceId: desk.workspaceId,
    userId: user!.id,
    role: "agent",
    status: options.status ?? "available",
    capacity: options.capacity ?? 5,
    statusChangedAt: sql`now() - interval '10 minutes'`,
  });
  await db.insert(projectAgents).values({ workspaceId: desk.workspaceId, projectId: desk.projectId, userId: user!.id });
  return user!.id;
}

type SessionSeed = {
  assignedUserId?: string | null;
  /** Minutes ago the session was assigned (default 4). */
  assignedMinutesAgo?: number;
  accepted?: boolean;
  transferredFromUserId?: string;
  transferredMinutesAgo?: number;
  firstResponse?: boolean;
  status?: "open" | "closed";
};

/** An open session of a new customer, assigned as described (or waiting in the queue). */
export async function addSession(desk: Desk, seed: SessionSeed = {}) {
  const db = database();
  const chatId = randomInt(100_000, 2 ** 40);
  const [contact] = await db
    .insert(contacts)
    .values({ workspaceId: desk.workspaceId, projectId: desk.projectId, telegramUserId: chatId, firstName: "Ada" })
    .returning({ id: contacts.id });
  const ago = (minutes: number) => sql`now() - make_interval(mins => ${minutes}::int)`;
  const assigned = seed.assignedUserId ?? null;
  const [session] = await db
    .insert(sessions)
    .values({
      workspaceId: desk.workspaceId,
      projectId: desk.projectId,
      contactId: contact!.id,
      chatId,
      status: seed.status ?? "open",
      assignedUserId: assigned,
      assignedAt: assigned ? ago(seed.assignedMinutesAgo ?? 4) : null,
      acceptedAt: assigned && seed.accepted ? sql`now()` : null,
      queuedAt: assigned ? null : sql`now()`,
      transferredFromUserId: seed.transferredFromUserId ?? null,
      transferredAt: seed.transferredFromUserId ? ago(seed.transferredMinutesAgo ?? 2) : null,
      firstResponseAt: seed.firstResponse ? sql`now()` : null,
    })
    .returning();
  return session!;
}

/** A timer row due `dueSecondsAgo` seconds ago (default 1), as scheduleTimer would have left it. */
export async function addTimer(
  desk: Pick<Desk, "workspaceId">,
  kind: TimerKind,
  subject: { sessionId?: string | null; userId?: string | null },
  dueSecondsAgo = 1,
) {
  const dueAt = sql`now() - make_interval(secs => ${dueSecondsAgo}::int)`;
  const [row] = await database()
    .insert(timers)
    .values({ workspaceId: desk.workspaceId, kind, sessionId: subject.sessionId ?? null, userId: subject.userId ?? null, dueAt })
    // A deadline for a subject that has one (e.g. still leased by a claim) moves it, as scheduleTimer does.
    .onConflictDoUpdate({ target: [timers.workspaceId, timers.kind, timers.sessionId, timers.userId], set: { dueAt } })
    .returning();
  return row!;
}

/** A due timer as a handler receives it: claimed, so the row carries the lease (the handler may schedule the same subject again). */
export async function claimedTimer(
  desk: Pick<Desk, "workspaceId">,
  kind: TimerKind,
  subject: { sessionId?: string | null; userId?: string | null },
  dueSecondsAgo = 1,
): Promise<DueTimer> {
  const row = await addTimer(desk, kind, subject, dueSecondsAgo);
  const [leased] = await database()
    .update(timers)
    .set({ dueAt: leaseExpiry(DEFAULT_LEASE_SECONDS) })
    .where(eq(timers.id, row.id))
    .returning({ leasedUntil: timers.dueAt });
  return { ...row, leasedUntil: leased!.leasedUntil };
}

export async function sessionNow(sessionId: string) {
  const [row] = await database().select().from(sessions).where(eq(sessions.id, sessionId));
  return row!;
}

export async function memberNow(desk: Desk, userId: string) {
  const [row] = await database()
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, desk.workspaceId), eq(memberships.userId, userId)));
  return row!;
}

export async function logOf(sessionId: string) {
  return database().select().from(sessionLog).where(eq(sessionLog.sessionId, sessionId)).orderBy(asc(sessionLog.id));
}

export async function statusLogOf(desk: Desk, userId: string) {
  return database()
    .select()
    .from(agentStatusLog)
    .where(and(eq(agentStatusLog.workspaceId, desk.workspaceId), eq(agentStatusLog.userId, userId)))
    .orderBy(asc(agentStatusLog.id));
}

export async function timersOf(workspaceId: string) {
  return database().select().from(timers).where(eq(timers.workspaceId, workspaceId)).orderBy(asc(timers.id));
}
