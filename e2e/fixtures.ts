import path from "node:path";
import { test as base, expect, type BrowserContext, type ConsoleMessage } from "@playwright/test";
import { newAccount, signUpAndSignIn, type Account, type SignedIn } from "./helpers";

/**
 * Every spec's `test`: fails a test during which Chromium reported a Content-Security-Policy
 * violation on any page of any of its browser contexts (the default one and those it opens itself).
 * A test that names `owner` starts signed in as the owner of a new workspace.
 */
export const test = base.extend<{ cspViolations: string[]; owner: SignedIn & { account: Account } }>({
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
  // Signed up and in over the HTTP API, in the test's own context: its `page` holds the sign-in and no form
  // is filled (sign-up-and-plan.spec.ts tests the forms). A new account per test keeps plan quotas apart.
  owner: [
    async ({ context }, use, testInfo) => {
      const account = newAccount(path.basename(testInfo.file, ".spec.ts"));
      await use({ account, ...(await signUpAndSignIn(context.request, account)) });
    },
    { title: "sign up and in over the API" },
  ],
});

export { expect };
