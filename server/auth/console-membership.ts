import "server-only";
import { eq } from "drizzle-orm";
import { cache } from "react";
import { database } from "@/db/client";
import { users } from "@/db/schema";
import type { Action } from "@/lib/access/actions";
import type { Permission } from "@/lib/access/permission";
import type { PlanState } from "@/lib/access/plan-state";
import { memberAccess } from "./member-access";
import { currentUserId } from "@/server/auth/session";
import { findMembership } from "@/server/workspaces/membership";
import { SLUG_PATTERN } from "@/server/workspaces/slug";

type Found = {
  user: { id: string; name: string | null; email: string };
  membership: NonNullable<Awaited<ReturnType<typeof findMembership>>>;
  plan: PlanState;
  /** What the access model says of this member doing `action` here (lib/access). */
  access: (action: Action) => Permission;
};
type NotFound = { user: Found["user"] | null; membership: null; plan: null; access: null };

/**
 * The signed-in user, their membership in the workspace at `/{slug}` and its plan's state, once per
 * request, with the access model's answers for pages and their buttons. `membership` is null both
 * for an unknown slug and for someone else's workspace.
 */
export const consoleMembership = cache(async (slug: string): Promise<Found | NotFound> => {
  const none = { membership: null, plan: null, access: null } as const;
  const userId = await currentUserId();
  if (!userId) return { user: null, ...none };
  const db = database();
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!user) return { user: null, ...none };
  const membership = SLUG_PATTERN.test(slug) ? await findMembership(db, userId, { slug }) : null;
  if (!membership) return { user, ...none };
  const { plan, access } = await memberAccess(db, membership);
  return { user, membership, plan, access };
});
