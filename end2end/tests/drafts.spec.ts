import { expect, test, type Page } from "@playwright/test";
import { noJs, open, SEED } from "./helpers";

const EDITOR = `${SEED}/suggest`;
const cell = (page: Page, role: string, level: string) => page.getByLabel(`${role} at ${level}`, { exact: true });
const saveStatus = (page: Page) => page.locator(".save-status");

test("without JavaScript the editor says it needs it", async ({ page }, testInfo) => {
  test.skip(!noJs(testInfo), "the JavaScript projects edit");
  await open(page, EDITOR, testInfo);
  // Chromium run by Playwright without JavaScript still parses <noscript> as hidden, so the
  // message is checked in the markup; the form is hidden until the page is interactive.
  await expect(page.locator("noscript")).toHaveCount(1);
  expect(await page.locator("noscript").innerHTML()).toContain("Suggesting changes needs JavaScript");
  await expect(page.locator("textarea").first()).toBeHidden();
});

test.describe("with JavaScript", () => {
  test.beforeEach(({}, testInfo) => {
    test.skip(noJs(testInfo), "drafts live in the browser");
  });

  test("a typed draft survives a reload and is listed among the drafts", async ({ page }, testInfo) => {
    const problems = await open(page, SEED, testInfo);
    await page.getByRole("link", { name: "Suggest a change" }).click();
    await expect(page).toHaveURL(new RegExp(`${EDITOR}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Replication & High Availability");

    const senior = cell(page, "Database Engineer / DBA", "Senior");
    await senior.fill("Designs enterprise replication architectures and rehearses regional failover every quarter.");
    await page.getByLabel("Why this change?").fill("Quarterly failover drills are what we expect of seniors now.");
    await expect(saveStatus(page)).toHaveText("Draft saved in this browser.");
    // The marks of the other cells are there, hidden, for when they are edited.
    await expect(page.getByText("Edited", { exact: true }).filter({ visible: true })).toHaveCount(1);

    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
    await expect(senior).toHaveValue(/rehearses regional failover every quarter/);
    await expect(page.getByLabel("Why this change?")).toHaveValue(/Quarterly failover drills/);
    await expect(page.getByRole("button", { name: "Submit proposal" })).toBeEnabled();
    await expect(page.getByText("Submitting needs an account")).toBeVisible();

    await open(page, "/drafts", testInfo);
    const item = page.locator(".watch-item").filter({ hasText: "Replication & High Availability" });
    await expect(item).toContainText("1 cell edited, with a rationale");
    expect(problems).toEqual([]);
  });

  test("a draft typed offline is kept and is there after a reload", async ({ page, context }, testInfo) => {
    await open(page, EDITOR, testInfo);
    await context.setOffline(true);
    await cell(page, "Infrastructure Engineer", "Middle").fill("Provisions replicas with Terraform while the network is down.");
    await expect(saveStatus(page)).toHaveText("Draft saved in this browser.");
    await context.setOffline(false);
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
    await expect(cell(page, "Infrastructure Engineer", "Middle")).toHaveValue(/while the network is down/);
  });

  test("a draft is discarded only after confirming", async ({ page }, testInfo) => {
    await open(page, EDITOR, testInfo);
    await cell(page, "Data Engineer", "Junior").fill("Understands replication.");
    await expect(saveStatus(page)).toHaveText("Draft saved in this browser.");
    await page.getByRole("button", { name: "Discard draft…" }).click();
    await expect(page.getByRole("button", { name: "Keep editing" })).toBeFocused();
    await page.getByRole("button", { name: "Keep editing" }).click();
    await expect(cell(page, "Data Engineer", "Junior")).toHaveValue("Understands replication.");

    await page.getByRole("button", { name: "Discard draft…" }).click();
    await page.getByRole("button", { name: "Discard", exact: true }).click();
    await expect(cell(page, "Data Engineer", "Junior")).toHaveValue(/^Understands basic database replication concepts/);
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
    await expect(cell(page, "Data Engineer", "Junior")).toHaveValue(/^Understands basic database replication concepts/);
    const stored = await page.evaluate(() => localStorage.getItem("skill-profiles.drafts"));
    expect(JSON.parse(stored!).data).toEqual({});
  });

  test("a field over its limit says by how much, and the draft keeps it", async ({ page }, testInfo) => {
    await open(page, EDITOR, testInfo);
    const field = cell(page, "Infrastructure Engineer", "Lead");
    await field.fill("x".repeat(2_010));
    await expect(page.getByText("2010 characters: 10 over the limit of 2000.")).toBeVisible();
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(saveStatus(page)).toHaveText("Draft saved in this browser.");
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
    await expect(field).toHaveValue("x".repeat(2_010));
  });

  test("cells that changed under a draft are pointed out", async ({ page }, testInfo) => {
    await page.goto("/healthz");
    await page.evaluate(() => {
      const draft = {
        title: "Replication & High Availability",
        base: { updated: "2026-01-01", fingerprint: "0" },
        edits: {
          "lead/dba": { base_text: "An older lead text.", base_required: true, text: "My lead text.", required: true },
        },
        rationale: "",
        saved_at: 0,
      };
      localStorage.setItem("skill-profiles.drafts", JSON.stringify({ v: 1, data: { "replication-high-availability": draft } }));
    });
    await open(page, EDITOR, testInfo);
    await expect(page.getByText("The profile changed since you started this draft.")).toBeVisible();
    await expect(page.getByText("Cells changed underneath you: Database Engineer / DBA at Lead.")).toBeVisible();
    await expect(cell(page, "Database Engineer / DBA", "Lead")).toHaveValue("My lead text.");
    await expect(page.locator(".under").filter({ visible: true })).toContainText("Defines data strategy at the product level.");
    await open(page, "/drafts", testInfo);
    await expect(page.getByText("The skill changed since you started")).toBeVisible();
  });
});
