import { expect, test } from "@playwright/test";
import { mobile, noJs, open, overflowing, SEED } from "./helpers";

const DBA = "Database Engineer / DBA";

test("from a profile, two levels of one role side by side: what is new and what becomes required", async ({ page }, testInfo) => {
  const problems = await open(page, `${SEED}?role=dba&level=middle`, testInfo);
  await page.getByRole("link", { name: "Compare with another role or level" }).click();
  await expect(page).toHaveURL(/\/compare\?skill=replication-high-availability&a=dba%2Fmiddle&b=dba%2Fsenior$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${DBA} at Middle and ${DBA} at Senior`);
  await expect(page.locator(".pair")).toHaveCount(1);
  const pair = page.locator(".pair");
  await expect(pair.locator(".compare-col").nth(0)).toContainText("Configures and manages database replication topologies");
  await expect(pair.locator(".compare-col").nth(1).locator("ins").first()).toBeVisible();
  // Optional at Middle, required at Senior for the DBA in this skill.
  await expect(pair.locator(".pair-shift")).toHaveText(`Becomes required: optional for ${DBA} at Middle, required for ${DBA} at Senior.`);
  await expect(page.getByLabel("Compare", { exact: true })).toHaveValue("dba/middle");
  await expect(page.getByLabel("with", { exact: true })).toHaveValue("dba/senior");
  expect(problems).toEqual([]);
});

test("two roles at one level, chosen with the form, then across every skill", async ({ page }, testInfo) => {
  await open(page, `/compare?skill=replication-high-availability&a=dba/senior&b=dba/lead`, testInfo);
  await page.getByLabel("with", { exact: true }).selectOption("infrastructure-engineer/senior");
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  await expect(page).toHaveURL(/b=infrastructure-engineer%2Fsenior/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${DBA} at Senior and Infrastructure Engineer at Senior`);
  await expect(page.locator(".pair .compare-col").nth(1).locator("ins, del").first()).toBeVisible();

  await page.getByRole("link", { name: "Compare across every skill" }).click();
  await expect(page).toHaveURL(/\/compare\?a=dba%2Fsenior&b=infrastructure-engineer%2Fsenior$/);
  await expect(page.locator(".lead")).toContainText("Across the");
  const pairs = await page.locator(".pair").count();
  expect(pairs).toBeGreaterThan(1);
  await expect(page.locator(".lead")).toContainText(`Across the ${pairs} skills where either appears`);
});

test("across the framework, a skill only one side has is called out, and the sides can be swapped", async ({ page }, testInfo) => {
  await open(page, "/compare?a=dba/senior&b=data-engineer/senior", testInfo);
  // 8 skills have a DBA or a Data Engineer; 2 only the DBA, 3 only the Data Engineer.
  await expect(page.locator(".pair")).toHaveCount(8);
  await expect(page.locator(".lead")).toContainText(`2 only for ${DBA} at Senior, 3 only for Data Engineer at Senior`);
  await expect(page.locator(".pair-shift").filter({ hasText: "Only for Data Engineer at Senior" })).toHaveCount(3);
  await expect(page.getByText("Not part of this skill for this role and level.")).toHaveCount(5);
  await page.getByRole("link", { name: "Swap the two sides" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Data Engineer at Senior and ${DBA} at Senior`);
});

test("at 360 px the two sides are stacked and nothing scrolls sideways", async ({ page }, testInfo) => {
  test.skip(!mobile(testInfo), "the phone layout");
  await open(page, "/compare?a=dba/senior&b=data-engineer/senior", testInfo);
  const both = page.locator(".pair").filter({ has: page.locator(".compare-col .diff") }).first().locator(".compare-col");
  const first = await both.nth(0).boundingBox();
  const second = await both.nth(1).boundingBox();
  expect(second!.y).toBeGreaterThanOrEqual(first!.y + first!.height);
  expect(await overflowing(page)).toEqual([]);
  await open(page, "/plan?role=dba&level=senior", testInfo);
  expect(await overflowing(page)).toEqual([]);
});

test("an unknown side is named with a 404, and an unknown skill is the 404 page", async ({ page }) => {
  const side = await page.request.get("/compare?a=dba/guru&b=dba/senior");
  expect(side.status()).toBe(404);
  expect(await side.text()).toContain("“dba/guru” is not a role and level of any skill. Choose one below.");
  const skill = await page.request.get("/compare?skill=no-such-skill&a=dba/junior&b=dba/senior");
  expect(skill.status()).toBe(404);
});

test("the comparison works the same without JavaScript", async ({ page }, testInfo) => {
  test.skip(!noJs(testInfo), "the no-JavaScript run");
  await open(page, "/compare?skill=replication-high-availability&a=dba/junior&b=dba/middle", testInfo);
  await page.getByLabel("Compare", { exact: true }).selectOption("data-engineer/junior");
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Data Engineer at Junior and ${DBA} at Middle`);
});
