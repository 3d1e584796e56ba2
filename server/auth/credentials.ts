import { z } from "zod";
import { workspaceNameSchema } from "@/server/workspaces/workspace-name";

const COMMON = new Set([
  "password",
  "password1",
  "password123",
  "1234567890",
  "qwertyuiop",
  "letmein123",
  "iloveyou12",
  "welcome123",
  "administrator",
]);

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Email is too long.")
  .pipe(z.email("Enter a valid email address."));

/** A password is weak when it is short, one kind of character, or a well-known one. */
export const passwordSchema = z
  .string()
  .min(10, "Password must be at least 10 characters.")
  .max(200, "Password must be at most 200 characters.")
  .refine((p) => /\p{L}/u.test(p) && /[^\p{L}]/u.test(p), "Password must mix letters with numbers or symbols.")
  .refine((p) => !COMMON.has(p.toLowerCase()), "This password is too common; choose another.");

export const signUpInput = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(80, "Name is too long (80 characters at most)."),
  email: emailSchema,
  password: passwordSchema,
  workspaceName: workspaceNameSchema,
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const signInInput = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(200),
});
