/** The one line a session list shows for its last message, incoming or outgoing: "[kind] text", 200 characters at most. */
export function previewOf(text: string | null, kind: string): string {
  const body = (text ?? "").replace(/\s+/g, " ").trim();
  const label = kind === "text" ? "" : `[${kind.replace("_", " ")}] `;
  return `${label}${body}`.trim().slice(0, 200);
}
