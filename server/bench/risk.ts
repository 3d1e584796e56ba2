/**
 * `npm run bench:risk`: the compiled risk matcher (Aho-Corasick over folded keywords + RE2 pattern
 * set) against the naive check (every keyword with `includes` on the lower-cased text, every
 * pattern with `RegExp.test`), in the same run, on the same messages. No server or database needed.
 *
 * BENCH_KEYWORDS, BENCH_PATTERNS, BENCH_MESSAGES adjust the load; BENCH_NAIVE_EVERY runs the naive
 * check on every n-th message (it is slow; default every 10th, so the comparison stays minutes-free).
 * Figures are printed, never asserted: timing never fails CI.
 */
import { compileRiskMatcher, type RiskGroupRules } from "@/server/risk/compile-matcher";

const KEYWORDS = Number(process.env.BENCH_KEYWORDS ?? 10_000);
const PATTERNS = Number(process.env.BENCH_PATTERNS ?? 200);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 100_000);
const NAIVE_EVERY = Math.max(1, Number(process.env.BENCH_NAIVE_EVERY ?? 10));

// A fixed-seed generator: every run measures the same data.
// mulberry32
let seed = 0x2f6e2b1;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

const LATIN = [
  "ka",
  "lo",
  "mi",
  "ser",
  "tra",
  "ven",
  "dor",
  "pli",
  "qua",
  "ex",
  "on",
  "ber",
  "sta",
  "mon",
  "rix",
  "tel",
  "gra",
  "fin",
];
const CYRILLIC = ["пе", "ре", "вод", "кош", "ел", "ек", "сче", "та", "ми", "ров", "ка", "зар", "пла", "ти"];
const CJK = [..."加微信转账私聊钱包地址充值提现客服联系方式内部测试账号密码平台资金安全风险"];
const EMOJI = ["😀", "🚀", "💰", "✅", "🔥", "👍", "🙏", "📦"];
const FILLER_EN =
  "thanks for reaching out your order has shipped and will arrive soon please let me know if anything else comes up we are happy to help".split(
    " ",
  );
const FILLER_RU =
  "спасибо за обращение ваш заказ отправлен и скоро прибудет напишите если появятся вопросы мы всегда рады помочь".split(" ");
const FILLER_ZH = [..."您好感谢您的耐心等待您的订单已经发货预计三天内送达如有其他问题请随时联系我们"];
const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

function word(syllables: readonly string[], min: number, max: number) {
  let w = "";
  for (let i = between(min, max); i > 0; i--) w += pick(syllables);
  return w;
}
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

function makeKeywords(): string[] {
  const set = new Set<string>();
  while (set.size < KEYWORDS) {
    const r = random();
    if (r < 0.55) set.add(random() < 0.3 ? `${word(LATIN, 2, 3)} ${word(LATIN, 2, 3)}` : word(LATIN, 3, 5));
    else if (r < 0.8) set.add(word(CYRILLIC, 3, 5));
    else set.add(Array.from({ length: between(3, 5) }, () => pick(CJK)).join(""));
  }
  return [...set];
}

function makePatterns(): string[] {
  const list: string[] = [];
  for (let i = 0; list.length < PATTERNS; i++) {
    switch (i % 8) {
      case 0:
        list.push(`\\b${100 + i}[0-9]{8}\\b`);
        break; // phone numbers of a prefix
      case 1:
        list.push(`(?i)(?:wechat|weixin|vx)${i}[:：]?\\s*[a-z0-9_-]{5,20}`);
        break;
      case 2:
        list.push(`https?://(?:[a-z0-9-]+\\.)*corp${i}\\.example\\b`);
        break;
      case 3:
        list.push(`\\b10\\.${i % 256}\\.\\d{1,3}\\.\\d{1,3}\\b`);
        break;
      case 4:
        list.push(`t\\.me/[A-Za-z0-9_]{5,32}_${i}\\b`);
        break;
      case 5:
        list.push(`(?i)pass(?:word)?${i}\\s*[:=]\\s*\\S+`);
        break;
      case 6:
        list.push(i % 16 === 6 ? `\\bT[1-9A-HJ-NP-Za-km-z]{33}\\b` : `\\b0x[0-9a-fA-F]{40}\\b`);
        break;
      default:
        list.push(`промо${i}\\s*\\d{4,}`);
    }
  }
  return list;
}

function filler(length: number): string {
  const language = random();
  let text = "";
  while (text.length < length) {
    const r = random();
    if (language < 0.5) text += (random() < 0.1 ? pick(FILLER_EN).toUpperCase() : pick(FILLER_EN)) + " ";
    else if (language < 0.7) text += pick(FILLER_RU) + " ";
    else if (language < 0.85) text += pick(FILLER_ZH);
    else text += r < 0.5 ? fullWidth(pick(FILLER_EN)) + " " : pick(FILLER_EN) + " ";
    if (r > 0.95) text += pick(EMOJI) + " ";
  }
  return text;
}

