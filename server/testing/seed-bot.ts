import { randomInt } from "node:crypto";
import { database } from "@/db/client";
import { bots, projects, users } from "@/db/schema";
import { uniqueEmail, uniqueName } from "@/db/test-helpers";
import { encryptSecret, randomSecret, sha256Hex } from "@/lib/crypto/secret-box";
import { createWorkspace } from "@/server/workspaces/create-workspace";

export type SeedBotOptions = {
  /** Telegram's id of the bot; default the id in `token`, else a random one no other test uses. */
  telegramId?: number;
  /** Default `<telegramId>:<random>`. Pass a Bot API sandbox bot's token to talk to the sandbox. */
  token?: string;
  /** The webhook secret_token; default random. */
  secret?: string;
  welcomeMessage?: string;
  projectStatus?: "active" | "inactive";
};

/**
 * A workspace with its owner and one active project whose bot is connected, written straight to
 * the database (no getMe, no setWebhook): for tests of what happens after a bot is connected.
 */
export async function seedConnectedProject(options: SeedBotOptions = {}) {
  const db = database();
  // A token starts with its bot's Telegram id, so a sandbox bot's token alone seeds the right bot.
  const idInToken = Number(/^(\d+):/.exec(options.token ?? "")?.[1]);
  const telegramId = options.telegramId ?? (Number.isSafeInteger(idInToken) ? idInToken : randomInt(1_000_000_000, 2 ** 47));
  const token = options.token ?? `${telegramId}:AA${randomSecret(24)}`;
  const secret = options.secret ?? randomSecret();
  const label = uniqueName("seed-bot");

  return db.transaction(async (tx) => {
    // No password: hashing one (scrypt) would cost more than the rest of the seed.
    const [owner] = await tx
      .insert(users)
      .values({ name: label, email: uniqueEmail("seed-bot") })
      .returning();
    const workspace = await createWorkspace(tx, { name: `${label} Inc`, ownerId: owner!.id });
    const [project] = await tx
      .insert(projects)
      .values({
        workspaceId: workspace.id,
        name: label.slice(0, 30),
        status: options.projectStatus ?? "active",
        ...(options.welcomeMessage !== undefined ? { welcomeMessage: options.welcomeMessage } : {}),
      })
      .returning();
    const [bot] = await tx
      .insert(bots)
      .values({
        workspaceId: workspace.id,
        projectId: project!.id,
        telegramId,
        username: `seed_${telegramId}_bot`,
        firstName: "Seed Bot",
        tokenCiphertext: encryptSecret(token),
        webhookSecretHash: sha256Hex(secret),
      })
      .returning();
    return { workspace, project: project!, bot: bot!, secret, token, owner: owner! };
  });
}
