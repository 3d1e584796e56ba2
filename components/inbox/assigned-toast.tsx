"use client";
import Link from "next/link";

export type AssignedNotice = { sessionId: string };

type Props = { slug: string; notice: AssignedNotice; onClose: () => void };

/** A highlighted notification: a conversation was just given to the viewer (routing, a supervisor or a transfer). */
export function AssignedToast({ slug, notice, onClose }: Props) {
  return (
    <div
      role="status"
      data-testid="assigned-toast"
      className="fixed bottom-4 right-4 z-50 flex max-w-sm items-start gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 shadow-lg"
    >
      <div className="space-y-1">
        <p className="font-semibold">A conversation is now yours</p>
        <p>
          It is highlighted under Mine.{" "}
          <Link href={`/${slug}/inbox/${notice.sessionId}`} onClick={onClose} className="font-medium underline">
            Open it
          </Link>
        </p>
      </div>
      <button type="button" onClick={onClose} aria-label="Dismiss" className="text-amber-900 hover:text-amber-950">
        ×
      </button>
    </div>
  );
}
