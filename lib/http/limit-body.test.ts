import { describe, expect, it } from "vitest";
import { BodyTooLargeError, readLimitedBody } from "./limit-body";

const streamOf = (chunks: number[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const size of chunks) controller.enqueue(new Uint8Array(size).fill(97));
      controller.close();
    },
  });

describe("readLimitedBody", () => {
  it("returns a body within the limit unchanged", async () => {
    const body = await readLimitedBody(new Request("http://x/", { method: "POST", body: "hello" }), 10);
    expect(new TextDecoder().decode(body)).toBe("hello");
  });

  it("refuses a declared Content-Length over the limit without reading", async () => {
    const request = new Request("http://x/", { method: "POST", body: "x", headers: { "content-length": "5000" } });
    await expect(readLimitedBody(request, 100)).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it("stops a streamed body with no length once it passes the limit", async () => {
    const request = new Request("http://x/", { method: "POST", body: streamOf([60, 60, 60]), duplex: "half" } as RequestInit);
    await expect(readLimitedBody(request, 100)).rejects.toBeInstanceOf(BodyTooLargeError);
  });
});
