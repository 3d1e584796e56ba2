import { describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { uniqueEmail } from "@/db/test-helpers";
import { signedUpUser } from "@/server/testing/callers";
import { visitInvitation } from "./invitation-visit";
import { accountWithoutWorkspace, expireInvitation, invite } from "./test-fixtures";

describe("what an invitation link shows its visitor", () => {
  it("the invitee signed out, signed in, or signed in as someone else; a member goes straight in", async () => {
    const owner = await signedUpUser("visit-kinds");
    const email = uniqueEmail("visitor");
    const { token } = await invite(owner.caller, owner.workspace.id, email, "agent");
    const db = database();

    expect(await visitInvitation(db, token, null)).toMatchObject({ kind: "signed-out", invitation: { email, role: "agent" } });
    const invitee = await accountWithoutWorkspace(email);
    expect(await visitInvitation(db, token, invitee.userId)).toMatchObject({ kind: "signed-in", email });
    const stranger = await accountWithoutWorkspace();
    expect(await visitInvitation(db, token, stranger.userId)).toMatchObject({ kind: "other-account", email: stranger.email });
    expect(await visitInvitation(db, token, owner.userId)).toEqual({ kind: "member", landing: `/${owner.workspace.slug}/inbox` });
  });

  it("an unknown or expired link says what happened, but a member still goes in", async () => {
    const owner = await signedUpUser("visit-closed");
    const { token, id } = await invite(owner.caller, owner.workspace.id, uniqueEmail("late"), "agent");
    await expireInvitation(id);
    const db = database();
    expect(await visitInvitation(db, token, null)).toMatchObject({
      kind: "closed",
      problem: { title: expect.stringMatching(/expired/i) },
    });
    expect(await visitInvitation(db, "not-a-token", null)).toMatchObject({ kind: "closed" });
    expect(await visitInvitation(db, token, owner.userId)).toMatchObject({ kind: "member" });
  });
});
