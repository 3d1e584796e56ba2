import { buildKeywordAutomaton } from "./aho-corasick";
import { foldKeyword, foldText, foldTextCodes } from "./fold-text";
import { buildPatternSet } from "./pattern-set";
import type { RiskHit, RiskMatcher, RiskSender } from "./project-matcher";

/** What the matcher needs of one risk word group. */
export type RiskGroupRules = {
  id: string;
  name: string;
  action: "confirm" | "block";
  keywords: readonly string[];
  patterns: readonly string[];
  exemptUserIds: readonly string[];
  exemptSkillGroupIds: readonly string[];
};

export type CompiledRiskMatcher = RiskMatcher & {
  /** Skill groups some group exempts: only then does a check need the sender's skill groups. */
  readonly exemptSkillGroupIds: ReadonlySet<string>;
};

type Source = { group: number; matched: string };

/**
 * One matcher for all groups of a project: every keyword of every group in one Aho-Corasick
 * automaton over folded text, every pattern in one RE2 pattern set over the original text. A
 * keyword or pattern shared by several groups is searched once and reported for each group.
 */
export function compileRiskMatcher(groups: readonly RiskGroupRules[]): CompiledRiskMatcher {
  const keywordIndex = new Map<string, number>();
  const keywordSources: Source[][] = [];
  const patternIndex = new Map<string, number>();
  const patternSources: Source[][] = [];

  groups.forEach((group, g) => {
    for (const keyword of group.keywords) {
      const folded = foldKeyword(keyword);
      if (!folded) continue;
      let k = keywordIndex.get(folded);
      if (k === undefined) {
        k = keywordSources.length;
        keywordIndex.set(folded, k);
        keywordSources.push([]);
      }
      if (!keywordSources[k]!.some((s) => s.group === g)) keywordSources[k]!.push({ group: g, matched: keyword });
    }
    for (const pattern of group.patterns) {
      let p = patternIndex.get(pattern);
      if (p === undefined) {
        p = patternSources.length;
        patternIndex.set(pattern, p);
        patternSources.push([]);
      }
      if (!patternSources[p]!.some((s) => s.group === g)) patternSources[p]!.push({ group: g, matched: pattern });
    }
  });

  const automaton = keywordSources.length ? buildKeywordAutomaton([...keywordIndex.keys()]) : null;
  const patterns = buildPatternSet([...patternIndex.keys()]);
  const exemptUsers = groups.map((g) => new Set(g.exemptUserIds));
  const exemptSkills = groups.map((g) => new Set(g.exemptSkillGroupIds));
  const anyExemptions = groups.some((g) => g.exemptUserIds.length > 0 || g.exemptSkillGroupIds.length > 0);
  const noneExempt = new Uint8Array(groups.length);

  // The check in progress (checks are synchronous): set at its start, read by the scan's callback,
  // so a check allocates nothing until something is found.
  let text = "";
  let exempt: Uint8Array = noneExempt;
  let hits: RiskHit[] | null = null;
  // Keyword occurrences of the check in progress: keyword and end index (in folded units) in pairs.
  let occurrences = new Int32Array(64);
  let occurrenceCount = 0;

  const add = (source: Source, kind: RiskHit["matchKind"], start: number, end: number) => {
    if (exempt[source.group]) return;
    const group = groups[source.group]!;
    (hits ??= []).push({
      groupId: group.id,
      groupName: group.name,
      action: group.action,
      matchKind: kind,
      matched: source.matched,
      matchedText: text.slice(start, end),
      start,
      end,
    });
  };
  const onKeyword = (k: number, last: number) => {
    if (occurrenceCount * 2 + 2 > occurrences.length) {
      const grown = new Int32Array(occurrences.length * 2);
      grown.set(occurrences);
      occurrences = grown;
    }
    occurrences[occurrenceCount * 2] = k;
    occurrences[occurrenceCount * 2 + 1] = last;
    occurrenceCount++;
  };

  function exemptions(sender: RiskSender): Uint8Array | null {
    if (!anyExemptions) return groups.length ? noneExempt : null;
    const flags = new Uint8Array(groups.length);
    let all = true;
    groups.forEach((_, g) => {
      flags[g] = exemptUsers[g]!.has(sender.userId) || sender.skillGroupIds.some((id) => exemptSkills[g]!.has(id)) ? 1 : 0;
      all &&= flags[g] === 1;
    });
    return all ? null : flags;
  }

  function check(message: string, sender: RiskSender): RiskHit[] {
    const flags = exemptions(sender);
    if (!flags) return [];
    text = message;
    exempt = flags;
    hits = null;
    let units: Uint16Array | undefined;
    if (automaton) {
      // Folded without the offset map first: most messages hit nothing and never need it.
      let folded = foldTextCodes(message);
      occurrenceCount = 0;
      automaton.scan(folded.codes, folded.length, onKeyword);
      if (occurrenceCount > 0) folded = foldText(message);
      for (let o = 0; o < occurrenceCount; o++) {
        const k = occurrences[o * 2]!;
        const last = occurrences[o * 2 + 1]!;
        const start = folded.from[last - automaton.keywordLength(k) + 1]!;
        const end = folded.to[last]!;
        for (const source of keywordSources[k]!) add(source, "keyword", start, end);
      }
      units = folded.units;
    }
    for (const match of patterns.find(message, units)) {
      for (const source of patternSources[match.pattern]!) add(source, "pattern", match.start, match.end);
    }
    const found: RiskHit[] = hits ?? [];
    text = "";
    hits = null;
    return found.sort((a, b) => a.start - b.start || a.end - b.end);
  }

  return {
    check,
    exemptSkillGroupIds: new Set(groups.flatMap((g) => g.exemptSkillGroupIds)),
  };
}
