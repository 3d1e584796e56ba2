import { describe, expect, it } from "vitest";
import { sameOriginRedirect } from "./same-origin-redirect";

const baseUrl = "http://localhost:3000";
const redirect = (url: string) => sameOriginRedirect({ url, baseUrl });

describe("sameOriginRedirect", () => {
  it.each([
    ["/acme/inbox?tab=mine#x", "http://localhost:3000/acme/inbox?tab=mine#x"],
    ["http://localhost:3000/invite/abc", "http://localhost:3000/invite/abc"],
    ["http://LOCALHOST:3000/acme", "http://localhost:3000/acme"],
  ])("keeps %j on this origin", (url, expected) => {
    expect(redirect(url)).toBe(expected);
  });

  it.each([
    "https://evil.example/",
    "http://localhost:3001/acme",
    "https://localhost:3000/acme",
    "//evil.example",
    "/\\evil.example/",
    "/\t/evil.example",
    "http://localhost:3000//evil.example",
    "http://localhost:3000/.//evil.example",
    "javascript:alert(1)",
    "not a url",
  ])("sends %j to the home page", (url) => {
    expect(redirect(url)).toBe("http://localhost:3000/");
  });
});
