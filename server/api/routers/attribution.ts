import { z } from "zod";
import { linkAnalytics } from "@/server/links/analytics";
import { analyticsFiltersSchema } from "@/server/links/analytics-filters";
import { contactProfile } from "@/server/links/contact-profile";
import { createTRPCRouter, requirePermission } from "../trpc";

/** Reading only: an expired plan keeps its figures readable (PRODUCT.md: data kept, console read-only). */
export const attributionRouter = createTRPCRouter({
  /** Clicks, unique visitors, Starts, sessions and conversion per link and channel over a time range. */
  analytics: requirePermission("links.view")
    .input(analyticsFiltersSchema)
    .query(({ ctx, input }) => linkAnalytics(ctx.db, ctx.workspace.id, input)),

  /** Where the customer of a conversation came from: first touch and later ones. */
  contactProfile: requirePermission("inbox.view")
    .input(z.object({ sessionId: z.uuid("Unknown conversation.") }))
    .query(({ ctx, input }) =>
      contactProfile(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.userId, sessionId: input.sessionId }),
    ),
});
