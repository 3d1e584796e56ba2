import { env } from "@/lib/env";

/** Present while the member has a console open in the workspace (refreshed by every heartbeat, expires after the TTL). */
export function presenceKey(workspaceId: string, userId: string): string {
  return `presence:${workspaceId}:${userId}`;
}

/** When the member last interacted with a console (ms since the epoch): the idle timeout counts from it. */
export function activityKey(workspaceId: string, userId: string): string {
  return `presence:active:${workspaceId}:${userId}`;
}

/** Set when activity last moved the idle timer in PostgreSQL, so it moves at most once per window. */
export function idlePushKey(workspaceId: string, userId: string): string {
  return `presence:idle-push:${workspaceId}:${userId}`;
}

/** Activity moves the idle deadline in PostgreSQL at most this often per agent. */
export const IDLE_PUSH_WINDOW_MS = 60_000;

/** Longer than the longest idle timeout (240 minutes), so the last activity is known when the timer fires. */
export const ACTIVITY_TTL_MS = 245 * 60_000;

export function presenceTtlSeconds(): number {
  return env().PRESENCE_TTL_SECONDS;
}
