import { z } from "zod";

/** What a workspace may be called, wherever a name is entered (sign-up, new workspace, rename). */
export const workspaceNameSchema = z
  .string()
  .trim()
  .min(2, "Workspace name must be at least 2 characters.")
  .max(60, "Workspace name must be at most 60 characters.");
