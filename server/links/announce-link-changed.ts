import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { links } from "@/db/schema";
import { kv as defaultKv, type Kv } from "@/lib/kv";
import { publishCommitted } from "@/server/events/bus";
import { linkKvKey, linkResolver } from "./resolve-link";

// A redirect that read the database just before the commit may write its (old) copy into the KV
// just after the first delete; a second delete a moment later removes that copy too.
const SECOND_DELETE_MS = 2_000;

/**
 * After a link change is committed: drops the KV copy of each code and tells every instance (bus
 * `link.changed`) to drop its own, so the redirect answers with the new state at once.
 */
export async function announceLinkChanged(codes: readonly string[], store: Kv = defaultKv()): Promise<void> {
  if (!codes.length) return;
  const keys = codes.map(linkKvKey);
  const drop = () =>
    store.del(...keys).catch((error: unknown) => {
      console.error(`[links] could not drop cached links: ${error instanceof Error ? error.message : String(error)}`);
    });
  for (const code of codes) linkResolver().forget(code);
  await drop();
  setTimeout(() => void drop(), SECOND_DELETE_MS).unref();
  await publishCommitted(codes.map((code) => ({ type: "link.changed" as const, code })));
}

/**
 * For changes outside the links themselves that the redirect depends on (a project's bot connected,
 * disconnected or renamed; a plan bought or ended): call after commit so its links follow at once
 * instead of after the caches' TTLs (30 s in process, 60 s in the KV).
 */
export async function announceLinksOf(db: Database, scope: { projectId: string } | { workspaceId: string }): Promise<void> {
  const rows = await db
    .select({ code: links.code })
    .from(links)
    .where("projectId" in scope ? eq(links.projectId, scope.projectId) : eq(links.workspaceId, scope.workspaceId));
  await announceLinkChanged(rows.map((row) => row.code));
}
