import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/auth/[...nextauth]/route";
import { env } from "@/lib/env";

// A signed-in person lured to another site must not be signed out, or signed in as someone else, by it.
describe("the next-auth route refuses cross-site posts", () => {
  it.each([
    ["callback/credentials", { origin: "https://evil.example" }],
    ["signout", { "sec-fetch-site": "cross-site" }],
  ])("answers 403 to a cross-site post to %s before next-auth runs", async (action, headers) => {
    const request = new Request(`${env().APP_URL}/api/auth/${action}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: "csrfToken=x&email=a%40b.c&password=p",
    });
    const response = await POST(request, { params: Promise.resolve({ nextauth: action.split("/") }) });
    expect(response.status).toBe(403);
  });
});
