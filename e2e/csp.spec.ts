import { expect, test } from "./fixtures";
import { trpcMutate } from "./helpers";

const PAGES = [
  "",
  "/inbox",
  "/projects",
  "/routing",
  "/agents",
  "/monitoring",
  "/links",
  "/links/analytics",
  "/risk",
  "/audit/sessions",
  "/audit/risk",
  "/settings/general",
  "/settings/agent-status",
  "/settings/plan",
];

test("every console page is served with a nonce-based Content-Security-Policy and runs without violations", async ({
  page,
  owner,
}) => {
  test.setTimeout(120_000);
  const { slug, workspaceId } = owner;
  const { id: projectId } = await trpcMutate<{ id: string }>(page.request, "projects.create", { workspaceId, name: "CSP bot" });
  const nonces = new Set<string>();
  for (const path of [
    ...PAGES.map((p) => `/${slug}${p}`),
    `/${slug}/projects/${projectId}`,
    `/${slug}/routing/${projectId}`,
    "/",
  ]) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(200);
    const policy = response!.headers()["content-security-policy"] ?? "";
    const scriptSrc = /script-src ([^;]+)/.exec(policy)?.[1] ?? "";
    expect(scriptSrc, path).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    expect(scriptSrc, path).not.toContain("unsafe-inline");
    expect(policy, path).toContain("frame-ancestors 'none'");
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1]!;
    nonces.add(nonce);
    await page.waitForLoadState("networkidle");
    // Every inline script carries this response's nonce; every loaded one is a build chunk of this origin.
    const scripts = await page
      .locator("script")
      .evaluateAll((all) => all.map((s) => ({ src: (s as HTMLScriptElement).src, nonce: (s as HTMLScriptElement).nonce })));
    const inline = scripts.filter((s) => !s.src);
    expect(inline.length, path).toBeGreaterThan(0);
    expect(new Set(inline.map((s) => s.nonce)), path).toEqual(new Set([nonce]));
    for (const { src } of scripts.filter((s) => s.src)) expect(src, path).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_next\/static\//);
  }
  // A fresh nonce per response.
  expect(nonces.size).toBe(PAGES.length + 3);

  // The sign-in and sign-up pages too, signed out.
  await page.context().clearCookies();
  for (const path of ["/sign-in", "/sign-up"]) {
    const response = await page.goto(path);
    expect(response!.headers()["content-security-policy"], path).toMatch(/script-src 'self' 'nonce-/);
    await expect(page.getByRole("button")).not.toHaveCount(0);
  }
});

test("answers that are not pages forbid running anything", async ({ request }) => {
  for (const path of ["/api/health", "/l/no-such-code"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.headers()["content-security-policy"], path).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
  }
});
