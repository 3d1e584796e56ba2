import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { signedUpUser } from "@/server/testing/callers";

// This file runs without a Bot API sandbox (env() is parsed once per test file, after this line).
delete process.env.TELEGRAM_SANDBOX_URL;

describe("sandbox router without a sandbox", () => {
  it("says the sandbox is not in use and refuses to make a sandbox bot", async () => {
    expect(env().TELEGRAM_SANDBOX_URL).toBeUndefined();
    const owner = await signedUpUser("no-sandbox");
    const ws = { workspaceId: owner.workspace.id };
    expect(await owner.caller.sandbox.enabled(ws)).toBe(false);
    await expect(owner.caller.sandbox.createBot(ws)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "The Bot API sandbox is not in use here. Create a bot with @BotFather instead.",
    });
  });
});
