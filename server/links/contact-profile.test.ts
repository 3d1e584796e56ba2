import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { contacts, sessions } from "@/db/schema";
import { addMember } from "@/server/inbox/test-fixtures";
import { newCustomer, textUpdate, type Customer, type Seeded } from "@/server/telegram/test-fixtures";
import { callerFor } from "@/server/testing/callers";
import { seedConnectedProject } from "@/server/testing/seed-bot";
import { seedClick, seedLink, deliverUnrouted } from "@/server/testing/seed-links";

async function sessionOf(seed: Seeded, customer: Customer) {
  const [row] = await database()
    .select({ id: sessions.id })
    .from(sessions)
    .innerJoin(contacts, eq(contacts.id, sessions.contactId))
    .where(and(eq(contacts.projectId, seed.project.id), eq(contacts.telegramUserId, customer.id), eq(sessions.status, "open")));
  return row!.id;
}

async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? `${error.code}: ${error.message}` : String(error);
  }
}

describe("attribution.contactProfile", () => {
  it("shows the first touch with its link, UTM values, referrer and device, then the later touches", async () => {
    const seed = await seedConnectedProject();
    const project = { id: seed.project.id, workspaceId: seed.workspace.id };
    const ad = await seedLink(project, { name: "Spring ad", utmSource: "facebook", utmMedium: "cpc", utmCampaign: "spring" });
    const mail = await seedLink(project, { name: "Newsletter", utmSource: "email" });
    const first = await seedClick(ad, {
      utmTerm: "shoes",
      referrer: "https://www.facebook.com/ads",
      referrerHost: "www.facebook.com",
      device: "mobile",
      browser: "Safari",
      os: "iOS",
    });
    const later = await seedClick(mail, { device: "desktop" });
    const customer = newCustomer();
    await deliverUnrouted(seed, textUpdate(customer, `/start ${first.payload}`));
    await deliverUnrouted(seed, textUpdate(customer, `/start ${later.payload}`));
    const sessionId = await sessionOf(seed, customer);

    const profile = await callerFor(seed.owner.id).attribution.contactProfile({ workspaceId: seed.workspace.id, sessionId });
    expect(profile.firstTouch).toEqual({
      linkId: ad.id,
      linkName: "Spring ad",
      linkCode: ad.code,
      linkDeleted: false,
      clickedAt: first.clickedAt,
      startedAt: expect.any(Date),
      thisConversation: true,
      utmSource: "facebook",
      utmMedium: "cpc",
      utmCampaign: "spring",
      utmTerm: "shoes",
      utmContent: null,
      referrer: "https://www.facebook.com/ads",
      referrerHost: "www.facebook.com",
      device: "mobile",
      browser: "Safari",
      os: "iOS",
    });
    expect(profile.laterTouches).toEqual([
      expect.objectContaining({ linkName: "Newsletter", utmSource: "email", device: "desktop", thisConversation: true }),
    ]);
  });

  it("says the customer came directly when no diversion link brought them", async () => {
    const seed = await seedConnectedProject();
    const customer = newCustomer();
    await deliverUnrouted(seed, textUpdate(customer, "/start"));
    const profile = await callerFor(seed.owner.id).attribution.contactProfile({
      workspaceId: seed.workspace.id,
      sessionId: await sessionOf(seed, customer),
    });
    expect(profile).toEqual({ firstTouch: null, laterTouches: [] });
  });

  it("is shown only to those who may open the conversation", async () => {
    const seed = await seedConnectedProject();
    const customer = newCustomer();
    await deliverUnrouted(
      seed,
      textUpdate(
        customer,
        `/start ${(await seedClick(await seedLink({ id: seed.project.id, workspaceId: seed.workspace.id }))).payload}`,
      ),
    );
    const sessionId = await sessionOf(seed, customer);
    const input = { workspaceId: seed.workspace.id, sessionId };
    const assignee = await addMember(seed.workspace.id, "agent");
    const otherAgent = callerFor(await addMember(seed.workspace.id, "agent"));
    const marketer = callerFor(await addMember(seed.workspace.id, "marketer"));

    // Waiting in the queue: every agent may open it.
    expect(await outcome(otherAgent.attribution.contactProfile(input))).toBe("OK");
    await database()
      .update(sessions)
      .set({ assignedUserId: assignee, assignedAt: new Date(), queuedAt: null })
      .where(eq(sessions.id, sessionId));
    expect(await outcome(callerFor(assignee).attribution.contactProfile(input))).toBe("OK");
    expect(await outcome(otherAgent.attribution.contactProfile(input))).toMatch(/^NOT_FOUND: Conversation not found/);
    expect(await outcome(marketer.attribution.contactProfile(input))).toMatch(/^FORBIDDEN/);

    const other = await seedConnectedProject();
    expect(
      await outcome(callerFor(other.owner.id).attribution.contactProfile({ workspaceId: other.workspace.id, sessionId })),
    ).toMatch(/^NOT_FOUND: This conversation does not exist in this workspace/);
  });
});
