import { test as base, expect, type BrowserContext, type ConsoleMessage } from "@playwright/test";

/**
 * Every spec's `test`: fails a test during which Chromium reported a Content-Security-Policy
 * violation on any page of any of its browser contexts (the default one and those it opens itself).
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ browser, context }, use) => {
      const violations: string[] = [];
      const watch = (watched: BrowserContext) =>
        watched.on("console", (message: ConsoleMessage) => {
          if (/Content Security Policy/i.test(message.text()))
            violations.push(`${message.page()?.url() ?? "?"}: ${message.text()}`);
        });
      watch(context);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const created = await newContext(...args);
        watch(created);
        return created;
      };
      await use(violations);
      browser.newContext = newContext;
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
