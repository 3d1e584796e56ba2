import { z } from "zod";
import { pageSchema } from "@/server/audit/audit-filters";
import { replyTextSchema } from "@/server/inbox/reply";
import { cancelRiskCheck } from "@/server/risk/cancel-check";
import { createCryptoTemplateGroup } from "@/server/risk/create-template-group";
import { riskGroupOptions } from "@/server/risk/group-options";
import { riskGroupIdSchema, riskGroupInputSchema } from "@/server/risk/group-input";
import { getRiskGroup, listRiskGroups } from "@/server/risk/list-groups";
import { listRiskTriggers, riskTriggerFilterOptions } from "@/server/risk/list-triggers";
import { precheckReply } from "@/server/inbox/precheck-reply";
import { featureMissingMessage } from "@/lib/access/permission";
import { createRiskGroup, deleteRiskGroup, setRiskGroupEnabled, updateRiskGroup } from "@/server/risk/save-group";
import { riskTriggerFiltersSchema } from "@/server/risk/trigger-filters";
import { createTRPCRouter, requirePermission } from "../trpc";

const readGroups = requirePermission("risk.view");
const editGroups = requirePermission("risk.manage");
const audit = requirePermission("audit.view");
const agents = requirePermission("risk.check");
const onGroup = z.object({ groupId: riskGroupIdSchema });

export const riskRouter = createTRPCRouter({
  /** The Risk control page: whether the plan includes it, the groups, and what they can apply to and exempt. */
  overview: readGroups.query(async ({ ctx }) => {
    const plan = ctx.plan;
    const [groups, options] = await Promise.all([
      listRiskGroups(ctx.db, ctx.workspace.id),
      riskGroupOptions(ctx.db, ctx.workspace.id),
    ]);
    const included = plan.features.includes("riskControl");
    return {
      included,
      upgradeMessage: included
        ? null
        : `${featureMissingMessage("riskControl", plan)} Until then agents' messages are not checked.`,
      readOnly: plan.readOnly,
      groups,
      options,
    };
  }),

  /** One group, whole (keywords and patterns), for editing. */
  group: readGroups.input(onGroup).query(({ ctx, input }) => getRiskGroup(ctx.db, ctx.workspace.id, input.groupId)),

  createGroup: editGroups
    .input(riskGroupInputSchema)
    .mutation(({ ctx, input }) => createRiskGroup(ctx.db, ctx.workspace.id, input)),

  updateGroup: editGroups
    .input(riskGroupInputSchema.and(onGroup))
    .mutation(({ ctx, input }) => updateRiskGroup(ctx.db, ctx.workspace.id, input.groupId, input)),

  setEnabled: editGroups
    .input(onGroup.extend({ enabled: z.boolean() }))
    .mutation(({ ctx, input }) => setRiskGroupEnabled(ctx.db, ctx.workspace.id, input.groupId, input.enabled)),

  /** Deleting is allowed on any plan: it only removes a rule (records stay). */
  deleteGroup: requirePermission("risk.delete")
    .input(onGroup)
    .mutation(async ({ ctx, input }) => {
      await deleteRiskGroup(ctx.db, ctx.workspace.id, input.groupId);
    }),

  /** The built-in "Crypto addresses" group (TRC20, ERC20, BTC), in one click. */
  createCryptoTemplate: editGroups.mutation(({ ctx }) => createCryptoTemplateGroup(ctx.db, ctx.workspace.id)),

  /** While the agent types: what the draft would hit. No records; the server checks again on send. */
  precheck: agents
    .input(z.object({ sessionId: z.uuid("Unknown conversation."), text: replyTextSchema }))
    .query(({ ctx, input }) =>
      precheckReply(ctx.db, ctx.kv, {
        workspaceId: ctx.workspace.id,
        userId: ctx.userId,
        sessionId: input.sessionId,
        text: input.text,
      }),
    ),

  /** The agent does not send a message that needed confirming: its records become "cancelled". */
  cancel: agents
    .input(z.object({ checkId: z.uuid("Unknown check.") }))
    .mutation(({ ctx, input }) =>
      cancelRiskCheck(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.userId, checkId: input.checkId }),
    ),

  /** Audit → Risk triggers: the records, filtered, newest first, a page at a time. */
  triggers: audit
    .input(z.object({ filters: riskTriggerFiltersSchema.default({}) }).extend(pageSchema.shape))
    .query(({ ctx, input }) =>
      listRiskTriggers(ctx.db, ctx.workspace.id, input.filters, { cursor: input.cursor, limit: input.limit }),
    ),

  triggerFilterOptions: audit.query(({ ctx }) => riskTriggerFilterOptions(ctx.db, ctx.workspace.id)),
});
