import { expect, test } from "@playwright/test";
import { noJs, open, SEED } from "./helpers";

const LEVELS = ["Junior", "Middle", "Senior", "Lead", "Principal"];
const ROLES = ["Data Engineer", "Database Engineer / DBA", "Infrastructure Engineer"];

test("the seed profile shows its header, figures and the complete matrix", async ({ page }, testInfo) => {
  const problems = await open(page, SEED, testInfo);

  await expect(page).toHaveTitle("Replication & High Availability · Skill Profiles");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Replication & High Availability");
  const breadcrumb = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(breadcrumb.getByRole("link", { name: "Database Management" })).toBeVisible();
  await expect(breadcrumb.getByRole("link", { name: "Database Administration" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Keywords" }).getByRole("listitem")).toHaveCount(6);
  await expect(page.getByText("the other 4 optional")).toBeVisible();
  await expect(page.locator("time[datetime='2026-03-17']")).toHaveText("17 March 2026");

  const table = page.getByRole("table", { name: /Expectations of each role at each level/ });
  for (const role of ROLES) {
    await expect(table.getByRole("columnheader", { name: role, exact: true })).toBeVisible();
  }
  for (const level of LEVELS) {
    await expect(table.getByRole("rowheader", { name: new RegExp(`^${level}`) })).toBeVisible();
  }
  await expect(table.getByText("Required", { exact: true })).toHaveCount(11);
  await expect(table.getByText("Optional", { exact: true })).toHaveCount(4);
  await expect(
    table.getByRole("row", { name: /^Principal/ }).getByText(/CDC through Debezium\/Kafka Connect/),
  ).toBeVisible();

  expect(problems, "no console errors or failed requests").toEqual([]);
});

test("the catalog links to the profile", async ({ page }, testInfo) => {
  const problems = await open(page, "/", testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Skill profiles");
  await page.getByRole("link", { name: "Replication & High Availability" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Replication & High Availability");
  await expect(page.getByRole("table")).toContainText("Shapes data replication strategy for all infrastructure");
  expect(problems).toEqual([]);
});

test("an unknown profile gets a not-found page with status 404", async ({ page }, testInfo) => {
  const response = await page.goto("/skills/no-such-skill");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await page.getByRole("link", { name: "Browse all skill profiles" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Skill profiles");
});

test("the page is served with a favicon", async ({ request }) => {
  expect((await request.get("/favicon.svg")).status()).toBe(200);
  expect((await request.get("/favicon.ico")).status()).toBe(200);
});

test("without JavaScript the page is not hydrated and still complete", async ({ page }, testInfo) => {
  test.skip(!noJs(testInfo), "checks the no-JavaScript rendering only");
  await open(page, SEED, testInfo);
  await expect(page.locator("html")).not.toHaveAttribute("data-hydrated", "true");
  await expect(page.getByRole("table").getByRole("cell")).toHaveCount(15);
});

test("the next level's text can be read plainly beside its word diff", async ({ page }, testInfo) => {
  await open(page, `${SEED}?role=dba&level=middle`, testInfo);
  const compare = page.locator("section.compare");
  const plain = compare.locator("details.plain-text");
  await expect(plain.locator("p")).toBeHidden();
  await plain.getByText("Read Senior as plain text").click();
  const text = plain.locator("p");
  await expect(text).toBeVisible();
  await expect(text).toContainText("Designs enterprise replication architectures");
  await expect(text.locator("ins, del")).toHaveCount(0);
  // The same words as the matrix's cell for the DBA at Senior.
  const cell = page.locator("#level-senior .cell-text").nth(1);
  expect((await text.textContent())?.trim()).toBe((await cell.textContent())?.trim());
});

test("the profile has an open proposals section that works without JavaScript", async ({ page }, testInfo) => {
  await open(page, SEED, testInfo);
  const section = page.locator(".community");
  await expect(section.getByRole("heading", { name: "Open proposals" })).toBeVisible();
  if (noJs(testInfo)) {
    // Without JavaScript: the way to the proposals page, where they are listed.
    await section.getByRole("link", { name: "The proposals for Replication & High Availability" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Proposals");
  } else {
    // With it: the open ones in place (none on the seed profile; other journeys add some to
    // the skills they decide on).
    await expect(section.locator(".proposal-list")).toContainText(/No proposals yet for |No open proposals for |Proposal #/);
    await expect(section.getByRole("link", { name: "The proposals for Replication & High Availability" })).toHaveCount(0);
    // The list brings no second "Suggest a change": the profile has its own.
    await expect(page.getByRole("link", { name: "Suggest a change" })).toHaveCount(1);
  }
});
