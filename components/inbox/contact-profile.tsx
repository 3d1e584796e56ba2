"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import type { Touch } from "@/server/links/contact-profile";
import { fullTime } from "./format-time";

type Props = {
  workspaceId: string;
  sessionId: string;
  /** Changes when the conversation gets a new message (a new Start may bring a new touch): the profile is read again. */
  refreshKey?: number;
};

const UTM_FIELDS = [
  ["utmSource", "source"],
  ["utmMedium", "medium"],
  ["utmCampaign", "campaign"],
  ["utmTerm", "term"],
  ["utmContent", "content"],
] as const;

/** Where the customer came from: the diversion link of their first touch, its UTM values, referrer and device, and later touches. */
export function ContactProfile({ workspaceId, sessionId, refreshKey }: Props) {
  const trpc = useTRPC();
  const query = useQuery(trpc.attribution.contactProfile.queryOptions({ workspaceId, sessionId }));
  const { refetch } = query;
  const seen = useRef(refreshKey);
  useEffect(() => {
    if (seen.current === refreshKey) return;
    seen.current = refreshKey;
    void refetch();
  }, [refreshKey, refetch]);

  return (
    <section aria-label="Customer source" data-testid="contact-profile" className="mt-2 text-xs text-slate-600">
      {query.isPending ? (
        <p aria-busy="true">Looking up where this customer came from…</p>
      ) : query.isError ? (
        <p role="alert" className="text-red-700">
          Could not load where this customer came from: {errorMessage(query.error)}{" "}
          <button type="button" onClick={() => void refetch()} className="font-medium underline">
            Retry
          </button>
        </p>
      ) : !query.data.firstTouch ? (
        <p>Came directly (no diversion link)</p>
      ) : (
        <div className="space-y-1">
          <TouchSummary label="Came from" touch={query.data.firstTouch} />
          {query.data.laterTouches.length > 0 && (
            <details>
              <summary className="cursor-pointer font-medium text-brand-700">
                {query.data.laterTouches.length === 1 ? "1 later visit" : `${query.data.laterTouches.length} later visits`}{" "}
                through diversion links
              </summary>
              <ol className="mt-1 space-y-1 border-l border-slate-200 pl-3" aria-label="Later visits">
                {query.data.laterTouches.map((touch, i) => (
                  <li key={`${touch.startedAt.toISOString()}-${i}`}>
                    <TouchSummary label="Then" touch={touch} />
                  </li>
                ))}
              </ol>
            </details>
          )}
        </div>
      )}
    </section>
  );
}

function TouchSummary({ label, touch }: { label: string; touch: Touch }) {
  const utm = UTM_FIELDS.filter(([key]) => touch[key]);
  const device = [touch.device, touch.browser, touch.os].filter(Boolean).join(", ");
  return (
    <div>
      <p>
        {label} <span className="font-medium text-slate-900">{touch.linkName}</span>
        {touch.linkDeleted && " (deleted link)"} · clicked{" "}
        <time dateTime={touch.clickedAt.toISOString()}>{fullTime(touch.clickedAt)}</time>
        {!touch.thisConversation && " · in an earlier conversation"}
      </p>
      {(utm.length > 0 || touch.referrerHost || device) && (
        <ul className="mt-0.5 flex flex-wrap gap-1" aria-label="Click details">
          {utm.map(([key, name]) => (
            <li key={key} className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-700">
              utm_{name}: {touch[key]}
            </li>
          ))}
          {touch.referrerHost && (
            <li className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-700" title={touch.referrer ?? undefined}>
              referrer: {touch.referrerHost}
            </li>
          )}
          {device && <li className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-700">device: {device}</li>}
        </ul>
      )}
    </div>
  );
}
