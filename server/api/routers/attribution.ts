import { z } from "zod";
import { INBOX_ROLES } from "@/server/inbox/roles";
import { linkAnalytics } from "@/server/links/analytics";
import { ANALYTICS_ROLES, analyticsFiltersSchema } from "@/server/links/analytics-filters";
import { contactProfile } from "@/server/links/contact-profile";
import { createTRPCRouter, requireRole, workspaceProcedure } from "../trpc";

/** Reading only: an expired plan keeps its figures readable (PRODUCT.md: data kept, console read-only). */
export const attributionRouter = createTRPCRouter({
  /** Clicks, unique visitors, Starts, sessions and conversion per link and channel over a time range. */
  analytics: workspaceProcedure
    .use(requireRole(...ANALYTICS_ROLES))
    .input(analyticsFiltersSchema)
    .query(({ ctx, input }) => linkAnalytics(ctx.db, ctx.workspace.id, input)),

  /** Where the customer of a conversation came from: first touch and later ones. */
  contactProfile: workspaceProcedure
    .use(requireRole(...INBOX_ROLES))
    .input(z.object({ sessionId: z.uuid("Unknown conversation.") }))
    .query(({ ctx, input }) =>
      contactProfile(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.userId, sessionId: input.sessionId }),
    ),
});
