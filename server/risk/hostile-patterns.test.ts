import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { database } from "@/db/client";
import { riskGroups } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { signedUpUser } from "@/server/testing/callers";
import { RISK_CHECK_BUDGET } from "./check-budget";
import { riskCheckPool } from "./risk-check-pool";
import { createRiskGroup } from "./save-group";

const PATTERNS = 300;
/** Stopping a thread and answering take a moment past the deadline. */
const SLACK_MS = 150;

/** A small seeded generator, so a failure names a seed that reproduces it. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick };
}

const ATOMS = [
  ".",
  "\\w",
  "\\W",
  "[\\s\\S]",
  "a",
  "[a-z]",
  "\\d",
  "[^x]",
  "(?:a|b)",
  "(?:.|a)",
  "\\pL",
  "[\\p{L}\\d]",
  "\\b",
  " ",
  "(?i)a",
];
const COUNTS = [2, 3, 4, 5, 8, 10, 20, 30, 50, 100, 1000];

/** Patterns built from what makes regular expressions expensive: wildcards, counted and nested repeats. */
function hostilePattern(rng: ReturnType<typeof random>, depth = 2): string {
  const items = Array.from({ length: 1 + Math.floor(rng.next() * 3) }, () => {
    const base = depth > 0 && rng.next() < 0.4 ? `(${hostilePattern(rng, depth - 1)})` : rng.pick(ATOMS);
    const count = rng.pick(COUNTS);
    const quantifier = rng.pick(["", "", "*", "+", "+", "?", `{${count}}`, `{${count},}`, `{1,${count}}`]);
    return base + quantifier;
  });
  const sequence = items.join("");
  return depth > 0 && rng.next() < 0.2 ? `${sequence}|${hostilePattern(rng, depth - 1)}` : sequence;
}

/** 4,096-character replies that keep wildcards and word classes busy. */
function hostileReplies(rng: ReturnType<typeof random>): string[] {
  const mixed = Array.from({ length: 4096 }, () => rng.pick(["a", "b", " ", "0", "x", "\n"])).join("");
  return ["a".repeat(4096), "ab".repeat(2048), "a ".repeat(2048), mixed];
}

describe("hostile risk patterns", () => {
  it(
    "saves hundreds of generated hostile patterns, and every check of those it accepts stays within the budget",
    { timeout: 300_000 },
    async () => {
      const seed = Number(process.env.RISK_FUZZ_SEED ?? Date.now() % 100_000);
      const rng = random(seed);
      const owner = await signedUpUser("risk-fuzz");
      const replies = hostileReplies(rng);
      let refused = 0;
      const reasons = new Map<string, number>();
      let timedOut = 0;
      let worst = { ms: 0, pattern: "" };
      for (let i = 0; i < PATTERNS; i++) {
        const pattern = hostilePattern(rng);
        let saved: { id: string };
        try {
          saved = await createRiskGroup(database(), owner.workspace.id, {
            name: `Fuzz ${i}`,
            keywords: [],
            patterns: [pattern],
            action: "confirm",
            allProjects: true,
            projectIds: [],
            exemptUserIds: [],
            exemptSkillGroupIds: [],
            enabled: true,
          });
        } catch (error) {
          if (!(error instanceof DomainError) || error.kind !== "invalid") throw error;
          refused++;
          const reason = /already repeats/.test(error.message)
            ? "nested repeat"
            : /too large/.test(error.message)
              ? "too large"
              : /empty text/.test(error.message)
                ? "matches empty"
                : "invalid";
          reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
          continue;
        }
        const [group] = await database().select().from(riskGroups).where(eq(riskGroups.id, saved.id));
        const rules = { key: `fuzz:${seed}:${i}`, groups: [group!] };
        for (const reply of replies) {
          const outcome = await riskCheckPool().check(owner.workspace.id, rules, reply, {
            userId: owner.userId,
            skillGroupIds: [],
          });
          if (outcome.timedOut) timedOut++;
          if (outcome.ms > worst.ms) worst = { ms: outcome.ms, pattern };
          expect(outcome.ms, `seed ${seed}: /${pattern}/`).toBeLessThan(RISK_CHECK_BUDGET.deadlineMs + SLACK_MS);
        }
      }
      console.log(
        `[risk fuzz] seed ${seed}: ${PATTERNS} hostile patterns, ${refused} refused when saved (${[...reasons].map(([r, n]) => `${r} ${n}`).join(", ")}), ${PATTERNS - refused} saved; ` +
          `${(PATTERNS - refused) * replies.length} checks of 4,096-character replies, ${timedOut} ran out of time; ` +
          `worst check ${worst.ms.toFixed(1)} ms (/${worst.pattern}/), budget ${RISK_CHECK_BUDGET.deadlineMs} ms`,
      );
      expect(refused).toBeGreaterThan(0);
      expect(refused).toBeLessThan(PATTERNS);
    },
  );
});
