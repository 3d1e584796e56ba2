import "server-only";
import { eq } from "drizzle-orm";
import { cache } from "react";
import { database } from "@/db/client";
import { users } from "@/db/schema";
import { currentUserId } from "@/server/auth/session";
import { findMembership } from "./membership";
import { SLUG_PATTERN } from "./slug";

/**
 * The signed-in user and their membership in the workspace at `/{slug}`, once per request.
 * `membership` is null both for an unknown slug and for someone else's workspace.
 */
export const consoleMembership = cache(async (slug: string) => {
  const userId = await currentUserId();
  if (!userId) return { user: null, membership: null } as const;
  const db = database();
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!user) return { user: null, membership: null } as const;
  const membership = SLUG_PATTERN.test(slug) ? await findMembership(db, userId, { slug }) : null;
  return { user, membership } as const;
});
