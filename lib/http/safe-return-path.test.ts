import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./safe-return-path";

const ORIGIN = "https://desk.example";

describe("safeReturnPath", () => {
  it.each([
    ["/acme/inbox?tab=mine#x", "/acme/inbox?tab=mine#x"],
    ["/", "/"],
    ["/invite/abc-123", "/invite/abc-123"],
    ["/acme/inbox?q=%2F%2Fnot-a-host", "/acme/inbox?q=%2F%2Fnot-a-host"],
    ["/a/b/../c", "/a/c"],
    // Encoded slashes stay encoded: a same-origin path, never a host.
    ["/%5Cevil.example", "/%5Cevil.example"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ])("returns the same-origin path %j as %j", (value, expected) => {
    expect(safeReturnPath(value, ORIGIN)).toBe(expected);
  });

  it.each([
    ["backslash as a slash", "/\\evil.example/"],
    ["backslash then letters", "/\\t/evil.example"],
    ["tab the parser strips", "/\t/evil.example"],
    ["newline the parser strips", "/\n/evil.example"],
    ["carriage return", "/\r/evil.example"],
    ["leading newline", "\n//evil"],
    ["NUL", "/acme\u0000/inbox"],
    ["DEL", "/\u007f/evil.example"],
    ["C1 control", "/\u0085/evil.example"],
    ["protocol-relative", "//evil.example"],
    ["three slashes", "///evil.example"],
    ["slash then backslash", "/\\/evil.example"],
    ["backslash first", "\\/evil.example"],
    ["dot segment to a network path", "/.//evil.example"],
    ["dot-dot to a network path", "/a/..//evil.example"],
    ["encoded dot-dot to a network path", "/%2e%2e//evil.example"],
    ["javascript: URL", "javascript:alert(1)"],
    ["data: URL", "data:text/html,<script>alert(1)</script>"],
    ["absolute URL elsewhere", "https://evil.example/"],
    ["absolute URL on another origin", "http://localhost:3000/x"],
    ["absolute URL on this origin", "https://desk.example/acme"],
    ["leading spaces", "  /path"],
    ["relative path", "acme/inbox"],
    ["empty", ""],
  ])("refuses %s", (_, value) => {
    expect(safeReturnPath(value, ORIGIN)).toBe("/");
  });

  it.each([undefined, null, 42, ["/acme", "/other"]])("refuses a non-string %j", (value) => {
    expect(safeReturnPath(value, ORIGIN)).toBe("/");
  });

  it("refuses everything when the origin itself cannot be parsed", () => {
    expect(safeReturnPath("/acme", "null")).toBe("/");
  });
});
