import { randomBytes } from "node:crypto";

/** First path segments the app itself uses; a workspace may not take them. */
const RESERVED = new Set([
  "api",
  "l",
  "sign-in",
  "sign-up",
  "sign-out",
  "login",
  "logout",
  "signup",
  "new",
  "settings",
  "admin",
  "app",
  "console",
  "static",
  "public",
  "assets",
  "favicon.ico",
  "robots.txt",
  "sitemap.xml",
  "_next",
  "help",
  "docs",
  "pricing",
  "about",
  "terms",
  "privacy",
  "status",
  "sandbox",
  "telegram",
  "cron",
  "invite",
  "invites",
  "health",
]);

export function isReservedSlug(slug: string): boolean {
  return RESERVED.has(slug);
}

/** What a workspace address looks like: 3–48 characters, lower-case letters, digits and inner hyphens. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,46}[a-z0-9]$/;

/**
 * A URL-safe slug from a workspace name ("Acme Support!" → "acme-support"). Names with no Latin
 * letters or digits ("客服中心", "Поддержка") get a random one, since the name cannot be spelled in it.
 */
export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  if (!base) return `workspace-${randomBytes(3).toString("hex")}`;
  return base.length >= 3 && !isReservedSlug(base) ? base : `ws-${base}`;
}

/** The slug with a random suffix, used when the plain one is taken. */
export function slugWithSuffix(slug: string): string {
  return `${slug.slice(0, 40)}-${randomBytes(3).toString("hex")}`;
}
