import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";
import { createProjectWithBot, customerSends, inviteMember, openTestCustomer } from "./helpers";

const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

/**
 * Issue 5, end to end: a marketer creates a diversion link, a visitor clicks it with UTM parameters
 * and is sent to the bot with a Start payload, the sandbox customer presses Start with it, and both
 * the analytics page (marketer) and the customer's profile in the inbox (owner) show the click and its campaign.
 */
test("a link's click and Start show in analytics and in the customer's profile", async ({ page, browser, owner }) => {
  const { slug, workspaceId } = owner;
  const { botUsername } = await createProjectWithBot(page.request, workspaceId, "Shop bot");
  const { page: marketer, close } = await inviteMember(browser, page, {
    workspaceId,
    slug,
    role: "marketer",
    label: "links-marketer",
  });

  // The marketer creates the link in the console.
  const code = `e2e-${randomBytes(4).toString("hex")}`;
  await marketer.goto(`/${slug}/links`);
  await marketer.getByRole("button", { name: "New link", exact: true }).click();
  const form = marketer.getByRole("form", { name: "New link" });
  await form.getByLabel("Name").fill("Spring promo");
  await form.getByLabel("Bot (project)").selectOption({ label: `Shop bot (@${botUsername})` });
  await form.getByLabel("Custom code (optional)").fill(code);
  await form.getByLabel("utm_source").fill("newsletter");
  await form.getByRole("button", { name: "Create link" }).click();
  await expect(marketer.getByText(`/l/${code}`).first()).toBeVisible();

  // A visitor clicks it with UTM values of their own: sent to the project's bot with a Start payload.
  // A phone's browser (Playwright's own user agent reads as headless, i.e. a bot, which is never a unique visitor).
  const click = await marketer.request.get(`/l/${code}?utm_source=instagram&utm_campaign=spring-sale`, {
    maxRedirects: 0,
    headers: { "user-agent": IPHONE, referer: "https://www.instagram.com/" },
  });
  expect(click.status()).toBe(302);
  const location = new URL(click.headers()["location"]!);
  expect(`${location.origin}${location.pathname}`).toBe(`https://t.me/${botUsername}`);
  const payload = location.searchParams.get("start")!;
  expect(payload).toMatch(/^[A-Za-z0-9_-]{1,64}$/);

  // The customer presses Start with that payload (the sandbox delivers it to our webhook like Telegram).
  await page.goto(`/${slug}/inbox`);
  const panel = await openTestCustomer(page);
  await customerSends(panel, `/start ${payload}`, "Petra Promo");
  await expect(panel.getByTestId("test-customer-transcript").locator('[data-from="bot"]').first()).toBeVisible();

  // Analytics: the click, the Start and the campaign.
  await marketer.goto(`/${slug}/links/analytics`);
  await expect(async () => {
    await marketer.reload();
    await expect(marketer.getByTestId("total-starts")).toHaveText("1", { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(marketer.getByTestId("total-clicks")).toHaveText("1");
  await expect(marketer.getByTestId("total-unique-visitors")).toHaveText("1");
  await expect(marketer.getByTestId("total-conversion")).toHaveText("100 %");
  await expect(marketer.getByRole("region", { name: "Links" }).getByRole("row", { name: /Spring promo/ })).toContainText(code);
  await marketer.getByLabel("Group channels by").selectOption("campaign");
  const channels = marketer.getByRole("region", { name: "Channels by campaign" });
  await expect(channels.getByRole("row", { name: /spring-sale/ })).toBeVisible();
  await expect(marketer.getByRole("region", { name: "By source" }).getByRole("row", { name: /instagram/ })).toBeVisible();
  await expect(
    marketer.getByRole("region", { name: "By referrer" }).getByRole("row", { name: /www\.instagram\.com/ }),
  ).toBeVisible();

  // The one-link page and its CSV export.
  await marketer
    .getByRole("region", { name: "Links" })
    .getByRole("link", { name: /Spring promo/ })
    .click();
  await expect(marketer.getByRole("heading", { name: "Spring promo" })).toBeVisible();
  await expect(marketer.getByTestId("total-starts")).toHaveText("1");
  const download = marketer.waitForEvent("download");
  await marketer.getByRole("link", { name: "Export CSV" }).click();
  const csv = await readFile(await (await download).path(), "utf8");
  expect(csv).toContain("Channel (utm_source),instagram,1,1,1,1,100");

  // The customer's profile in the inbox: the link and its UTM values.
  const session = page.getByTestId("session-list").getByTestId("session-item").filter({ hasText: "Petra Promo" });
  await session.click();
  const profile = page.getByTestId("conversation").getByTestId("contact-profile");
  await expect(profile).toContainText("Came from Spring promo");
  await expect(profile).toContainText("utm_source: instagram");
  await expect(profile).toContainText("utm_campaign: spring-sale");
  await expect(profile).toContainText("referrer: www.instagram.com");
  await close();
});
