import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { attributionTouches, contacts, linkClicks, messages, projects, sessions } from "@/db/schema";
import { addMember } from "@/server/inbox/test-fixtures";
import { newCustomer, textUpdate, type Customer, type Seeded } from "@/server/telegram/test-fixtures";
import { untilBlockedBy } from "@/server/testing/lock-waits";
import { seedConnectedProject } from "@/server/testing/seed-bot";
import { seedClick, seedLink, seedSkillGroup, deliverUnrouted } from "@/server/testing/seed-links";
import { backfillAttribution } from "./attribute-start";

const db = () => database();

async function seeded() {
  const seed = await seedConnectedProject();
  return { seed, project: { id: seed.project.id, workspaceId: seed.workspace.id } };
}

async function ok(response: Promise<Response>) {
  expect((await response).status).toBe(200);
}

async function contactOf(seed: Seeded, customer: Customer) {
  const [contact] = await db()
    .select()
    .from(contacts)
    .where(and(eq(contacts.projectId, seed.project.id), eq(contacts.telegramUserId, customer.id)));
  return contact!;
}

async function touchesOf(contactId: string) {
  return db()
    .select()
    .from(attributionTouches)
    .where(eq(attributionTouches.contactId, contactId))
    .orderBy(asc(attributionTouches.id));
}

async function clickRow(id: number) {
  const [row] = await db().select().from(linkClicks).where(eq(linkClicks.id, id));
  return row!;
}

async function openSession(contactId: string) {
  const [row] = await db()
    .select()
    .from(sessions)
    .where(and(eq(sessions.contactId, contactId), eq(sessions.status, "open")));
  return row!;
}

describe("attributeStart (a Start through a diversion link)", () => {
  it("records the first touch on the contact, the click and the session", async () => {
    const { seed, project } = await seeded();
    const link = await seedLink(project, { name: "Spring ad", utmSource: "facebook", utmCampaign: "spring" });
    const click = await seedClick(link);
    const customer = newCustomer();

    await ok(deliverUnrouted(seed, textUpdate(customer, `/start ${click.payload}`)));

    const contact = await contactOf(seed, customer);
    const session = await openSession(contact.id);
    expect(contact).toMatchObject({ firstClickId: click.id, lastClickId: click.id });
    expect(session.clickId).toBe(click.id);
    const started = await clickRow(click.id);
    expect(started.startedAt).toBeInstanceOf(Date);
    expect(started.contactId).toBe(contact.id);
    const touches = await touchesOf(contact.id);
    expect(touches).toEqual([
      expect.objectContaining({ clickId: click.id, linkId: link.id, sessionId: session.id, workspaceId: seed.workspace.id }),
    ]);
  });

  it("keeps the first touch and adds later ones, never overwriting", async () => {
    const { seed, project } = await seeded();
    const first = await seedClick(await seedLink(project, { name: "Ad", utmSource: "facebook" }));
    const second = await seedClick(await seedLink(project, { name: "Newsletter", utmSource: "email" }));
    const customer = newCustomer();

    await ok(deliverUnrouted(seed, textUpdate(customer, `/start ${first.payload}`)));
    await ok(deliverUnrouted(seed, textUpdate(customer, `/start ${second.payload}`)));

    const contact = await contactOf(seed, customer);
    expect(contact).toMatchObject({ firstClickId: first.id, lastClickId: second.id });
    expect((await touchesOf(contact.id)).map((t) => t.clickId)).toEqual([first.id, second.id]);
    // The session keeps the click that first brought it.
    expect((await openSession(contact.id)).clickId).toBe(first.id);
    // The second click's first Start is recorded too; the first click's time is not moved.
    const firstStarted = (await clickRow(first.id)).startedAt;
    expect((await clickRow(second.id)).startedAt).toBeInstanceOf(Date);
    await ok(deliverUnrouted(seed, textUpdate(customer, `/start ${first.payload}`)));
    expect((await clickRow(first.id)).startedAt).toEqual(firstStarted);
    expect((await touchesOf(contact.id)).map((t) => t.clickId)).toEqual([first.id, second.id, first.id]);
    expect((await contactOf(seed, customer)).firstClickId).toBe(first.id);
  });

  it("ignores a payload of another project's link, in the same workspace or another", async () => {
    const { seed } = await seeded();
    const [sibling] = await db()
      .insert(projects)
      .values({ workspaceId: seed.workspace.id, name: "Sibling", status: "active" })
      .returning();
    const siblingClick = await seedClick(await seedLink({ id: sibling!.id, workspaceId: seed.workspace.id }));
    const other = await seeded();
    const foreignClick = await seedClick(await seedLink(other.project));
    const customer = newCustomer();

    await ok(deliverUnrouted(seed, textUpdate(customer, `/start ${siblingClick.payload}`)));
    await ok(deliverUnrouted(seed, textUpdate(customer, `/start ${foreignClick.payload}`)));

    const contact = await contactOf(seed, customer);
    expect(contact).toMatchObject({ firstClickId: null, lastClickId: null, lastStartPayload: foreignClick.payload });
    expect(await touchesOf(contact.id)).toEqual([]);
    expect((await clickRow(siblingClick.id)).startedAt).toBeNull();
    expect((await clickRow(foreignClick.id)).startedAt).toBeNull();
    expect((await openSession(contact.id)).clickId).toBeNull();
  });

  it("sends an unassigned session to the link's skill group, but leaves an assigned one where it is", async () => {
    const { seed, project } = await seeded();
    const group = await seedSkillGroup(seed.workspace.id, "Billing");
    const link = await seedLink(project, { skillGroupId: group.id });

    const newcomer = newCustomer();
    await ok(deliverUnrouted(seed, textUpdate(newcomer, `/start ${(await seedClick(link)).payload}`)));
    expect((await openSession((await contactOf(seed, newcomer)).id)).skillGroupId).toBe(group.id);

    const regular = newCustomer();
    await ok(deliverUnrouted(seed, textUpdate(regular, "Hello")));
    const agentId = await addMember(seed.workspace.id, "agent");
    const session = await openSession((await contactOf(seed, regular)).id);
    await db()
      .update(sessions)
      .set({ assignedUserId: agentId, assignedAt: new Date(), queuedAt: null })
      .where(eq(sessions.id, session.id));
    const click = await seedClick(link);
    await ok(deliverUnrouted(seed, textUpdate(regular, `/start ${click.payload}`)));
    const after = await openSession(session.contactId);
    expect(after).toMatchObject({ skillGroupId: null, assignedUserId: agentId, clickId: click.id });
  });

  it("treats an unknown payload as a plain Start", async () => {
    const { seed, project } = await seeded();
    await seedClick(await seedLink(project));
    const customer = newCustomer();

    await ok(deliverUnrouted(seed, textUpdate(customer, "/start not-a-click-payload")));

    const contact = await contactOf(seed, customer);
    expect(contact).toMatchObject({ lastStartPayload: "not-a-click-payload", firstClickId: null, lastClickId: null });
    expect(await touchesOf(contact.id)).toEqual([]);
    const stored = await db().select().from(messages).where(eq(messages.projectId, seed.project.id));
    expect(stored.map((m) => m.text)).toContain("/start not-a-click-payload");
  });

  it("stores a Start update delivered twice once", async () => {
    const { seed, project } = await seeded();
    const click = await seedClick(await seedLink(project));
    const customer = newCustomer();
    const update = textUpdate(customer, `/start ${click.payload}`);

    await ok(deliverUnrouted(seed, update));
    await ok(deliverUnrouted(seed, update));

    const contact = await contactOf(seed, customer);
    expect(await touchesOf(contact.id)).toHaveLength(1);
  });
});

