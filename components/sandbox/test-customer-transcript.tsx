"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";

type Props = { workspaceId: string; projectId: string; customerId: number };

/** The chat as the customer sees it in Telegram: their own messages on the right, the bot's on the left. */
export function TestCustomerTranscript({ workspaceId, projectId, customerId }: Props) {
  const trpc = useTRPC();
  const transcript = useQuery({
    ...trpc.testCustomer.transcript.queryOptions({ workspaceId, projectId, customerId }),
    refetchInterval: 1_000,
    staleTime: 0,
  });
  const bottom = useRef<HTMLDivElement>(null);
  const count = transcript.data?.length ?? 0;
  useEffect(() => {
    if (count) bottom.current?.scrollIntoView({ block: "end" });
  }, [count]);

  return (
    <div data-testid="test-customer-transcript" className="min-h-0 flex-1 overflow-y-auto bg-[#dfe8d8] px-3 py-2">
      {transcript.isError && <p className="text-xs text-red-700">{errorMessage(transcript.error)}</p>}
      {transcript.data?.length === 0 && (
        <p className="mt-6 text-center text-xs text-slate-600">No messages yet. Send /start, as a customer would first.</p>
      )}
      <ol className="flex flex-col gap-1.5">
        {transcript.data?.map((m) => (
          <li
            key={m.messageId}
            data-testid="transcript-message"
            data-from={m.from}
            className={`w-fit max-w-[85%] rounded-lg px-2.5 py-1.5 text-sm shadow-sm ${
              m.from === "customer" ? "ml-auto bg-[#effdde]" : "mr-auto bg-white"
            }`}
          >
            {m.kind !== "text" && <p className="text-xs font-medium text-slate-500">[{m.kind}]</p>}
            {m.text && <p className="whitespace-pre-wrap break-words">{m.text}</p>}
            <p className="text-right text-[10px] text-slate-500">
              {m.edited && "edited · "}
              {new Date(m.date * 1000).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" })}
            </p>
          </li>
        ))}
      </ol>
      <div ref={bottom} />
    </div>
  );
}
