import { z } from "zod";
import { emailSchema } from "@/server/auth/credentials";

import { ASSIGNABLE_ROLES } from "@/lib/access/roles";

export { ASSIGNABLE_ROLES, type AssignableRole } from "@/lib/access/roles";

export const assignableRoleSchema = z.enum(ASSIGNABLE_ROLES, { error: "Choose a role: admin, supervisor, agent or marketer." });

/** A Telegram username as people type it (with or without the @), stored lower-case without it. */
export const telegramUsernameSchema = z
  .string()
  .trim()
  .transform((v) => v.replace(/^@/, "").toLowerCase())
  .pipe(
    z
      .string()
      .regex(
        /^[a-z][a-z0-9_]{4,31}$/,
        "A Telegram username has 5 to 32 letters, digits or underscores and starts with a letter.",
      ),
  );

/** Who to invite: an email address or a Telegram username, in the one `address` field the form shows. */
export const invitationInput = z
  .object({
    via: z.enum(["email", "telegram"], { error: "Invite by email or by Telegram username." }),
    address: z.string().max(300, "This address is too long."),
    role: assignableRoleSchema,
  })
  .transform((input, ctx) => {
    const parsed = (input.via === "email" ? emailSchema : telegramUsernameSchema).safeParse(input.address);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: ["address"] });
      return z.NEVER;
    }
    return input.via === "email"
      ? { email: parsed.data, telegramUsername: null, role: input.role }
      : { email: null, telegramUsername: parsed.data, role: input.role };
  });
export type InvitationInput = z.output<typeof invitationInput>;

/** The secret part of an invitation link (43 base64url characters; a little slack either way). */
export const invitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "This invitation link is not valid.");

export const memberIdSchema = z.uuid("Unknown member.");
export const capacitySchema = z
  .number({ error: "Capacity must be a whole number from 1 to 50." })
  .int("Capacity must be a whole number from 1 to 50.")
  .min(1, "Capacity must be at least 1 session.")
  .max(50, "Capacity must be at most 50 sessions.");

export const skillGroupIdSchema = z.uuid("Unknown skill group.");
export const skillGroupNameSchema = z
  .string()
  .trim()
  .min(1, "Give the skill group a name.")
  .max(40, "Skill group name must be at most 40 characters.");
