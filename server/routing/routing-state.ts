import { sql } from "drizzle-orm";
import type { PlanId } from "@/lib/access/plans";
import { rolesThatMay } from "@/lib/access/permission";
import { planState } from "@/lib/access/plan-state";
import type { AgentStatus } from "@/server/presence/change-status";
import type { Tx } from "@/db/transaction";
import type { ProjectRouting, RoutingAgent, RoutingRule, RoutingStrategy } from "./eligibility";
import type { QueueMessages } from "./queue-message";

export type RoutedProject = ProjectRouting &
  QueueMessages & {
    id: string;
    /** Queue messages go out only for an active project that is not archived. */
    sendsMessages: boolean;
  };

/** Everything a drain decides with, read once per transaction. */
export type RoutingState = {
  /** An expired plan assigns nothing: sessions wait. */
  planExpired: boolean;
  agents: RoutingAgent[];
  /** Skill groups with at least one seat member (a group nobody is in is ignored). */
  staffedGroups: Set<string>;
  /** The projects asked for, archived ones left out. */
  projects: Map<string, RoutedProject>;
};

type Row = {
  workspace: { plan: PlanId; trial_ends_at: string } | null;
  subscription: { plan: PlanId; seats: number; period_end: string } | null;
  agents:
    { user_id: string; status: AgentStatus; capacity: number; load: number; last_us: number | null; groups: string[] }[] | null;
  projects:
    | {
        id: string;
        routing_rule: RoutingRule;
        routing_strategy: RoutingStrategy;
        sticky_customers: boolean;
        scoped: string[] | null;
        sends: boolean;
        queue_message: string;
        queue_next_message: string;
      }[]
    | null;
};

/**
 * Reads, in ONE statement, a workspace's seat members with their status, capacity, load (open
 * assigned sessions across all projects) and rotation stamp, the routing settings of the projects
 * (all live ones, or `projectIds`), and its plan. Call under `lockWorkspaceRouting`.
 */
export async function loadRoutingState(tx: Tx, workspaceId: string, projectIds: readonly string[] | null): Promise<RoutingState> {
  const ws = sql`${workspaceId}::uuid`;
  const seatRoles = sql.join(
    rolesThatMay("inbox.work").map((role) => sql`${role}::member_role`),
    sql`, `,
  );
  const onlyProjects = projectIds ? sql`and p.id = any(${`{${projectIds.join(",")}}`}::uuid[])` : sql``;
  // Loads and groups by index lookups per agent (sessions_agent_open, skill_group_members_user): a
  // plan that stays cheap whatever the statistics say, never an aggregate joined per member.
  const [row] = await tx.execute<Row>(sql`
    with agents as (
      select m.user_id, m.status, m.capacity,
             (select count(*) from sessions s
              where s.workspace_id = ${ws} and s.assigned_user_id = m.user_id and s.status = 'open')::int as load,
             (extract(epoch from m.last_assigned_at) * 1000000)::bigint as last_us,
             array(select g.skill_group_id from skill_group_members g
                   where g.workspace_id = ${ws} and g.user_id = m.user_id) as groups
      from memberships m
      where m.workspace_id = ${ws} and m.role in (${seatRoles})
    ),
    routed as (
      select p.id, p.routing_rule, p.routing_strategy, p.sticky_customers, p.queue_message, p.queue_next_message,
             p.status = 'active' as sends,
             case when p.agent_scope = 'specific'
               then coalesce((select array_agg(pa.user_id) from project_agents pa where pa.project_id = p.id), '{}')
             end as scoped
      from projects p
      where p.workspace_id = ${ws} and p.archived_at is null ${onlyProjects}
    )
    select
      (select json_build_object('plan', w.plan, 'trial_ends_at', w.trial_ends_at) from workspaces w where w.id = ${ws}) as workspace,
      (select json_build_object('plan', s.plan, 'seats', s.seats, 'period_end', s.period_end) from subscriptions s
        where s.workspace_id = ${ws} and s.status = 'active' and s.period_end > now()
        order by s.period_end desc limit 1) as subscription,
      (select json_agg(agents) from agents) as agents,
      (select json_agg(routed) from routed) as projects
  `);
  if (!row?.workspace) return { planExpired: true, agents: [], staffedGroups: new Set(), projects: new Map() };

  const plan = planState(
    { plan: row.workspace.plan, trialEndsAt: new Date(row.workspace.trial_ends_at) },
    row.subscription
      ? { plan: row.subscription.plan, seats: row.subscription.seats, periodEnd: new Date(row.subscription.period_end) }
      : null,
  );
  const agents: RoutingAgent[] = (row.agents ?? []).map((a) => ({
    userId: a.user_id,
    status: a.status,
    capacity: a.capacity,
    load: a.load,
    lastAssignedUs: a.last_us === null ? null : Number(a.last_us),
    skillGroupIds: a.groups,
  }));
  const projects = new Map<string, RoutedProject>();
  for (const p of row.projects ?? []) {
    projects.set(p.id, {
      id: p.id,
      rule: p.routing_rule,
      strategy: p.routing_strategy,
      stickyCustomers: p.sticky_customers,
      scopedUserIds: p.scoped ? new Set(p.scoped) : null,
      sendsMessages: p.sends,
      queueMessage: p.queue_message,
      queueNextMessage: p.queue_next_message,
    });
  }
  return {
    planExpired: plan.readOnly,
    agents,
    staffedGroups: new Set(agents.flatMap((a) => a.skillGroupIds)),
    projects,
  };
}
