import type { Database } from "@/db/client";
import { CRYPTO_TEMPLATE } from "./crypto-template";
import { riskGroupInputSchema } from "./group-input";
import { createRiskGroup } from "./save-group";

/** The built-in "Crypto addresses" group in one click: all projects, ask to confirm, no exemptions. */
export function createCryptoTemplateGroup(db: Database, workspaceId: string): Promise<{ id: string }> {
  const input = riskGroupInputSchema.parse({
    name: CRYPTO_TEMPLATE.name,
    patterns: CRYPTO_TEMPLATE.patterns,
    action: CRYPTO_TEMPLATE.action,
    allProjects: true,
  });
  return createRiskGroup(db, workspaceId, input);
}
