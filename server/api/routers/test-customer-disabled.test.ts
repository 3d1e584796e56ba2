import { describe, expect, it } from "vitest";
import { seedConnectedProject } from "@/server/testing/seed-bot";
import { callerFor } from "@/server/testing/callers";

// Its own file: env() is parsed once per test file, and here TELEGRAM_SANDBOX_URL is unset (real Telegram).
describe("testCustomer without the Bot API sandbox", () => {
  it("is disabled, and refuses to send or read with a message that says why", async () => {
    delete process.env.TELEGRAM_SANDBOX_URL;
    const seeded = await seedConnectedProject();
    const owner = callerFor(seeded.owner.id);
    const workspaceId = seeded.workspace.id;
    expect(await owner.testCustomer.enabled({ workspaceId })).toBe(false);
    const refused = { code: "FORBIDDEN", message: "The Test customer works only with the Bot API sandbox." };
    await expect(
      owner.testCustomer.send({ workspaceId, projectId: seeded.project.id, customer: { id: 1, firstName: "A" }, text: "hi" }),
    ).rejects.toMatchObject(refused);
    await expect(
      owner.testCustomer.transcript({ workspaceId, projectId: seeded.project.id, customerId: 1 }),
    ).rejects.toMatchObject(refused);
    await expect(owner.testCustomer.projects({ workspaceId })).rejects.toMatchObject(refused);
  });
});