describe("backfillAttribution (the click was written after its Start)", () => {
  it("attributes the Start, its contact and the session that was open", async () => {
    const { seed, project } = await seeded();
    const group = await seedSkillGroup(seed.workspace.id);
    const link = await seedLink(project, { skillGroupId: group.id });
    const customer = newCustomer();
    const payload = `late${Date.now()}`;
    await ok(deliverUnrouted(seed, textUpdate(customer, `/start ${payload}`)));
    const contact = await contactOf(seed, customer);
    expect(await touchesOf(contact.id)).toEqual([]);

    const { click, events } = await db().transaction(async (tx) => {
      const row = await seedClick(link, { payload }, tx);
      return { click: row, events: await backfillAttribution(tx, [payload, "unknown-payload"]) };
    });

    const session = await openSession(contact.id);
    expect(events).toEqual([{ type: "session.updated", workspaceId: seed.workspace.id, sessionId: session.id }]);
    expect(await touchesOf(contact.id)).toEqual([expect.objectContaining({ clickId: click.id, sessionId: session.id })]);
    expect(await contactOf(seed, customer)).toMatchObject({ firstClickId: click.id, lastClickId: click.id });
    expect(session).toMatchObject({ clickId: click.id, skillGroupId: group.id });
    expect(await clickRow(click.id)).toMatchObject({ contactId: contact.id, startedAt: expect.any(Date) });

    // Called again (a retried batch), it adds nothing.
    expect(await db().transaction((tx) => backfillAttribution(tx, [payload]))).toEqual([]);
    expect(await touchesOf(contact.id)).toHaveLength(1);
  });

  it("a Start arriving while its click is being written is attributed exactly once", async () => {
    const { seed, project } = await seeded();
    const link = await seedLink(project);
    const customer = newCustomer();
    const payload = `race${Date.now()}`;

    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    // The recorder inserted the click and holds the payload lock, not yet committed…
    const recorder = db().transaction(async (tx) => {
      await seedClick(link, { payload }, tx);
      const events = await backfillAttribution(tx, [payload]);
      locked();
      await untilBlockedBy(tx);
      return events;
    });
    await lockTaken;
    // …while the customer's Start arrives: it must wait for the click rather than miss it.
    const start = deliverUnrouted(seed, textUpdate(customer, `/start ${payload}`));
    expect(await recorder).toEqual([]);
    await ok(start);

    const contact = await contactOf(seed, customer);
    expect(await touchesOf(contact.id)).toHaveLength(1);
    expect(contact.firstClickId).not.toBeNull();
  });
});
