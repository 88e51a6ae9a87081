import { expect, test, type Page } from "@playwright/test";
import { mobile, noJs, open, SEED } from "./helpers";

/** The boxes of what a reader sees first: header, title, picker, matrix, links row. */
async function boxes(page: Page): Promise<Record<string, number[]>> {
  return page.evaluate(() => {
    const out: Record<string, number[]> = {};
    for (const selector of [".site-header", "h1", ".picker", "table.matrix", ".watch", "section.community"]) {
      const el = document.querySelector(selector);
      if (!el) continue;
      const b = el.getBoundingClientRect();
      out[selector] = [b.x, b.y, b.width, b.height].map(Math.round);
    }
    return out;
  });
}

test.describe("from first paint to hydration", () => {
  test.beforeEach(({}, testInfo) => test.skip(noJs(testInfo), "without JavaScript nothing hydrates"));

  test("the profile's layout does not move when the page hydrates", async ({ page }) => {
    // Hold the client back until the first paint is measured.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${SEED}?role=dba&level=senior`);
    await expect(page.locator("h1")).toBeVisible();
    const before = await boxes(page);
    expect(Object.keys(before)).toEqual(expect.arrayContaining([".site-header", "h1", ".picker", "table.matrix", "section.community"]));
    // What comes after the matrix and the download form (the open proposals and the comments,
    // loaded once the page is drawn) may grow downwards; nothing above it moves.
    const top = (b: Record<string, number[]>) => ({ ...b, "section.community": b["section.community"].slice(0, 3) });
    release();
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
    expect(top(await boxes(page))).toEqual(top(before));
  });

  test("the skip link moves focus into the page after hydration too", async ({ page }, testInfo) => {
    await open(page, SEED, testInfo);
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    const inMain = await page.evaluate(() => document.querySelector("main")?.contains(document.activeElement) ?? false);
    expect(inMain).toBe(true);
  });
});

test("on a phone every standalone link is at least 44 px tall or spaced 44 px apart", async ({ page }, testInfo) => {
  test.skip(!mobile(testInfo), "the 360 px touch project");
  const pages: [string, string][] = [
    [`${SEED}?role=dba&level=senior`, ".breadcrumb a, .group-nav a, .ladder-link a"],
    ["/", ".skill-roles a, .browse-list a, .domain-link"],
    ["/domains/database-management", ".breadcrumb a, .skill-roles a, .browse-list a"],
    ["/roles/dba?level=senior", ".breadcrumb a, .ladder-item a, .level-link"],
    [`${SEED}/history`, ".breadcrumb a"],
    [`${SEED}/proposals`, ".breadcrumb a"],
    [`/embed${SEED}`, ".embed-footer a"],
  ];
  for (const [path, selector] of pages) {
    await open(page, path, testInfo);
    const small = await page.locator(selector).evaluateAll((links) =>
      links
        .map((a) => {
          const b = a.getBoundingClientRect();
          return { text: (a.textContent ?? "").trim().slice(0, 30), height: Math.round(b.height), visible: b.width > 0 };
        })
        .filter((l) => l.visible && l.height < 44),
    );
    expect(small, path).toEqual([]);
  }
});

test("at 360 px the chosen level's name never breaks inside a word", async ({ page }, testInfo) => {
  test.skip(!mobile(testInfo), "the 360 px touch project");
  await open(page, `${SEED}?role=dba&level=principal`, testInfo);
  const lines = await page.locator(".is-chosen").first().evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size;
  });
  expect(lines).toBe(1);
});

test("at 360 px the header is one row", async ({ page }, testInfo) => {
  test.skip(!mobile(testInfo), "the 360 px touch project");
  await open(page, `${SEED}?role=dba&level=senior`, testInfo);
  const rows = await page.locator(".site-header a, .site-header button").evaluateAll((items) =>
    items.map((el) => el.getBoundingClientRect()).filter((b) => b.width > 1).map((b) => Math.round(b.top + b.height / 2)),
  );
  expect(Math.max(...rows) - Math.min(...rows)).toBeLessThanOrEqual(4);
  // Named for assistive technology all the same.
  await expect(page.getByRole("link", { name: "Skill Profiles" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Dark mode" })).toBeVisible();
  const header = await page.locator(".site-header").boundingBox();
  expect(header && header.height).toBeLessThanOrEqual(70);
});

test("at 360 px the level picker is on the first screen, the keywords and figures after it", async ({ page }, testInfo) => {
  test.skip(!mobile(testInfo), "the 360 px touch project");
  await open(page, `${SEED}?role=dba&level=senior`, testInfo);
  const viewport = page.viewportSize()!;
  const role = await page.getByLabel("Your role").boundingBox();
  expect(role && role.y + role.height).toBeLessThanOrEqual(viewport.height);
  const picker = (await page.locator(".picker").boundingBox())!;
  const figures = (await page.locator(".figures").boundingBox())!;
  expect(figures.y).toBeGreaterThan(picker.y);
  // Still before the matrix, and the focus order is the document's: Tab goes from the links
  // row into the picker.
  const matrix = (await page.locator("table.matrix").boundingBox())!;
  expect(figures.y).toBeLessThan(matrix.y);
  await page.getByRole("link", { name: "History" }).focus();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Your role")).toBeFocused();
});
