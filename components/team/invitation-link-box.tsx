"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { roleInSentence } from "@/server/team/role-words";
import type { Role } from "@/server/workspaces/roles";

type Invitation = { link: string; address: string; role: Role; expiresAt: Date };

/** The invitation link, shown once: Deskgram sends no email, so the inviter passes it on. */
export function InvitationLinkBox({ invitation, onDone }: { invitation: Invitation; onDone: () => void }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(invitation.link);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }

  return (
    <div role="status" className="space-y-3 rounded-md border border-emerald-200 bg-emerald-50 p-4">
      <p className="text-sm text-emerald-900">
        Send this link to <strong>{invitation.address}</strong>. It makes them {roleInSentence(invitation.role)}, works once and
        expires on {invitation.expiresAt.toLocaleDateString(undefined, { dateStyle: "medium" })}. It is shown only now.
      </p>
      <div className="flex flex-wrap gap-2">
        <label className="sr-only" htmlFor="invitation-link">
          Invitation link
        </label>
        <input
          id="invitation-link"
          readOnly
          value={invitation.link}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-emerald-300 bg-white px-3 py-2 font-mono text-xs"
        />
        <Button type="button" variant="secondary" onClick={copy}>
          {copied === "yes" ? "Copied" : "Copy link"}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
      {copied === "failed" && (
        <p className="text-sm text-red-700">Your browser did not allow copying. Select the link and copy it by hand.</p>
      )}
    </div>
  );
}
