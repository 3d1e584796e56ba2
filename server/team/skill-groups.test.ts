import { describe, expect, it } from "vitest";
import { addMember } from "@/server/inbox/test-fixtures";
import { callerFor, signedUpUser } from "@/server/testing/callers";

describe("skill groups", () => {
  it("are created, renamed and deleted with names unique per workspace in any letter case", async () => {
    const owner = await signedUpUser("groups");
    const ws = { workspaceId: owner.workspace.id };
    const billing = await owner.caller.team.createSkillGroup({ ...ws, name: "  Billing " });
    expect(billing).toMatchObject({ name: "Billing" });
    await expect(owner.caller.team.createSkillGroup({ ...ws, name: "BILLING" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: 'A skill group named "BILLING" already exists.',
    });
    const vip = await owner.caller.team.createSkillGroup({ ...ws, name: "VIP" });
    await expect(owner.caller.team.renameSkillGroup({ ...ws, skillGroupId: vip.id, name: "billing" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    for (const [name, message] of [
      ["  ", "Give the skill group a name."],
      ["x".repeat(41), "Skill group name must be at most 40 characters."],
    ] as const) {
      await expect(owner.caller.team.createSkillGroup({ ...ws, name })).rejects.toMatchObject({ code: "BAD_REQUEST", message });
    }
    await owner.caller.team.renameSkillGroup({ ...ws, skillGroupId: vip.id, name: "x".repeat(40) });
    await owner.caller.team.deleteSkillGroup({ ...ws, skillGroupId: billing.id });
    expect(await owner.caller.team.skillGroups(ws)).toEqual([{ id: vip.id, name: "x".repeat(40), memberIds: [] }]);

    // Another workspace may use the same name, and cannot touch this one's groups.
    const other = await signedUpUser("groups-other");
    const theirs = { workspaceId: other.workspace.id };
    await expect(other.caller.team.createSkillGroup({ ...theirs, name: "x".repeat(40) })).resolves.toBeTruthy();
    for (const attempt of [
      () => other.caller.team.renameSkillGroup({ ...theirs, skillGroupId: vip.id, name: "Mine" }),
      () => other.caller.team.deleteSkillGroup({ ...theirs, skillGroupId: vip.id }),
      () => other.caller.team.addSkillGroupMember({ ...theirs, skillGroupId: vip.id, userId: other.userId }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: "NOT_FOUND", message: "Skill group not found." });
    }
    expect(await owner.caller.team.skillGroups(ws)).toHaveLength(1);
  });

  it("take seat members of this workspace only, and every member can read them", async () => {
    const owner = await signedUpUser("group-members");
    const ws = { workspaceId: owner.workspace.id };
    const [agent, supervisor, marketer] = [
      await addMember(ws.workspaceId, "agent"),
      await addMember(ws.workspaceId, "supervisor"),
      await addMember(ws.workspaceId, "marketer"),
    ];
    const group = await owner.caller.team.createSkillGroup({ ...ws, name: "Refunds" });
    const target = { ...ws, skillGroupId: group.id };
    await owner.caller.team.addSkillGroupMember({ ...target, userId: agent });
    await owner.caller.team.addSkillGroupMember({ ...target, userId: agent });
    await owner.caller.team.addSkillGroupMember({ ...target, userId: supervisor });
    await expect(owner.caller.team.addSkillGroupMember({ ...target, userId: marketer })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Marketers do not work sessions, so they cannot be in a skill group.",
    });
    const stranger = await signedUpUser("group-stranger");
    await expect(owner.caller.team.addSkillGroupMember({ ...target, userId: stranger.userId })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "This person is not a member of the workspace.",
    });
    const groups = await callerFor(marketer).team.skillGroups(ws);
    expect(groups).toEqual([{ id: group.id, name: "Refunds", memberIds: [agent, supervisor].sort() }]);

    await owner.caller.team.removeSkillGroupMember({ ...target, userId: agent });
    expect((await owner.caller.team.skillGroups(ws))[0]?.memberIds).toEqual([supervisor]);
    await expect(callerFor(agent).team.createSkillGroup({ ...ws, name: "Agents' own" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/^Only owners and admins can /),
    });
  });
});
