import { afterEach, describe, expect, it, vi } from "vitest";
import { clientIp, SOCKET_IP_HEADER, stampSocketIp } from "./client-ip";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("client IP", () => {
  it("comes from the socket, overwriting a value the client sent in the same header", () => {
    const req = { headers: { [SOCKET_IP_HEADER]: "6.6.6.6" } as Record<string, string>, socket: { remoteAddress: "192.0.2.7" } };
    stampSocketIp(req);
    expect(clientIp(req.headers)).toBe("192.0.2.7");
  });

  it("ignores X-Forwarded-For unless TRUST_PROXY is set", async () => {
    const headers = new Headers({ "x-forwarded-for": "203.0.113.5, 10.0.0.1", [SOCKET_IP_HEADER]: "10.0.0.1" });
    expect(clientIp(headers)).toBe("10.0.0.1");
    vi.stubEnv("TRUST_PROXY", "true");
    vi.resetModules();
    const fresh = await import("./client-ip");
    expect(fresh.clientIp(headers)).toBe("203.0.113.5");
  });

  it("takes TRUSTED_PROXY_HEADER's first entry first when configured, falling back when the header is absent", async () => {
    vi.stubEnv("TRUSTED_PROXY_HEADER", "CF-Connecting-IP");
    vi.resetModules();
    const fresh = await import("./client-ip");
    const withHeader = new Headers({
      "cf-connecting-ip": "198.51.100.9",
      "x-forwarded-for": "203.0.113.5",
      [SOCKET_IP_HEADER]: "10.0.0.1",
    });
    expect(fresh.clientIp(withHeader)).toBe("198.51.100.9");
    expect(fresh.clientIp(new Headers({ [SOCKET_IP_HEADER]: "10.0.0.1" }))).toBe("10.0.0.1");
  });
});
