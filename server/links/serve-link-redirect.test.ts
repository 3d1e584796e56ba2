import { describe, expect, it } from "vitest";
import { linkCodeOf } from "./serve-link-redirect";
import { isShortHost } from "./short-host";

const visit = (url: string, method = "GET", host = "app.example.com") => ({ method, url, headers: { host } });

describe("which requests the Node server answers as diversion-link visits", () => {
  it.each([
    ["GET", "/l/spring-sale", "spring-sale"],
    ["HEAD", "/l/spring-sale?utm_source=x", "spring-sale"],
    ["GET", "/l/spring%20sale", "spring%20sale"], // refused later by the code's own pattern, with the 404 page
    ["POST", "/l/spring-sale", null],
    ["GET", "/l/spring-sale/", null],
    ["GET", "/l/a/b", null],
    ["GET", "/l/", null],
    ["GET", "/inbox", null],
    ["GET", "/spring-sale", null], // the app's own host: only /l/{code}
  ])("%s %s → %s", (method, url, code) => {
    expect(linkCodeOf(visit(url, method), undefined)).toBe(code);
  });

  it("serves /{code} on the short host only, and leaves its other paths to Next.js", () => {
    expect(linkCodeOf(visit("/spring-sale?utm_source=x", "GET", "go.example.com"), "go.example.com")).toBe("spring-sale");
    expect(linkCodeOf(visit("/spring-sale", "GET", "go.example.com:8443"), "go.example.com")).toBe("spring-sale");
    expect(linkCodeOf(visit("/favicon.ico", "GET", "go.example.com"), "go.example.com")).toBeNull();
    expect(linkCodeOf(visit("/_next/static/x.js", "GET", "go.example.com"), "go.example.com")).toBeNull();
    expect(linkCodeOf(visit("/spring-sale", "GET", "app.example.com"), "go.example.com")).toBeNull();
  });

  it("matches the short host with or without a port as configured", () => {
    expect(isShortHost("GO.example.com", "go.example.com")).toBe(true);
    expect(isShortHost("go.example.com:3000", "go.example.com")).toBe(true);
    expect(isShortHost("go.example.com:3000", "go.example.com:443")).toBe(false);
    expect(isShortHost("evil-go.example.com", "go.example.com")).toBe(false);
    expect(isShortHost("go.example.com", undefined)).toBe(false);
    expect(isShortHost(undefined, "go.example.com")).toBe(false);
  });
});