/** A message of exactly `length` UTF-16 units (a cut emoji is replaced), sometimes with a keyword or a pattern hit in it. */
function makeMessage(length: number, keywords: readonly string[]): string {
  let text = filler(length);
  const r = random();
  if (r < 0.03) {
    const at = between(0, Math.max(0, length - 30));
    text = text.slice(0, at) + " " + pick(keywords) + " " + text.slice(at);
  } else if (r < 0.04) {
    const address = "T" + Array.from({ length: 33 }, () => pick([...BASE58])).join("");
    text = `pay to ${address} please ` + text;
  }
  text = text.slice(0, length);
  if ((text.charCodeAt(length - 1) & 0xfc00) === 0xd800) text = text.slice(0, length - 1) + ".";
  return text;
}

function percentile(sorted: Float64Array, p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

type Figures = { median: number; p99: number; perSecond: number; median200: number; hits: number; measured: number };

function measure(messages: readonly string[], check: (text: string) => number, every: number): Figures {
  const times: number[] = [];
  const times200: number[] = [];
  let hits = 0;
  let total = 0;
  // Every n-th message, shifted by one each time, so each length is sampled alike.
  for (let k = 0; k * every < messages.length; k++) {
    const i = k * every + (every > 1 ? k % every : 0);
    if (i >= messages.length) break;
    const text = messages[i]!;
    const start = performance.now();
    hits += check(text);
    const elapsed = (performance.now() - start) * 1000;
    total += elapsed;
    times.push(elapsed);
    if (text.length === 200) times200.push(elapsed);
  }
  const sorted = Float64Array.from(times).sort();
  const sorted200 = Float64Array.from(times200).sort();
  return {
    median: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    perSecond: (times.length / total) * 1e6,
    median200: percentile(sorted200, 50),
    hits,
    measured: times.length,
  };
}

function main() {
  const keywords = makeKeywords();
  const patterns = makePatterns();
  // Ten groups, like a workspace would split them; two of them hold all the patterns.
  const groups: RiskGroupRules[] = Array.from({ length: 10 }, (_, g) => ({
    id: `group-${g}`,
    name: `Group ${g}`,
    action: g % 3 === 0 ? "block" : "confirm",
    keywords: keywords.filter((_, k) => k % 10 === g),
    patterns: g < 2 ? patterns.filter((_, p) => p % 2 === g) : [],
    exemptUserIds: [],
    exemptSkillGroupIds: [],
  }));
  const lengths = [20, 60, 120, 200, 200, 200, 400, 800, 1500, 4000];
  const messages = Array.from({ length: MESSAGES }, (_, i) => makeMessage(lengths[i % lengths.length]!, keywords));

  console.log(`bench:risk — ${keywords.length} keywords, ${patterns.length} patterns, ${messages.length} messages`);
  console.log(`message lengths ${lengths.join("/")} characters; latin, cyrillic, CJK, emoji, full-width\n`);

  let started = performance.now();
  const matcher = compileRiskMatcher(groups);
  console.log(`compile: ${(performance.now() - started).toFixed(1)} ms`);

  const sender = { userId: "bench-agent", skillGroupIds: [] };
  // Warm up both paths (JIT, RE2 DFA caches) before measuring.
  for (let i = 0; i < 20_000; i++) matcher.check(messages[i]!, sender);
  const compiled = measure(messages, (text) => (matcher.check(text, sender).length ? 1 : 0), 1);

  const lowered = keywords.map((k) => k.toLowerCase());
  // The bench's own fixed patterns: the naive baseline a tenant's patterns must never get.
  const regexps = patterns.map((p) => new RegExp(p.replace("(?i)", ""), p.startsWith("(?i)") ? "iu" : "u"));
  const naiveCheck = (text: string) => {
    const lower = text.toLowerCase();
    let hit = 0;
    for (const k of lowered) if (lower.includes(k)) hit = 1;
    for (const re of regexps) if (re.test(text)) hit = 1;
    return hit;
  };
  for (let i = 0; i < 200; i++) naiveCheck(messages[i]!);
  started = performance.now();
  const naive = measure(messages, naiveCheck, NAIVE_EVERY);
  const naiveSeconds = (performance.now() - started) / 1000;

  const row = (label: string, f: Figures) =>
    `${label.padEnd(10)} ${f.median.toFixed(2).padStart(10)} ${f.p99.toFixed(2).padStart(10)} ${f.median200.toFixed(2).padStart(14)} ${Math.round(f.perSecond).toLocaleString("en").padStart(12)} ${String(f.measured).padStart(9)} ${String(f.hits).padStart(6)}`;
  console.log(
    `\n${"".padEnd(10)} ${"median µs".padStart(10)} ${"p99 µs".padStart(10)} ${"median@200 µs".padStart(14)} ${"msgs/s".padStart(12)} ${"messages".padStart(9)} ${"hits".padStart(6)}`,
  );
  console.log(row("compiled", compiled));
  console.log(row("naive", naive));
  console.log(`\n(naive on every ${NAIVE_EVERY}th message: ${naiveSeconds.toFixed(1)} s)`);
  console.log(
    `speed-up: ${(compiled.perSecond / naive.perSecond).toFixed(0)}× in messages/s, ${(naive.median / compiled.median).toFixed(0)}× at the median, ${(naive.median200 / compiled.median200).toFixed(0)}× at the median of 200-character messages`,
  );
  console.log(`targets: ≥ 50× faster than naive, < 20 µs median per 200-character message (${compiled.median200.toFixed(2)} µs)`);
}

main();
