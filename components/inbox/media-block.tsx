import type { ConversationMessage } from "@/server/inbox/get-conversation";

type Media = NonNullable<ConversationMessage["media"]>;

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A media message as type + details, with a download through the bot when Telegram allows it. */
export function MediaBlock({ messageId, media }: { messageId: number; media: Media }) {
  const details = [
    media.fileName,
    media.fileSize !== null ? size(media.fileSize) : null,
    media.duration !== null ? `${media.duration} s` : null,
  ].filter(Boolean);
  return (
    <div data-testid="message-media" className="mb-1 rounded-md border border-current/15 bg-black/5 px-2.5 py-1.5 text-sm">
      <p className="font-medium">
        {media.emoji && <span className="mr-1">{media.emoji}</span>}
        {media.label}
      </p>
      {details.length > 0 && <p className="text-xs opacity-80">{details.join(" · ")}</p>}
      {media.location && (
        <a
          href={`https://www.openstreetmap.org/?mlat=${media.location.latitude}&mlon=${media.location.longitude}#map=16/${media.location.latitude}/${media.location.longitude}`}
          target="_blank"
          rel="noreferrer"
          className="text-xs underline"
        >
          {media.location.latitude.toFixed(5)}, {media.location.longitude.toFixed(5)} — open map
        </a>
      )}
      {media.contact && (
        <p className="text-xs">
          {media.contact.name && `${media.contact.name}: `}
          {media.contact.phoneNumber}
        </p>
      )}
      {media.downloadable && (
        <a href={`/api/files/${messageId}`} download className="text-xs font-medium underline" data-testid="download-link">
          Download
        </a>
      )}
      {media.tooBig && <p className="text-xs opacity-80">Over 20 MB: Telegram does not let bots download it.</p>}
    </div>
  );
}
