import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { mobile, noJs, open, overflowing, SEED } from "./helpers";

const compareTitle = (page: Page) => page.locator("#compare-title");
const slider = (page: Page) => page.getByRole("slider", { name: /Your current level/ });
const rolePicker = (page: Page) => page.getByLabel("Your role");
const nextColumn = (page: Page) => page.locator(".compare-next");
const levelToggle = (page: Page, level: string) =>
  page.locator("summary").filter({ has: page.locator(".level-label", { hasText: new RegExp(`^${level}$`) }) });

test.describe("with JavaScript", () => {
  test.beforeEach(({}, testInfo) => test.skip(noJs(testInfo), "needs the hydrated page"));

  test("the level slider moves by keyboard and says the level name", async ({ page }, testInfo) => {
    await open(page, SEED, testInfo);
    await expect(compareTitle(page)).toHaveText("Data Engineer: from Junior to Middle");
    await slider(page).focus();
    await page.keyboard.press("ArrowRight");
    await expect(compareTitle(page)).toHaveText("Data Engineer: from Middle to Senior");
    await expect(slider(page)).toHaveAttribute("aria-valuetext", "Middle");
    await expect(page).toHaveURL(/[?&]level=middle/);
    await page.keyboard.press("End");
    await expect(compareTitle(page)).toHaveText("Data Engineer: Principal");
    await expect(page.getByText("Highest level.")).toBeVisible();
    await page.keyboard.press("Home");
    await expect(compareTitle(page)).toHaveText("Data Engineer: from Junior to Middle");
    await page.keyboard.press("ArrowUp");
    await expect(slider(page)).toHaveAttribute("aria-valuetext", "Middle");
  });

  test("the level slider moves by pointer or touch", async ({ page }, testInfo) => {
    await open(page, SEED, testInfo);
    await slider(page).scrollIntoViewIfNeeded();
    const box = (await slider(page).boundingBox())!;
    const y = box.y + box.height / 2;
    if (mobile(testInfo)) {
      await slider(page).tap({ position: { x: box.width * 0.75, y: box.height / 2 } });
    } else {
      await page.mouse.click(box.x + box.width * 0.75, y);
    }
    await expect(slider(page)).toHaveAttribute("aria-valuetext", "Lead");
    await expect(compareTitle(page)).toHaveText("Data Engineer: from Lead to Principal");

    // Drag the thumb back to the start: a thumb on a phone, the mouse on a desktop.
    const from = box.x + box.width * 0.75;
    const to = box.x + 2;
    if (mobile(testInfo)) {
      const cdp = await page.context().newCDPSession(page);
      const touch = (type: string, x?: number) =>
        cdp.send("Input.dispatchTouchEvent", { type, touchPoints: x === undefined ? [] : [{ x, y }] });
      await touch("touchStart", from);
      for (let step = 1; step <= 10; step++) await touch("touchMove", from + ((to - from) * step) / 10);
      await touch("touchEnd");
    } else {
      await page.mouse.move(from, y);
      await page.mouse.down();
      await page.mouse.move(to, y, { steps: 10 });
      await page.mouse.up();
    }
    await expect(slider(page)).toHaveAttribute("aria-valuetext", "Junior");
    await expect(page).toHaveURL(/level=junior/);
  });

  test("the compare view shows the next level's text for each role", async ({ page }, testInfo) => {
    await open(page, SEED, testInfo);
    const expected: [string, string, string][] = [
      ["data-engineer", "Data Engineer", "implements change data capture (CDC)"],
      ["dba", "Database Engineer / DBA", "Optimizes replication performance through parallel apply"],
      ["infrastructure-engineer", "Infrastructure Engineer", "Implements infrastructure-as-code for HA database clusters"],
    ];
    for (const [id, name, nextText] of expected) {
      await rolePicker(page).selectOption(id);
      await expect(compareTitle(page)).toHaveText(`${name}: from Junior to Middle`);
      await expect(nextColumn(page)).toContainText(nextText);
      await expect(page).toHaveURL(new RegExp(`role=${id}`));
    }
    // The DBA's expectation is optional at Middle and required at Senior.
    await rolePicker(page).selectOption("dba");
    await slider(page).focus();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByText("Becomes required")).toBeVisible();
    await expect(nextColumn(page).locator("ins").first()).toBeVisible();
    await expect(page.getByRole("heading", { name: "What to cover to advance" })).toBeVisible();
    await expect(page.locator(".cover-list li").first()).toContainText("Designs enterprise replication architectures");
  });

  test("level rows expand and collapse, one by one or all at once", async ({ page }, testInfo) => {
    await open(page, SEED, testInfo);
    const senior = levelToggle(page, "Senior");
    await expect(senior).toHaveAttribute("aria-expanded", "false");
    await senior.click();
    await expect(senior).toHaveAttribute("aria-expanded", "true");
    await expect(page).toHaveURL(/open=senior/);
    await levelToggle(page, "Lead").focus();
    await page.keyboard.press("Enter");
    await expect(levelToggle(page, "Lead")).toHaveAttribute("aria-expanded", "true");
    await expect(page).toHaveURL(/open=senior%2Clead|open=senior,lead/);
    await senior.click();
    await expect(senior).toHaveAttribute("aria-expanded", "false");

    await page.getByRole("link", { name: "Expand all" }).click();
    for (const level of ["Junior", "Middle", "Senior", "Lead", "Principal"]) {
      await expect(levelToggle(page, level)).toHaveAttribute("aria-expanded", "true");
    }
    await expect(page).toHaveURL(/open=all/);
    await page.getByRole("link", { name: "Collapse all" }).click();
    for (const level of ["Junior", "Middle", "Senior", "Lead", "Principal"]) {
      await expect(levelToggle(page, level)).toHaveAttribute("aria-expanded", "false");
    }
    await expect(page).not.toHaveURL(/open=/);
  });

  test("the last choice is remembered and applied to a link that carries none", async ({ page }, testInfo) => {
    await open(page, SEED, testInfo);
    await rolePicker(page).selectOption("dba");
    await slider(page).focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expect(compareTitle(page)).toHaveText("Database Engineer / DBA: from Senior to Lead");
    await page.reload();
    await expect(compareTitle(page)).toHaveText("Database Engineer / DBA: from Senior to Lead");
    await open(page, SEED, testInfo);
    await expect(compareTitle(page)).toHaveText("Database Engineer / DBA: from Senior to Lead");
    await expect(page).toHaveURL(/role=dba&level=senior/);
  });

  test("corrupt remembered choices are set aside and the page still works", async ({ page }, testInfo) => {
    await page.addInitScript(() => {
      if (!sessionStorage.getItem("seeded")) {
        localStorage.setItem("skill-profiles.choice", '{"v":1,"data":{"role":');
        localStorage.setItem("skill-profiles.theme", "not json");
        sessionStorage.setItem("seeded", "1");
      }
    });
    const problems = await open(page, SEED, testInfo);
    await expect(compareTitle(page)).toHaveText("Data Engineer: from Junior to Middle");
    expect(await page.evaluate(() => localStorage.getItem("skill-profiles.choice.corrupt"))).toBe('{"v":1,"data":{"role":');
    expect(problems).toEqual([]);
  });

  test("dark mode follows the system and the toggle is remembered", async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await open(page, SEED, testInfo);
    const toggle = page.getByRole("button", { name: "Dark mode" });
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    await expect(page.getByRole("button", { name: "Dark mode" })).toHaveAttribute("aria-pressed", "false");
  });
});

