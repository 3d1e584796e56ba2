import { describe, expect, it } from "vitest";
import { isReservedSlug, SLUG_PATTERN, slugify, slugWithSuffix } from "./slug";

describe("slugify", () => {
  it("spells Latin names, folding accents", () => {
    expect(slugify("Acme Support!")).toBe("acme-support");
    expect(slugify("Café Crème")).toBe("cafe-creme");
  });

  it.each(["客服中心", "Поддержка", "پشتیبانی", "🙂🙂", "AB", "api", "sign-in", "x".repeat(80), "--a--"])(
    "gives %j an address the console accepts",
    (name) => {
      const slug = slugify(name);
      expect(slug).toMatch(SLUG_PATTERN);
      expect(isReservedSlug(slug)).toBe(false);
      expect(slugWithSuffix(slug)).toMatch(SLUG_PATTERN);
    },
  );

  it("does not give every non-Latin name the same address", () => {
    expect(slugify("客服中心")).not.toBe(slugify("客服中心"));
  });
});

describe("reserved slugs", () => {
  it("cover every top-level route, so no workspace console hides behind one", async () => {
    const { readdirSync } = await import("node:fs");
    const routes = readdirSync("app", { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith("[") && !entry.name.startsWith("("))
      .map((entry) => entry.name);
    expect(routes).toContain("invite");
    for (const route of routes) expect(isReservedSlug(route), route).toBe(true);
  });
});
