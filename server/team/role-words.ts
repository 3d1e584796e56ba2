import { ROLE_LABELS, type Role } from "@/server/workspaces/roles";

/** "an agent", "a supervisor": a role in a sentence. */
export function roleInSentence(role: Role): string {
  const word = ROLE_LABELS[role].toLowerCase();
  return `${/^[aeiou]/.test(word) ? "an" : "a"} ${word}`;
}
