import { z } from "zod";
import { foldKeyword } from "./fold-text";

// Only zod and the folding here: the console imports these to check input before sending it.

export const RISK_LIMITS = { name: 60, keywords: 10_000, keywordLength: 200, patterns: 200, patternLength: 500 } as const;

export const RISK_GROUP_NOT_FOUND = "Risk word group not found.";
export const riskGroupIdSchema = z.uuid(RISK_GROUP_NOT_FOUND);

export const riskGroupNameSchema = z
  .string({ error: "Give the group a name." })
  .trim()
  .min(1, "Give the group a name.")
  .max(RISK_LIMITS.name, `A group name can have at most ${RISK_LIMITS.name} characters.`);

/**
 * Keywords as pasted: one per line, and with `commas` also separated by commas (ASCII, full-width
 * and ideographic), trimmed, empty ones dropped.
 */
export function splitKeywords(text: string, { commas }: { commas: boolean }): string[] {
  const parts = text.split(commas ? /[\r\n,，、]+/ : /[\r\n]+/);
  return parts.map((k) => k.trim()).filter(Boolean);
}

/** Drops keywords that fold to the same text as an earlier one ("WeChat", "ｗｅｃｈａｔ" and "wechat" are one keyword). */
export function dedupeKeywords(keywords: readonly string[]): { keywords: string[]; duplicates: number } {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const keyword of keywords) {
    const folded = foldKeyword(keyword);
    if (!folded || seen.has(folded)) continue;
    seen.add(folded);
    kept.push(keyword);
  }
  return { keywords: kept, duplicates: keywords.length - kept.length };
}

/** What a bulk import would add to `current`: the new keywords and how many were already there or repeated. */
export function previewKeywordImport(current: readonly string[], pasted: string) {
  const incoming = splitKeywords(pasted, { commas: true });
  const existing = new Set(current.map(foldKeyword));
  const { keywords } = dedupeKeywords(incoming);
  const added = keywords.filter((k) => !existing.has(foldKeyword(k)));
  const tooLong = added.filter((k) => k.length > RISK_LIMITS.keywordLength).length;
  return { added, skipped: incoming.length - added.length, tooLong };
}

/**
 * A list of keywords or patterns as pasted: trimmed, empty and repeated ones dropped (`unique`), then
 * held to the group's limits. The raw list may be longer (repeats) before the limits are checked.
 */
function textListSchema(
  noun: string,
  limits: { most: number; longest: number; rawLongest: number; unique: (list: string[]) => string[]; tip?: string },
) {
  const most = limits.most.toLocaleString("en");
  const tip = limits.tip ? ` ${limits.tip}` : "";
  return z
    .array(z.string().max(limits.rawLongest, `A ${noun} can have at most ${limits.longest} characters.`))
    .max(limits.most * 2, `A group can have at most ${most} ${noun}s.`)
    .transform((list) => limits.unique(list.map((item) => item.trim()).filter(Boolean)))
    .check((ctx) => {
      const long = ctx.value.find((item) => item.length > limits.longest);
      if (long) {
        ctx.issues.push({
          code: "custom",
          input: ctx.value,
          message: `A ${noun} can have at most ${limits.longest} characters: "${long.slice(0, 40)}…" has ${long.length}.`,
        });
      }
      if (ctx.value.length > limits.most) {
        ctx.issues.push({
          code: "custom",
          input: ctx.value,
          message: `A group can have at most ${most} ${noun}s; this one has ${ctx.value.length.toLocaleString("en")}.${tip}`,
        });
      }
    });
}

const keywordsSchema = textListSchema("keyword", {
  most: RISK_LIMITS.keywords,
  longest: RISK_LIMITS.keywordLength,
  rawLongest: RISK_LIMITS.keywordLength * 4,
  unique: (list) => dedupeKeywords(list).keywords,
  tip: "Split them into two groups.",
});

const patternsSchema = textListSchema("pattern", {
  most: RISK_LIMITS.patterns,
  longest: RISK_LIMITS.patternLength,
  rawLongest: RISK_LIMITS.patternLength * 2,
  unique: (list) => [...new Set(list)],
});

const idList = (message: string) => z.array(z.uuid(message)).max(500).default([]);

/** A risk word group as the admin edits it; patterns are checked by RE2 on the server (server/risk/save-group.ts). */
export const riskGroupInputSchema = z
  .object({
    name: riskGroupNameSchema,
    keywords: keywordsSchema.default([]),
    patterns: patternsSchema.default([]),
    action: z.enum(["confirm", "block"], "Choose what happens on a hit: ask to confirm, or block."),
    allProjects: z.boolean().default(true),
    projectIds: idList("Unknown project."),
    exemptUserIds: idList("Unknown member."),
    exemptSkillGroupIds: idList("Unknown skill group."),
    enabled: z.boolean().default(true),
  })
  .check((ctx) => {
    if (ctx.value.keywords.length === 0 && ctx.value.patterns.length === 0) {
      ctx.issues.push({ code: "custom", input: ctx.value, path: ["keywords"], message: "Add at least one keyword or pattern." });
    }
    if (!ctx.value.allProjects && ctx.value.projectIds.length === 0) {
      ctx.issues.push({
        code: "custom",
        input: ctx.value,
        path: ["projectIds"],
        message: "Choose at least one project, or apply the group to all projects.",
      });
    }
  });

export type RiskGroupInput = z.infer<typeof riskGroupInputSchema>;
