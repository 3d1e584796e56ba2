import { describe, expect, it } from "vitest";
import { RISK_CHECK_BUDGET } from "./check-budget";
import { patternCost } from "./pattern-cost";
import { patternProblem } from "./risk-pattern";

describe("what a pattern costs to check", () => {
  it.each([
    ["t\\.me/\\w+", 8, 0],
    ["\\bT[1-9A-HJ-NP-Za-km-z]{33}\\b", 37, 0],
    ["\\bbc1[02-9ac-hj-np-z]{11,71}\\b", 77, 0],
    ["(?i)wechat|whats\\s?app", 17, 0],
    ["(?P<x>ab|cd)+", 11, 0],
    ["[a-z{}]{2}", 3, 0],
    ["\\p{Greek}{2}", 81, 0],
    ["[\\pL\\d]+", 81, 0],
    ["(.*a){20}", 61, 20],
    ["(?:x(?:.+){2}){3}", 25, 3],
    ["\\w{1000}", 1001, 0],
    ["(\\w{1,100}){10}", 1011, 0],
    ["a{2}{3}{4}", 41, 0],
  ])("%s: size %i, an unbounded part repeated %i times", (pattern, size, unboundedRepeat) => {
    expect(patternCost(pattern)).toEqual({ size, unboundedRepeat });
  });

  it("refuses, with a reason an admin can act on, the patterns that make checks slow", () => {
    expect(patternProblem("(.*a){20}")).toMatch(/repeats a part that already repeats without limit 20 times/);
    expect(patternProblem("(.+.+.+.+){20}")).toMatch(/repeats a part that already repeats without limit/);
    expect(patternProblem("\\w{1000}")).toMatch(/too large to check quickly \(about 1001 steps; at most 120\)/);
    expect(patternProblem("[\\s\\S]{500}")).toMatch(/too large/);
    expect(patternProblem("(\\w{1,100}){10}")).toMatch(/too large/);
  });

  it("refuses a nested count before RE2 builds it, so RE2 keeps working for everyone", () => {
    expect(patternProblem("(a{1000}){1000}")).toMatch(/too large/);
    expect(patternProblem("((\\w{999}){999}){999}")).toMatch(/too large/);
    expect(patternProblem("wallet")).toBeNull();
  });

  it("reads any text without failing", () => {
    for (const text of ["[", "[[:", "(", ")", "\\", "\\p{", "a{", "{1,2}", "(?", "(?P<", "\\Q", "[a-\\", "|||", "((((("]) {
      expect(() => patternCost(text)).not.toThrow();
    }
  });

  it("keeps accepting the patterns people write", () => {
    for (const pattern of [
      "\\bT[1-9A-HJ-NP-Za-km-z]{33}\\b",
      "\\b0x[0-9a-fA-F]{40}\\b",
      "\\b[13][1-9A-HJ-NP-Za-km-z]{25,34}\\b",
      "\\bbc1[02-9ac-hj-np-z]{11,71}\\b",
      "\\+?\\d[\\d \\-]{8,14}\\d",
      "[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}",
      "(\\w+\\.){2,}com",
      "(?i)pay\\s*(me|us)\\s*(in|via)\\s*(usdt|btc)",
    ]) {
      expect(patternProblem(pattern), pattern).toBeNull();
      expect(patternCost(pattern).size).toBeLessThanOrEqual(RISK_CHECK_BUDGET.patternCost);
    }
  });
});
