import type { ConversationMessage } from "@/server/inbox/get-conversation";
import { DeliveryStatus } from "./delivery-status";
import { clockTime, fullTime } from "./format-time";
import { MediaBlock } from "./media-block";

type Props = { workspaceId: string; message: ConversationMessage; customerName: string; canRetry: boolean };

const STYLES = {
  customer: "mr-auto border border-slate-200 bg-white text-slate-900",
  agent: "ml-auto bg-brand-600 text-white",
  bot: "ml-auto border border-brand-100 bg-brand-50 text-slate-900",
} as const;

/** One message: the customer's on the left, the team's (agent or automatic bot message) on the right. */
export function MessageBubble({ workspaceId, message, customerName, canRetry }: Props) {
  const author =
    message.author === "customer"
      ? customerName
      : message.author === "agent"
        ? (message.agentName ?? "Agent")
        : "Bot (automatic)";
  return (
    <li
      data-testid="message"
      data-message-id={message.id}
      data-author={message.author}
      data-delivery={message.delivery ?? "received"}
      className={`w-fit max-w-[75%] rounded-lg px-3 py-2 shadow-sm ${STYLES[message.author]}`}
    >
      <p className="mb-0.5 text-xs font-medium opacity-80">{author}</p>
      {message.media && <MediaBlock messageId={message.id} media={message.media} />}
      {message.text && <p className="whitespace-pre-wrap break-words text-sm">{message.text}</p>}
      <div className="mt-1 flex flex-wrap items-center justify-end gap-x-2 text-xs opacity-80">
        {message.edited && (
          <details className="group">
            <summary className="cursor-pointer list-none underline decoration-dotted" title="Show the earlier text">
              edited
            </summary>
            <ol className="mt-1 space-y-0.5 text-left" aria-label="Earlier versions">
              {message.previousTexts.map((text, i) => (
                <li key={i} className="line-through decoration-1">
                  {text || <em>(no text)</em>}
                </li>
              ))}
            </ol>
          </details>
        )}
        <time dateTime={message.createdAt.toISOString()} title={fullTime(message.createdAt)}>
          {clockTime(message.createdAt)}
        </time>
        {message.author !== "customer" && <DeliveryStatus workspaceId={workspaceId} message={message} canRetry={canRetry} />}
      </div>
    </li>
  );
}
