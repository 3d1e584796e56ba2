import { describe, expect, it } from "vitest";
import { crossSiteReason, refuseCrossSite } from "./refuse-cross-site";

const APP_URL = "https://desk.example";

function request(method: string, headers: Record<string, string>, url = "https://desk.example/api/trpc/x") {
  return new Request(url, { method, headers, body: method === "GET" || method === "HEAD" ? undefined : "{}" });
}

const WRITES = ["POST", "PUT", "PATCH", "DELETE"];
const READS = ["GET", "HEAD", "OPTIONS"];

const REFUSED: Array<[string, Record<string, string>]> = [
  ["Sec-Fetch-Site cross-site", { "sec-fetch-site": "cross-site" }],
  ["Sec-Fetch-Site same-site (a sibling subdomain)", { "sec-fetch-site": "same-site" }],
  ["Sec-Fetch-Site of an unknown kind", { "sec-fetch-site": "elsewhere" }],
  ["another Origin", { origin: "https://evil.example" }],
  ["a sibling subdomain's Origin", { origin: "https://other.desk.example" }],
  ["Origin over plain http", { origin: "http://desk.example" }],
  ["Origin on another port", { origin: "https://desk.example:8443" }],
  ["Origin null (sandboxed frame)", { origin: "null" }],
  ["same-origin Sec-Fetch-Site but another Origin", { "sec-fetch-site": "same-origin", origin: "https://evil.example" }],
  ["own Origin but cross-site Sec-Fetch-Site", { "sec-fetch-site": "cross-site", origin: "https://desk.example" }],
];

const ALLOWED: Array<[string, Record<string, string>]> = [
  ["neither header (curl, server to server)", {}],
  ["Sec-Fetch-Site same-origin", { "sec-fetch-site": "same-origin" }],
  ["Sec-Fetch-Site none (typed by the user)", { "sec-fetch-site": "none" }],
  ["APP_URL's Origin", { origin: "https://desk.example" }],
  ["APP_URL's Origin spelled with the default port", { origin: "https://DESK.example:443" }],
  ["both headers from our own page", { "sec-fetch-site": "same-origin", origin: "https://desk.example" }],
];

describe("crossSiteReason", () => {
  describe.each(WRITES)("%s", (method) => {
    it.each(REFUSED)("refuses %s", (_, headers) => {
      expect(crossSiteReason(request(method, headers), APP_URL)).toMatch(/only accepted from Deskgram's own pages/);
    });
    it.each(ALLOWED)("allows %s", (_, headers) => {
      expect(crossSiteReason(request(method, headers), APP_URL)).toBeNull();
    });
  });

  describe.each(READS)("%s (changes nothing)", (method) => {
    it.each(REFUSED)("allows %s", (_, headers) => {
      expect(crossSiteReason(request(method, headers), APP_URL)).toBeNull();
    });
  });

  it("accepts the origin the request reached us under when that is not APP_URL (127.0.0.1 for localhost)", () => {
    const direct = request("POST", { origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }, "http://0.0.0.0:3000/api/trpc/x");
    expect(crossSiteReason(direct, "http://localhost:3000")).toBeNull();
  });

  it("accepts APP_URL behind a proxy that passes another Host and scheme on", () => {
    const proxied = request("POST", { origin: "https://desk.example", host: "10.0.0.5:3000" }, "http://10.0.0.5:3000/api/trpc/x");
    expect(crossSiteReason(proxied, APP_URL)).toBeNull();
  });

  it("does not take a forwarded host as our own", () => {
    const forwarded = request("POST", { origin: "https://evil.example", "x-forwarded-host": "evil.example" });
    expect(crossSiteReason(forwarded, APP_URL)).not.toBeNull();
  });
});

describe("refuseCrossSite", () => {
  it("answers 403 with the reason as JSON", async () => {
    const response = refuseCrossSite(request("POST", { origin: "https://evil.example" }), APP_URL);
    expect(response?.status).toBe(403);
    expect(await response?.json()).toEqual({
      error: expect.stringMatching(/^Cross-site request refused\. Origin https:\/\/evil\.example/),
    });
  });

  it("answers nothing for a request it lets through", () => {
    expect(refuseCrossSite(request("POST", { "sec-fetch-site": "same-origin" }), APP_URL)).toBeNull();
  });
});
