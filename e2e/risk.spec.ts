import { expect, test } from "./fixtures";
import { createProjectWithBot, customerSends, inviteMember, openTestCustomer, updateRouting } from "./helpers";

const WALLET = "TJYeasTPa6gpEEfYk2Fo9PJtL1FZm2Z5fQ";

/**
 * Issue 6, item 5: the admin (the workspace owner) creates a block group with a wallet address and a
 * confirm group with a word; an agent, in their own browser, is blocked on the address and asked to
 * confirm the word; once confirmed the customer receives it; a supervisor, in theirs, finds both
 * records in Audit → Risk triggers with their outcomes and the agent's name, and the CSV export agrees.
 */
test("an agent is blocked on a wallet address and confirms a word; the supervisor finds both in the audit", async ({
  page,
  browser,
  owner,
}) => {
  test.setTimeout(180_000);
  const { slug, workspaceId } = owner;
  const { projectId } = await createProjectWithBot(page.request, workspaceId, "Risk bot");
  await page.goto(`/${slug}`);

  const nav = page.getByRole("navigation", { name: "Console" });
  await nav.getByRole("link", { name: /Risk control/ }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/risk$`));
  await expect(page.getByText("No risk word groups yet.", { exact: false })).toBeVisible();

  // A block group with the wallet address.
  await page.getByRole("button", { name: "New group" }).click();
  const form = page.getByRole("form", { name: "New risk word group" });
  await form.getByRole("button", { name: "Create group" }).click();
  await expect(form.getByText("Give the group a name.")).toBeVisible();
  await form.getByLabel("Group name").fill("Wallets");
  await form.getByLabel("Block the message").check();
  await form.getByLabel("Keywords", { exact: true }).fill(WALLET);
  await form.getByRole("button", { name: "Create group" }).click();
  const groups = page.getByRole("list", { name: "Risk word groups" });
  await expect(groups.getByTestId("risk-group").filter({ hasText: "Wallets" })).toContainText("Blocks");

  // A confirm group, its words bulk-imported with a preview count; an invalid pattern is refused with the reason.
  await page.getByRole("button", { name: "New group" }).click();
  await form.getByLabel("Group name").fill("Off-platform contact");
  await form.getByRole("button", { name: "Bulk import…" }).click();
  await form.getByLabel("Paste keywords to import").fill("private chat, WhatsApp\nprivate chat");
  await expect(form.getByRole("status")).toHaveText("2 new keywords, 1 already in the list or repeated.");
  await form.getByRole("button", { name: "Add 2 keywords" }).click();
  await expect(form.getByLabel("Keywords", { exact: true })).toHaveValue("private chat\nWhatsApp");
  await form.getByLabel("Patterns (regular expressions)").fill("(\\w+)\\1");
  await form.getByRole("button", { name: "Create group" }).click();
  await expect(form.getByText(/backreferences .* are not supported/)).toBeVisible();
  await form.getByLabel("Patterns (regular expressions)").fill("");
  await form.getByRole("button", { name: "Create group" }).click();
  await expect(groups.getByTestId("risk-group").filter({ hasText: "Off-platform contact" })).toContainText("Asks to confirm");

  // The team: an agent and a supervisor join in their own browsers; the project routes to the agent alone.
  const agent = await inviteMember(browser, page, { workspaceId, slug, role: "agent", label: "risk-agent" });
  const supervisor = await inviteMember(browser, page, { workspaceId, slug, role: "supervisor", label: "risk-sup" });
  try {
    await updateRouting(
      page.request,
      { workspaceId, projectId },
      { routingRule: "round_robin", agentScope: "specific", agentIds: [agent.userId] },
    );

    // A customer writes from the owner's Test customer panel; the session lands in the agent's Mine tab.
    await nav.getByRole("link", { name: /Inbox/ }).click();
    const panel = await openTestCustomer(page);
    await customerSends(panel, "Where do I pay?", "Rita Risk");
    const inbox = agent.page;
    await inbox.getByRole("tab", { name: /^Mine/ }).click();
    const session = inbox.getByTestId("session-list").getByTestId("session-item").filter({ hasText: "Rita Risk" });
    await expect(session.getByTestId("session-assignee")).toHaveText("With you");
    await session.click();
    const box = inbox.getByTestId("reply-box");
    const reply = box.getByRole("textbox", { name: "Reply" });

    // The address: the pre-check warns while typing, and the server blocks the send.
    await reply.fill(`Please pay to ${WALLET}`);
    await expect(box.getByTestId("risk-precheck")).toContainText("will be blocked");
    await box.getByRole("button", { name: "Send" }).click();
    await expect(box.getByTestId("risk-blocked")).toContainText(`"${WALLET}" (Wallets)`);
    await expect(reply).toHaveValue(`Please pay to ${WALLET}`);
    const conversation = inbox.getByTestId("conversation");
    await expect(conversation.locator('[data-testid="message"][data-author="agent"]')).toHaveCount(0);

    // The word: the agent is asked, confirms, and the customer receives the message.
    const text = "We can continue in a private chat if you like.";
    await reply.fill(text);
    await box.getByRole("button", { name: "Send" }).click();
    const ask = box.getByRole("alertdialog", { name: "Confirm sending" });
    await expect(ask).toContainText('"private chat" (Off-platform contact)');
    await ask.getByRole("button", { name: "Send anyway" }).click();
    await expect(ask).toHaveCount(0);
    const sent = conversation.locator('[data-testid="message"][data-author="agent"]').last();
    await expect(sent).toContainText(text);
    await expect(sent).toHaveAttribute("data-delivery", "sent");
    await expect(
      panel.getByTestId("test-customer-transcript").locator('[data-testid="transcript-message"][data-from="bot"]').last(),
    ).toContainText(text);

    // The supervisor: Audit → Risk triggers shows both records, with the outcomes and the agent's name.
    const audit = supervisor.page;
    await audit.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Audit" }).click();
    await audit.getByRole("navigation", { name: "Audit" }).getByRole("link", { name: "Risk triggers" }).click();
    await expect(audit).toHaveURL(new RegExp(`/${slug}/audit/risk$`));
    const records = audit.getByTestId("risk-trigger");
    await expect(records).toHaveCount(2);
    const blocked = records.filter({ hasText: WALLET });
    await expect(blocked).toHaveAttribute("data-outcome", "blocked");
    await expect(blocked).toContainText("Wallets");
    await expect(blocked).toContainText("Rita Risk");
    await expect(blocked).toContainText(agent.account.name);
    const confirmed = records.filter({ hasText: "Off-platform contact" });
    await expect(confirmed).toHaveAttribute("data-outcome", "sent_after_confirmation");
    await expect(confirmed).toContainText("Sent after confirmation");
    await expect(confirmed).toContainText(text);
    await expect(confirmed).toContainText(agent.account.name);

    // Filters: by agent, by outcome, by word; the CSV export carries the filtered set.
    await audit.getByLabel("Agent").selectOption({ label: agent.account.name });
    await expect(records).toHaveCount(2);
    await audit.getByLabel("Outcome").selectOption({ label: "Blocked" });
    await expect(records).toHaveCount(1);
    await expect(records.first()).toContainText(WALLET);
    await audit.getByLabel("Outcome").selectOption({ label: "Any outcome" });
    await audit.getByLabel("Word").fill("private");
    await expect(records).toHaveCount(1);
    await expect(records.first()).toContainText("Off-platform contact");

    const href = await audit.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    expect(href).toContain("word=private");
    expect(href).toContain(`agentId=${agent.userId}`);
    const csv = await audit.request.get(href!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const body = await csv.text();
    expect(body).toContain("Off-platform contact,Confirm,Keyword,private chat,private chat,");
    expect(body).toContain("Sent after confirmation");
    expect(body).toContain(agent.account.name);
    expect(body).not.toContain(WALLET);
  } finally {
    await agent.close();
    await supervisor.close();
  }
});
