import { z } from "zod";

const optionalUrl = z.url().optional();
const flag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

/** Every variable Deskgram reads. `.env.example` documents each one. */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  APP_URL: z.url().default("http://localhost:3000"),
  PORT: z.coerce.number({ error: "must be a port number from 1 to 65535" }).int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)"),
  UPSTASH_REDIS_REST_URL: optionalUrl,
  UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
    .optional(),
  KV_PREFIX: z
    .string()
    .regex(/^[\w:-]{1,40}$/, "letters, digits, _ - : (at most 40)")
    .default("deskgram"),
  TRUST_PROXY: flag,
  /** Sign-ups allowed per client IP per hour (a team behind one NAT address may need more). */
  SIGN_UP_LIMIT_PER_HOUR: z.coerce.number().int().min(1).max(10_000).optional(),
  /** 32 bytes, base64 or hex: encrypts bot tokens at rest (AES-256-GCM). */
  ENCRYPTION_KEY: z
    .string()
    .refine((v) => decodeKey(v) !== null, "must be 32 bytes, base64 or hex encoded (openssl rand -base64 32)")
    .optional(),
  /** The Bot API base URL (grammY's client.apiRoot): the real one, or a Bot API sandbox. */
  TELEGRAM_API_ROOT: z.url().default("https://api.telegram.org"),
  /** "true": the launcher starts the built-in Bot API sandbox; unset: on for the embedded defaults only. */
  TELEGRAM_SANDBOX: z.enum(["true", "false", "1", "0"]).optional(),
  /** How console events reach other server instances: PostgreSQL LISTEN/NOTIFY, or in-process only (embedded). */
  EVENT_BUS: z.enum(["postgres", "local"]).default("postgres"),
  /** Base URL of a running Bot API sandbox's control API; set when the console may offer the Test customer panel. */
  TELEGRAM_SANDBOX_URL: optionalUrl,
  /** Bearer secret of `/api/cron/sweep` (serverless hosting); unset: the route answers 404. */
  CRON_SECRET: z.string().min(16, "must be at least 16 characters (openssl rand -base64 24)").optional(),
  /** How often the in-server sweeper fires due timers, in milliseconds; 0 turns it off (use /api/cron/sweep). */
  SWEEP_INTERVAL_MS: z.coerce
    .number()
    .int()
    .refine((v) => v === 0 || (v >= 500 && v <= 600_000), "must be 0 (off) or from 500 to 600000")
    .default(5000),
  /** A dedicated host for diversion links: `https://<host>/{code}` instead of `${APP_URL}/l/{code}`. */
  SHORT_LINK_HOST: z
    .string()
    .regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$/, "a host name, optionally with :port (no scheme, no path)")
    .transform((v) => v.toLowerCase())
    .optional(),
  /** The header a trusted proxy or CDN puts the client IP in (first entry of a list); wins over TRUST_PROXY. */
  TRUSTED_PROXY_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/, "a header name, e.g. x-forwarded-for")
    .transform((v) => v.toLowerCase())
    .optional(),
  /** Clicks by the same visitor on the same link within this many minutes count once as unique. */
  LINK_UNIQUE_WINDOW_MINUTES: z.coerce.number().int().min(1).max(525_600).default(30),
  /** Seconds an agent counts as present after their console's last heartbeat (sent every 20 s); then they go Offline. */
  PRESENCE_TTL_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
});

/** The 32 key bytes of a base64 or hex ENCRYPTION_KEY, or null when it is not one. */
export function decodeKey(value: string): Buffer | null {
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const bytes = Buffer.from(value, "base64");
    return bytes.length === 32 ? bytes : null;
  }
  return null;
}

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example.`);
    this.name = "EnvError";
  }
}

/** Validates a set of variables; the message names every missing or malformed one. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset", as they do in most .env files.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map(
        (i) =>
          `${i.path.join(".") || "(root)"}: ${i.path.length && cleaned[String(i.path[0])] === undefined ? "is required" : i.message}`,
      ),
    );
  }
  const env = result.data;
  if (Boolean(env.UPSTASH_REDIS_REST_URL) !== Boolean(env.UPSTASH_REDIS_REST_TOKEN)) {
    throw new EnvError(["UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN must be set together"]);
  }
  return env;
}

let cached: Env | undefined;

/** The validated environment of this process, parsed once. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