test("a deep link renders its state, before and after hydration", async ({ page }, testInfo) => {
  await open(page, `${SEED}?role=infrastructure-engineer&level=middle&open=lead`, testInfo);
  await expect(compareTitle(page)).toHaveText("Infrastructure Engineer: from Middle to Senior");
  await expect(rolePicker(page)).toHaveValue("infrastructure-engineer");
  await expect(slider(page)).toHaveAttribute("aria-valuetext", "Middle");
  await expect(levelToggle(page, "Lead")).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator("tr.is-current")).toHaveAttribute("id", "level-middle");
  await expect(page.locator("tr.is-next")).toHaveAttribute("id", "level-senior");
  await expect(page.locator("thead th.is-role")).toHaveText("Infrastructure Engineer");
  await expect(page).toHaveURL(/role=infrastructure-engineer&level=middle&open=lead/);
});

test("unknown values in the link fall back to the defaults", async ({ page }, testInfo) => {
  const response = await page.goto(`${SEED}?role=pilot&level=99&open=%3Cb%3E`);
  expect(response?.status()).toBe(200);
  if (!noJs(testInfo)) await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await expect(compareTitle(page)).toHaveText("Data Engineer: from Junior to Middle");
});

test("without JavaScript the picker is a form and rows are disclosures", async ({ page }, testInfo) => {
  test.skip(!noJs(testInfo), "the no-JavaScript fallbacks");
  await page.goto(SEED);
  await rolePicker(page).selectOption("dba");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(compareTitle(page)).toHaveText("Database Engineer / DBA: from Junior to Middle");
  await levelToggle(page, "Principal").click();
  await expect(page.locator("#level-principal details")).toHaveAttribute("open", "");
  await page.getByRole("link", { name: "Expand all" }).click();
  await expect(page.locator("details[open]")).toHaveCount(5);
  await expect(page.getByRole("table").getByRole("cell")).toHaveCount(15);
});

test("nothing is wider than a 360 px screen", async ({ page }, testInfo) => {
  test.skip(!mobile(testInfo), "the phone layout");
  await open(page, `${SEED}?open=all`, testInfo);
  expect(await overflowing(page)).toEqual([]);
  const box = (await levelToggle(page, "Senior").boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(44);
  await levelToggle(page, "Senior").tap();
  await expect(levelToggle(page, "Senior")).toHaveAttribute("aria-expanded", "false");
  await open(page, "/", testInfo);
  expect(await overflowing(page)).toEqual([]);
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe finds no accessibility violations in ${scheme} mode`, async ({ page }, testInfo) => {
    test.skip(noJs(testInfo), "axe runs as a script in the page");
    await page.emulateMedia({ colorScheme: scheme });
    await open(page, `${SEED}?role=dba&level=middle&open=senior`, testInfo);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`)).toEqual([]);
    await open(page, "/", testInfo);
    const catalog = await new AxeBuilder({ page }).analyze();
    expect(catalog.violations.map((v) => v.id)).toEqual([]);
  });
}

test("the print stylesheet hides the controls and the comments and prints every row in full", async ({ page }, testInfo) => {
  await open(page, SEED, testInfo);
  const comments = page.locator("section.comments");
  await expect(comments).toHaveCount(1);
  await page.emulateMedia({ media: "print" });
  await expect(comments).toBeHidden();
  await expect(page.getByLabel("Your role")).toBeHidden();
  await expect(page.getByRole("link", { name: "Expand all" })).toBeHidden();
  const clamp = await page
    .locator("#level-junior .cell-text")
    .first()
    .evaluate((el) => getComputedStyle(el).webkitLineClamp);
  expect(clamp).toBe("none");
});
