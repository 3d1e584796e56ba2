import { env } from "@/lib/env";

/** The address a person opens to accept: `${APP_URL}/invite/<token>`. */
export function invitationLink(token: string): string {
  return `${env().APP_URL.replace(/\/+$/, "")}/invite/${token}`;
}

/** How the invitee is named in the console and on the link box: the email, or the @username. */
export function invitationAddress(invitation: { email: string | null; telegramUsername: string | null }): string {
  return invitation.email ?? `@${invitation.telegramUsername ?? ""}`;
}

export const INVITATION_DAYS = 7;
