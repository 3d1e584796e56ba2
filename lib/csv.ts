/** Cells a spreadsheet would run as a formula (OWASP "CSV injection"): such text gets a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvValue = string | number | Date | null | undefined;

/** One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break; dates as ISO 8601 UTC. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" && !Number.isFinite(value)) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  // Only text can be an injected formula; a number such as -3 stays a number.
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, CRLF-terminated. */
export function csvLine(cells: ReadonlyArray<CsvValue>): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** A plain-text answer for a refused download (the browser shows it as is). */
export function plainText(status: number, message: string): Response {
  return new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

/**
 * A CSV download streamed page by page: Excel-friendly (UTF-8 BOM), stops at `maxRows` or when the
 * client goes away, never cached. `page` returns the next records and the cursor after them (null: done).
 */
export function csvDownload<Cursor>(options: {
  fileName: string;
  header: readonly string[];
  maxRows: number;
  pageSize: number;
  signal: AbortSignal;
  page: (cursor: Cursor | undefined, limit: number) => Promise<{ lines: string[]; next: Cursor | null }>;
}): Response {
  const encoder = new TextEncoder();
  let cursor: Cursor | undefined;
  let exported = 0;
  let done = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(options.header)}`));
    },
    async pull(controller) {
      if (done) return;
      const { lines, next } = await options.page(cursor, Math.min(options.pageSize, options.maxRows - exported));
      exported += lines.length;
      if (lines.length) controller.enqueue(encoder.encode(lines.join("")));
      cursor = next ?? undefined;
      if (next === null || exported >= options.maxRows || options.signal.aborted) {
        done = true;
        controller.close();
      }
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${options.fileName}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
