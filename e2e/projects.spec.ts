import { expect, test } from "./fixtures";
import { connectSandboxBot, createProject, createProjectWithBot } from "./helpers";

test("an admin creates a project, meets the Trial quota and connects a sandbox bot", async ({ page, owner }) => {
  const { slug } = owner;
  await page.goto(`/${slug}`);
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Projects" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/projects$`));
  await expect(page.getByText("No projects yet — create one to connect your bot")).toBeVisible();

  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByText("Give the project a name.")).toBeVisible();
  await createProject(page, slug, "Support bot");
  await expect(page.getByTestId("project-status").first()).toHaveText("Draft");
  const projectPage = page.url();

  await page.getByRole("link", { name: "← All projects" }).click();
  await expect(page.getByRole("list", { name: "Projects" }).getByRole("link")).toHaveCount(1);
  await page.getByLabel("Project name").fill("Second bot");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText(
    "Your Trial plan includes 1 project. Archive a project or upgrade in Settings → Plan to add another.",
  );

  await page.goto(projectPage);
  const username = await connectSandboxBot(page);
  await expect(page.getByTestId("bot-username")).toHaveAttribute("href", `https://t.me/${username}`);
  await expect(page.getByTestId("project-status").first()).toHaveText("Active");

  await page.goto(`/${slug}/projects`);
  const row = page.getByRole("list", { name: "Projects" }).getByRole("link");
  await expect(row).toContainText("Support bot");
  await expect(row).toContainText(`@${username}`);
  await expect(row).toContainText("Active");
});

// Creating and connecting is the test above; this one starts from a connected project made over the API.
test("an admin pauses, disconnects and archives a project", async ({ page, owner }) => {
  const { slug } = owner;
  const { projectId } = await createProjectWithBot(page.request, owner.workspaceId, "Shop bot");
  await page.goto(`/${slug}/projects/${projectId}`);
  const status = page.getByTestId("project-status").first();
  await expect(status).toHaveText("Active");

  await page.getByRole("button", { name: "Deactivate", exact: true }).click();
  await expect(status).toHaveText("Inactive");
  await page.getByRole("button", { name: "Activate", exact: true }).click();
  await expect(status).toHaveText("Active");

  await page.getByRole("button", { name: "Disconnect", exact: true }).click();
  await page.getByRole("button", { name: "Yes, disconnect" }).click();
  await expect(page.getByText(/^@\w+ is disconnected\.$/)).toBeVisible();
  await expect(page.getByLabel("Bot token")).toBeVisible();
  await expect(status).toHaveText("Draft");

  await page.getByRole("button", { name: "Archive project" }).click();
  await page.getByRole("button", { name: "Yes, archive" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/projects$`));
  await expect(page.getByText("No projects yet — create one to connect your bot")).toBeVisible();
});
