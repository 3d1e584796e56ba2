/**
 * A small multipart/form-data parser for Bot API uploads. Lenient on purpose: grammY writes headers
 * as `content-disposition:form-data;name="x";filename=photo.jpg` (no spaces, unquoted filename).
 */

export type MultipartPart = { name: string; filename?: string; contentType?: string; data: Buffer };

export function multipartBoundary(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function headerParam(header: string, key: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${key}\\s*=\\s*(?:"([^"]*)"|([^;]*))`, "i").exec(header);
  const value = match?.[1] ?? match?.[2]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

/** The parts of a multipart body; throws an Error with a readable message when it is malformed. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const opening = Buffer.from(`--${boundary}`);
  const separator = Buffer.from(`\r\n--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(opening);
  if (pos < 0) throw new Error("multipart body without its boundary");
  pos += opening.length;
  for (;;) {
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts; // "--": the closing delimiter
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const headerEnd = body.indexOf("\r\n\r\n", pos);
    if (headerEnd < 0) throw new Error("multipart part without a header end");
    const headers = new Map<string, string>();
    for (const line of body.subarray(pos, headerEnd).toString("utf8").split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const next = body.indexOf(separator, headerEnd + 4);
    if (next < 0) throw new Error("multipart body is not closed");
    const disposition = headers.get("content-disposition") ?? "";
    const name = headerParam(disposition, "name");
    if (!name) throw new Error("multipart part without a name");
    parts.push({
      name,
      filename: headerParam(disposition, "filename"),
      contentType: headers.get("content-type"),
      data: Buffer.from(body.subarray(headerEnd + 4, next)),
    });
    pos = next + separator.length;
  }
}
