import type { Conversation } from "@/server/inbox/get-conversation";
import { fullTime } from "./format-time";
import { waitingLabel } from "./routing-labels";

type Props = { session: Conversation["session"]; viewerId: string };

/** Who works the conversation and how it stands: status, assignee or queue place, urgent, pinned, transfer origin. */
export function SessionStanding({ session, viewerId }: Props) {
  const mine = session.assignee?.id === viewerId;
  const badges: { label: string; tone: string; title?: string }[] = [];
  if (session.status === "closed") {
    badges.push({
      label: "Closed",
      tone: "bg-slate-200 text-slate-700",
      title: session.closedAt ? fullTime(session.closedAt) : undefined,
    });
  } else if (session.assignee) {
    badges.push({ label: "Open", tone: "bg-emerald-100 text-emerald-900" });
  } else {
    badges.push({ label: "In queue", tone: "bg-amber-100 text-amber-900" });
  }
  if (session.escalatedAt && session.status === "open") {
    badges.push({ label: "Urgent", tone: "bg-red-600 text-white", title: `Escalated ${fullTime(session.escalatedAt)}` });
  }
  if (session.pinnedAt) badges.push({ label: "Pinned", tone: "bg-brand-50 text-brand-700" });

  const who =
    session.status === "closed"
      ? `Closed${session.closedByName ? ` by ${session.closedByName}` : ""}${session.assignee ? ` · worked by ${session.assignee.name}` : ""}`
      : session.assignee
        ? `${mine ? "Assigned to you" : `Assigned to ${session.assignee.name}`}${session.acceptedAt ? "" : " · not opened yet"}`
        : waitingLabel(session.queuePosition);

  return (
    <div className="mt-1 flex flex-wrap items-center gap-2 text-xs" data-testid="session-standing">
      {badges.map((badge) => (
        <span key={badge.label} title={badge.title} className={`rounded px-1.5 py-0.5 font-medium ${badge.tone}`}>
          {badge.label}
        </span>
      ))}
      <span data-testid="conversation-assignee" className="text-slate-700">
        {who}
      </span>
      {session.transferredFromName && session.status === "open" && (
        <span className="text-slate-500">· transferred from {session.transferredFromName}</span>
      )}
    </div>
  );
}
