import { z } from "zod";

// Only zod here: the console imports these schemas to check a field before sending it.

/** The path of a short link: letters, digits, _ and -, case-sensitive (seed 001: `/{code}`). */
export const LINK_CODE_PATTERN = /^[A-Za-z0-9_-]{3,48}$/;

/**
 * Codes that would read as part of Deskgram (or shadow one of its routes on the short host), refused
 * whatever their case.
 */
export const RESERVED_LINK_CODES: ReadonlySet<string> = new Set([
  "about",
  "account",
  "admin",
  "api",
  "app",
  "assets",
  "auth",
  "billing",
  "console",
  "dashboard",
  "deskgram",
  "favicon",
  "health",
  "help",
  "login",
  "logout",
  "null",
  "pricing",
  "privacy",
  "robots",
  "settings",
  "sign-in",
  "sign-out",
  "sign-up",
  "signin",
  "signup",
  "sitemap",
  "static",
  "support",
  "telegram",
  "terms",
  "undefined",
  "www",
  "_next",
]);

export const LINK_NOT_FOUND = "Link not found.";

export const linkIdSchema = z.uuid(LINK_NOT_FOUND);

export const linkNameSchema = z
  .string({ error: "Give the link a name." })
  .trim()
  .min(1, "Give the link a name.")
  .max(80, "The name must be at most 80 characters.");

/** Empty means "generate one". */
export const linkCodeSchema = z
  .string()
  .trim()
  .max(48, "A code is at most 48 characters.")
  .refine((v) => v === "" || v.length >= 3, "A code is at least 3 characters.")
  .refine((v) => v === "" || LINK_CODE_PATTERN.test(v), "Use only letters, digits, _ and - in the code.")
  .refine((v) => !RESERVED_LINK_CODES.has(v.toLowerCase()), "That code is reserved. Choose another.")
  .transform((v) => (v === "" ? null : v))
  .prefault("");

/** A default UTM value: empty means none. */
const utmValue = (label: string) =>
  z
    .string()
    .trim()
    .max(200, `${label} must be at most 200 characters.`)
    .transform((v) => (v === "" ? null : v))
    .prefault("");

export const linkUtmSchema = z.object({
  utmSource: utmValue("utm_source"),
  utmMedium: utmValue("utm_medium"),
  utmCampaign: utmValue("utm_campaign"),
  utmTerm: utmValue("utm_term"),
  utmContent: utmValue("utm_content"),
});

export const UTM_FIELDS = ["utmSource", "utmMedium", "utmCampaign", "utmTerm", "utmContent"] as const;
export type UtmField = (typeof UTM_FIELDS)[number];

/** The expiry, when given, must lie ahead (checked again by the server at the moment it saves). */
export const linkExpirySchema = z.coerce
  .date({ error: "Enter a date and time." })
  .refine((d) => d.getTime() > Date.now(), "The expiry must be in the future.")
  .nullable();

export const linkSettingsSchema = z.object({
  name: linkNameSchema,
  projectId: z.uuid("Choose a project."),
  skillGroupId: z.uuid("Choose a skill group.").nullable().prefault(null),
  expiresAt: linkExpirySchema.prefault(null),
  ...linkUtmSchema.shape,
});

export type LinkSettings = z.infer<typeof linkSettingsSchema>;
