import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { mobile, noJs, open, overflowing, SEED } from "./helpers";

const searchBox = (page: Page) => page.getByRole("searchbox", { name: "Search all skills" });
const status = (page: Page) => page.locator(".search-status");
const results = (page: Page) => page.locator("#search-results .hit-link");

test("a reader searches by keyboard and opens a profile", async ({ page }, testInfo) => {
  test.skip(noJs(testInfo), "search as you type needs JavaScript; the form is tested without it below");
  const problems = await open(page, "/", testInfo);
  await expect(status(page)).toHaveText("9 skills.");

  await searchBox(page).focus();
  await page.keyboard.type("data");
  await expect(status(page)).toHaveText(/skills match “data”\./);
  // The title match ranks first, with the match marked.
  await expect(results(page).first()).toHaveText("Data Modelling");
  await expect(results(page).first().locator("mark")).toHaveText("Data");
  expect(new URL(page.url()).searchParams.get("q")).toBe("data");

  await page.keyboard.press("ArrowDown");
  await expect(results(page).nth(0)).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(results(page).nth(1)).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await expect(searchBox(page)).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/skills\/data-modelling$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Data Modelling");
  expect(problems).toEqual([]);
});

test("search ranks whole title words, then word starts, then role names", async ({ page }, testInfo) => {
  await open(page, "/?q=data", testInfo);
  await expect(status(page)).toHaveText("8 skills match “data”.");
  await expect(results(page)).toHaveText([
    "Data Modelling", // the title starts with the word
    "Change Data Capture", // the word inside the title
    "Database Security", // a title word starts with it
    "Pipeline Orchestration", // the rest only by the role "Data Engineer", in catalog order
    "Replication & High Availability",
    "Query Performance Tuning",
    "Observability",
    "Backup & Recovery", // "Database Engineer / DBA": a role word starts with it
  ]);
  await expect(page.locator(".skill-card").first().locator("mark").first()).toHaveText("Data");
});

test("a search that finds nothing says so, and clearing it brings every skill back", async ({ page }, testInfo) => {
  await open(page, "/?q=zebra", testInfo);
  await expect(status(page)).toHaveText("No skills match “zebra”.");
  await expect(results(page)).toHaveCount(0);
  await page.getByRole("link", { name: "Clear the search" }).click();
  await expect(status(page)).toHaveText("9 skills.");
  await expect(searchBox(page)).toHaveValue("");
});

test("Escape empties the search box and the results follow", async ({ page }, testInfo) => {
  test.skip(noJs(testInfo), "keyboard handling needs JavaScript");
  await open(page, "/?q=backup", testInfo);
  await searchBox(page).focus();
  await page.keyboard.press("Escape");
  await expect(searchBox(page)).toHaveValue("");
  await expect(status(page)).toHaveText("9 skills.");
});

test("without JavaScript the search is a form the server answers", async ({ page }, testInfo) => {
  test.skip(!noJs(testInfo), "the JavaScript projects search as you type");
  await open(page, "/", testInfo);
  await searchBox(page).fill("replication");
  await searchBox(page).press("Enter");
  await expect(page).toHaveURL(/\/\?q=replication$/);
  await expect(status(page)).toHaveText("1 skill matches “replication”.");
  await expect(results(page).first()).toHaveText("Replication & High Availability");
  await expect(searchBox(page)).toHaveValue("replication");
});

test("a profile links to its role's ladder, which shows every skill of the role", async ({ page }, testInfo) => {
  const problems = await open(page, `${SEED}?role=data-engineer&level=middle`, testInfo);
  await page.getByRole("link", { name: /Data Engineer across every skill/ }).click();
  await expect(page).toHaveURL(/\/roles\/data-engineer$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Data Engineer");
  const table = page.getByRole("table", { name: /required or optional for a Data Engineer/ });
  await expect(table.locator("tbody tr")).toHaveCount(6);

  await page.getByRole("navigation", { name: "Choose a level" }).getByRole("link", { name: "Senior" }).click();
  await expect(page).toHaveURL(/level=senior/);
  await expect(page.getByRole("heading", { name: "At Senior" })).toBeVisible();
  await expect(page.locator(".ladder-item").filter({ hasText: "Replication & High Availability" })).toContainText(
    "Designs high-availability data architectures",
  );
  if (mobile(testInfo)) expect(await overflowing(page)).toEqual([]);
  expect(problems).toEqual([]);
});

test("breadcrumbs lead to the group, and previous/next move within it", async ({ page }, testInfo) => {
  await open(page, "/skills/backup-recovery", testInfo);
  // As a reader scrolls down: the comment thread above the link loads when it comes into
  // view and moves the link down; clicking during that move would miss it.
  const next = page.getByRole("link", { name: "Next skill Database Security" });
  await next.scrollIntoViewIfNeeded();
  await page.waitForLoadState("networkidle");
  await next.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Database Security");
  await page
    .getByRole("navigation", { name: "Breadcrumb" })
    .getByRole("link", { name: "Database Administration" })
    .click();
  await expect(page).toHaveURL(/\/domains\/database-management\/database-administration$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Database Administration");
  await expect(results(page)).toHaveText(["Backup & Recovery", "Database Security", "Replication & High Availability"]);
  // A search on a group page stays in the group.
  await expect(page.getByRole("searchbox", { name: "Search Database Administration" })).toBeVisible();
});

test("the catalog pages fit a phone and have no accessibility violations", async ({ page }, testInfo) => {
  for (const path of ["/?q=data", "/domains/data-engineering", "/roles/site-reliability-engineer?level=lead"]) {
    await open(page, path, testInfo);
    if (mobile(testInfo)) expect(await overflowing(page), path).toEqual([]);
    if (!noJs(testInfo)) {
      const axe = await new AxeBuilder({ page }).analyze();
      expect(axe.violations.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`)).toEqual([]);
    }
  }
});
