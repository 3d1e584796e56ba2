import { z } from "zod";
import { passwordSchema, signUpInput } from "@/server/auth/credentials";
import { assertSignUpAllowed } from "@/server/auth/sign-up";
import { acceptInvitation, joinWithNewAccount } from "@/server/team/accept-invitation";
import { changeRole } from "@/server/team/change-role";
import { createInvitation } from "@/server/team/create-invitation";
import { listInvitations } from "@/server/team/list-invitations";
import { listMemberNames, listMembers } from "@/server/team/list-members";
import { setCapacity, setPermissions } from "@/server/team/member-settings";
import { removeMember } from "@/server/team/remove-member";
import { revokeInvitation } from "@/server/team/revoke-invitation";
import { seatUsage } from "@/server/team/seat-usage";
import { addSkillGroupMember, removeSkillGroupMember } from "@/server/team/skill-group-members";
import { createSkillGroup, deleteSkillGroup, listSkillGroups, renameSkillGroup } from "@/server/team/skill-groups";
import {
  assignableRoleSchema,
  capacitySchema,
  invitationInput,
  invitationTokenSchema,
  memberIdSchema,
  skillGroupIdSchema,
  skillGroupNameSchema,
} from "@/server/team/team-input";
import { createTRPCRouter, protectedProcedure, publicProcedure, requirePermission } from "../trpc";

/** Team changes: owners and admins, on a plan that has not expired. */
const managerProcedure = requirePermission("team.manage");
const member = z.object({ userId: memberIdSchema });
const skillGroup = z.object({ skillGroupId: skillGroupIdSchema });

export const teamRouter = createTRPCRouter({
  /** Lightweight list for other pages' pickers: id is the user id. */
  members: requirePermission("team.list").query(({ ctx }) => listMemberNames(ctx.db, ctx.workspace.id)),

  /** The Agents page: members with status, load and permissions, and seat usage. Supervisors may look. */
  roster: requirePermission("team.view").query(async ({ ctx }) => {
    const [members, seats] = await Promise.all([
      listMembers(ctx.db, ctx.workspace.id),
      seatUsage(ctx.db, ctx.workspace.id, ctx.plan),
    ]);
    return { members, seats, readOnly: ctx.plan.readOnly };
  }),

  invitations: requirePermission("team.view").query(({ ctx }) => listInvitations(ctx.db, ctx.workspace.id)),

  /** The link is returned once: only its SHA-256 is stored. */
  invite: managerProcedure.input(invitationInput).mutation(({ ctx, input }) =>
    createInvitation(ctx.db, {
      workspaceId: ctx.workspace.id,
      actor: { userId: ctx.userId, role: ctx.role },
      plan: ctx.plan,
      invitation: input,
    }),
  ),

  revokeInvitation: managerProcedure
    .input(z.object({ invitationId: z.uuid("Unknown invitation.") }))
    .mutation(({ ctx, input }) =>
      revokeInvitation(ctx.db, { workspaceId: ctx.workspace.id, invitationId: input.invitationId, actorRole: ctx.role }),
    ),

  /** A signed-in person accepts an invitation ("Join <workspace>"). */
  acceptInvitation: protectedProcedure
    .input(z.object({ token: invitationTokenSchema }))
    .mutation(({ ctx, input }) => acceptInvitation(ctx.db, { token: input.token, userId: ctx.userId })),

  /** Someone new creates an account from the invitation (same rules as sign-up) and joins; the browser then signs in. */
  joinWithNewAccount: publicProcedure
    .input(signUpInput.pick({ name: true, email: true }).extend({ password: passwordSchema, token: invitationTokenSchema }))
    .mutation(async ({ ctx, input }) => {
      await assertSignUpAllowed(ctx.kv, ctx.ip);
      return joinWithNewAccount(ctx.db, input);
    }),

  changeRole: managerProcedure.input(member.extend({ role: assignableRoleSchema })).mutation(({ ctx, input }) =>
    changeRole(ctx.db, {
      workspaceId: ctx.workspace.id,
      actor: { userId: ctx.userId, role: ctx.role },
      userId: input.userId,
      role: input.role,
      plan: ctx.plan,
    }),
  ),

  setCapacity: managerProcedure
    .input(member.extend({ capacity: capacitySchema }))
    .mutation(({ ctx, input }) =>
      setCapacity(ctx.db, { workspaceId: ctx.workspace.id, userId: input.userId, capacity: input.capacity }),
    ),

  setPermissions: managerProcedure
    .input(member.extend({ mayTransfer: z.boolean().optional(), mayViewAll: z.boolean().optional() }))
    .mutation(({ ctx, input }) => setPermissions(ctx.db, { ...input, workspaceId: ctx.workspace.id })),

  remove: managerProcedure.input(member).mutation(({ ctx, input }) =>
    removeMember(ctx.db, {
      workspaceId: ctx.workspace.id,
      actor: { userId: ctx.userId, role: ctx.role },
      userId: input.userId,
    }),
  ),

  /** Every skill group with member ids; any member may read (links and risk forms pick from it). */
  skillGroups: requirePermission("team.list").query(({ ctx }) => listSkillGroups(ctx.db, ctx.workspace.id)),

  createSkillGroup: managerProcedure
    .input(z.object({ name: skillGroupNameSchema }))
    .mutation(({ ctx, input }) => createSkillGroup(ctx.db, { workspaceId: ctx.workspace.id, name: input.name })),

  renameSkillGroup: managerProcedure
    .input(skillGroup.extend({ name: skillGroupNameSchema }))
    .mutation(({ ctx, input }) =>
      renameSkillGroup(ctx.db, { workspaceId: ctx.workspace.id, skillGroupId: input.skillGroupId, name: input.name }),
    ),

  deleteSkillGroup: managerProcedure
    .input(skillGroup)
    .mutation(({ ctx, input }) => deleteSkillGroup(ctx.db, { workspaceId: ctx.workspace.id, skillGroupId: input.skillGroupId })),

  addSkillGroupMember: managerProcedure
    .input(skillGroup.extend({ userId: memberIdSchema }))
    .mutation(({ ctx, input }) => addSkillGroupMember(ctx.db, { ...input, workspaceId: ctx.workspace.id })),

  removeSkillGroupMember: managerProcedure
    .input(skillGroup.extend({ userId: memberIdSchema }))
    .mutation(({ ctx, input }) => removeSkillGroupMember(ctx.db, { ...input, workspaceId: ctx.workspace.id })),
});
