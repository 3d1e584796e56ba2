import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/transaction";
import type { BusEvent } from "@/server/events/types";

/**
 * A Start and the click recorder can race: the click is written after the redirect, and the customer
 * may press Start before it is committed. Both sides hold this per-payload lock (transaction advisory
 * lock) before the read that decides, so whichever commits second sees the other's rows.
 */
function payloadLock(payload: SQL): SQL {
  return sql`pg_advisory_xact_lock(hashtextextended('start-payload:' || ${payload}, 0))`;
}

/**
 * Records the touches in `starts` (click, contact, session, link's skill group) in the statement's
 * CTEs: the touch row, the click's first Start and contact, the contact's first (kept) and last click,
 * the session's click (when it has none) and the link's skill group (while the session is unassigned).
 * `starts` must select click_id, link_id, skill_group_id, contact_id, session_id, workspace_id, project_id.
 */
function recordTouches(starts: SQL): SQL {
  return sql`
    starts as (${starts}),
    touch as (
      insert into attribution_touches (workspace_id, project_id, contact_id, session_id, click_id, link_id)
      select workspace_id, project_id, contact_id, session_id, click_id, link_id from starts
      returning workspace_id, contact_id, session_id, click_id
    ),
    started as (
      update link_clicks k set started_at = coalesce(k.started_at, now()), contact_id = coalesce(k.contact_id, starts.contact_id)
      from starts where k.id = starts.click_id
      returning k.id
    ),
    contact as (
      update contacts c set first_click_id = coalesce(c.first_click_id, starts.click_id), last_click_id = starts.click_id
      from starts where c.id = starts.contact_id
      returning c.id
    ),
    session as (
      update sessions s set
        click_id = coalesce(s.click_id, starts.click_id),
        skill_group_id = case
          when s.status = 'open' and s.assigned_user_id is null and starts.skill_group_id is not null then starts.skill_group_id
          else s.skill_group_id
        end
      from starts where s.id = starts.session_id
      returning s.id
    )`;
}

/** The link's skill group, only when it is one of the link's workspace (never trusted across tenants). */
const linkSkillGroup = sql`(select g.id from skill_groups g where g.id = l.skill_group_id and g.workspace_id = l.workspace_id)`;

/**
 * A customer pressed Start with a payload (in the webhook's transaction, after the message was stored):
 * when the payload is a click of this project's diversion link, record the touch (first touch kept on
 * the contact, later ones added), mark the click started, and send the session to the link's skill group.
 *
 * One statement when the click is there (the usual case: the click is recorded long before the
 * customer reaches Telegram); when it is not, a second read after the payload lock catches a click
 * that was being written at that very moment (else `backfillAttribution` attributes it on commit).
 */
export async function attributeStart(
  tx: Tx,
  start: { workspaceId: string; projectId: string; sessionId: string; payload: string },
): Promise<BusEvent[]> {
  const payload = sql`${start.payload}::varchar`;
  const workspaceId = sql`${start.workspaceId}::uuid`;
  const attempt = () =>
    tx.execute<{ locked: unknown; session_id: string | null }>(sql`
      with locked as (select ${payloadLock(payload)}),
      ${recordTouches(sql`
        select k.id as click_id, k.link_id, ${linkSkillGroup} as skill_group_id, s.contact_id, s.id as session_id,
               k.workspace_id, k.project_id
        from link_clicks k
        join links l on l.id = k.link_id
        join sessions s on s.id = ${start.sessionId}::uuid and s.workspace_id = ${workspaceId} and s.project_id = k.project_id
        where k.payload = ${payload} and k.workspace_id = ${workspaceId} and k.project_id = ${start.projectId}::uuid
      `)}
      select (select count(*) from locked) as locked, (select session_id from touch limit 1) as session_id
    `);

  let [row] = await attempt();
  if (!row?.session_id) [row] = await attempt();
  const sessionId = row?.session_id;
  return sessionId ? [{ type: "session.updated", workspaceId: start.workspaceId, sessionId }] : [];
}

/**
 * Called by the click recorder right after it inserted clicks: a Start that arrived before its click
 * was written (the click is recorded after the redirect) is attributed now. Such a Start left its
 * payload on the contact (`last_start_payload`); its session is the contact's latest one.
 */
export async function backfillAttribution(tx: Tx, payloads: readonly string[]): Promise<BusEvent[]> {
  const unique = [...new Set(payloads)].sort();
  if (unique.length === 0) return [];
  const list = sql`${sql.param(unique)}::varchar[]`;
  // Its own statement: the read below must start after the lock is held (a fresh snapshot).
  await tx.execute(sql`select ${payloadLock(sql`p`)} from (select unnest(${list}) as p order by 1) as ordered`);
  const rows = await tx.execute<{ workspace_id: string; session_id: string }>(sql`
    with ${recordTouches(sql`
      select k.id as click_id, k.link_id, ${linkSkillGroup} as skill_group_id, c.id as contact_id,
             (select s.id from sessions s where s.contact_id = c.id order by s.opened_at desc limit 1) as session_id,
             k.workspace_id, k.project_id
      from link_clicks k
      join links l on l.id = k.link_id
      join contacts c on c.last_start_payload = k.payload and c.project_id = k.project_id and c.workspace_id = k.workspace_id
      where k.payload = any(${list})
        and not exists (select from attribution_touches t where t.contact_id = c.id and t.click_id = k.id)
    `)}
    select distinct workspace_id, session_id from touch where session_id is not null
  `);
  return rows.map((r) => ({ type: "session.updated", workspaceId: r.workspace_id, sessionId: r.session_id }));
}
