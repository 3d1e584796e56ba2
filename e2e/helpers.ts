import { expect, type APIRequestContext, type Browser, type Locator, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";

export const PASSWORD = "telegram desk 2026";

export function newAccount(label: string) {
  const id = `${label}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  return { name: `${label} tester`, email: `${id}@example.test`, password: PASSWORD, workspaceName: `${label} ${id.slice(-6)}` };
}
export type Account = ReturnType<typeof newAccount>;

/** Signs up through the form, the way a new customer does, and waits for the console. */
export async function signUpInBrowser(page: Page, account: Account) {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(account.name);
  await page.getByLabel("Work email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByLabel("Workspace name").fill(account.workspaceName);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByTestId("workspace-name")).toHaveText(account.workspaceName);
  return new URL(page.url()).pathname.split("/")[1]!;
}

/** Signs up over the HTTP API (faster, for tests about something else); returns the workspace slug. */
export async function signUpViaApi(request: APIRequestContext, account: Account): Promise<string> {
  const response = await request.post("/api/trpc/auth.signUp", { data: { json: account } });
  expect(response.status(), await response.text()).toBe(200);
  const body = (await response.json()) as { result: { data: { json: { workspaceSlug: string } } } };
  return body.result.data.json.workspaceSlug;
}

/** Signs in through next-auth's credentials endpoint; the session cookie lands in `request`'s jar. */
export async function signInViaApi(request: APIRequestContext, account: Pick<Account, "email" | "password">) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: account.email, password: account.password, json: "true" },
  });
  expect(response.ok()).toBe(true);
  const session = (await (await request.get("/api/auth/session")).json()) as { user?: { email?: string } };
  expect(session.user?.email).toBe(account.email);
}

/** A saved sign-in (the session cookie), for `browser.newContext({ storageState })`. */
export type StorageState = Awaited<ReturnType<APIRequestContext["storageState"]>>;

export type SignedIn = { slug: string; workspaceId: string; storageState: StorageState };

/**
 * Signs `account` up and in over the HTTP API, for tests about something else: no form is filled.
 * The session lands in `request`'s jar; a browser context's own `request` signs that context in.
 */
export async function signUpAndSignIn(request: APIRequestContext, account: Account): Promise<SignedIn> {
  const slug = await signUpViaApi(request, account);
  await signInViaApi(request, account);
  return { slug, workspaceId: await workspaceIdOf(request, slug), storageState: await request.storageState() };
}

/** Creates a project from the Projects page and waits for its own page. */
export async function createProject(page: Page, slug: string, name: string) {
  await page.getByLabel("Project name").fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/projects/[0-9a-f-]{36}$`));
  await expect(page.getByTestId("project-name")).toHaveText(name);
}

/** Makes a sandbox bot, connects it and returns its @username (without the @). */
export async function connectSandboxBot(page: Page) {
  await page.getByRole("button", { name: "Create a sandbox bot" }).click();
  const created = page.getByText(/^Sandbox bot @\w+ created/);
  await expect(created).toBeVisible();
  const username = /@(\w+)/.exec((await created.textContent()) ?? "")![1]!;
  const token = await page.getByLabel("Bot token").inputValue();
  expect(token).toMatch(/^\d+:/);
  await page.getByRole("button", { name: "Connect bot" }).click();
  await expect(page.getByTestId("bot-username")).toHaveText(`@${username}`);
  // Once connected, the token is nowhere in the page.
  expect(await page.content()).not.toContain(token.split(":")[1]);
  return username;
}

/** Creates a project with a connected sandbox bot over the HTTP API, as the admin signed in on `request`. */
export async function createProjectWithBot(request: APIRequestContext, workspaceId: string, name: string) {
  const project = await trpcMutate<{ id: string }>(request, "projects.create", { workspaceId, name });
  const bot = await trpcMutate<{ token: string; username: string }>(request, "sandbox.createBot", { workspaceId });
  await trpcMutate(request, "projects.connectBot", { workspaceId, projectId: project.id, token: bot.token });
  return { projectId: project.id, botUsername: bot.username };
}

/** Opens the inbox's Test customer panel (a sandbox customer writing to the bot) and returns it. */
export async function openTestCustomer(page: Page): Promise<Locator> {
  await page.getByTestId("test-customer-toggle").click();
  return page.getByTestId("test-customer-panel");
}

/** The Test customer sends `text` to the bot, as `name` when given. */
export async function customerSends(panel: Locator, text: string, name?: string) {
  if (name !== undefined) await panel.getByTestId("test-customer-name").fill(name);
  await panel.getByTestId("test-customer-message").fill(text);
  await panel.getByTestId("test-customer-send").click();
}

type TrpcData<T> = { result: { data: { json: T } } };

/** A tRPC query over HTTP with the session cookie of `request`. */
export async function trpcQuery<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as TrpcData<T>).result.data.json;
}

/** A tRPC mutation over HTTP with the session cookie of `request`. */
export async function trpcMutate<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as TrpcData<T>).result.data.json;
}

/** The id of the workspace with this slug, among those the signed-in user belongs to. */
export async function workspaceIdOf(request: APIRequestContext, slug: string): Promise<string> {
  const workspaces = await trpcQuery<Array<{ id: string; slug: string }>>(request, "workspace.list", undefined);
  return workspaces.find((w) => w.slug === slug)!.id;
}

/**
 * The owner (or an admin) invites a new member by email; the member joins with a new account and signs
 * in over the HTTP API (the invitation page has its own spec, team.spec.ts), in their own browser
 * context, and waits in the live inbox (a marketer, who has none, on a blank page). Close the context when done.
 */
export async function inviteMember(
  browser: Browser,
  inviter: Page,
  invite: { workspaceId: string; slug: string; role: "admin" | "supervisor" | "agent" | "marketer"; label: string },
) {
  const { workspaceId, slug, role, label } = invite;
  const account = newAccount(label);
  const { link } = await trpcMutate<{ link: string }>(inviter.request, "team.invite", {
    workspaceId,
    via: "email",
    address: account.email,
    role,
  });
  const token = new URL(link).pathname.split("/").at(-1)!;
  const context = await browser.newContext();
  const { name, email, password } = account;
  await trpcMutate(context.request, "team.joinWithNewAccount", { name, email, password, token });
  await signInViaApi(context.request, account);
  const page = await context.newPage();
  if (role !== "marketer") {
    await page.goto(`/${slug}/inbox`);
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  }
  const members = await trpcQuery<Array<{ id: string; name: string }>>(inviter.request, "team.members", { workspaceId });
  const userId = members.find((m) => m.name === account.name)!.id;
  return { page, account, userId, close: () => context.close() };
}

/** Changes some of a project's routing settings over the API, keeping the others. */
export async function updateRouting(
  request: APIRequestContext,
  target: { workspaceId: string; projectId: string },
  changes: Record<string, unknown>,
) {
  const { settings } = await trpcQuery<{ settings: Record<string, unknown> }>(request, "routing.settings", target);
  await trpcMutate(request, "routing.update", { ...target, settings: { ...settings, ...changes } });
}
