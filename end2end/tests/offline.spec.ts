import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { noJs, open, SEED } from "./helpers";

test.beforeEach(({}, testInfo) => {
  test.skip(noJs(testInfo), "the offline worker is JavaScript; without it nothing changes");
});

/** Opens `path` and waits until the worker controls the page and has kept a copy of it. */
async function openControlled(page: Page, path: string, testInfo: Parameters<typeof open>[2]) {
  await open(page, path, testInfo);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  // The page open when the worker first took over is kept too, not only later ones.
  await expect
    .poll(() => page.evaluate(async () => (await (await caches.open("pages")).keys()).map((r) => r.url)))
    .toContain(page.url());
}

test("the site is installable: Chromium finds no installability error", async ({ page }, testInfo) => {
  await openControlled(page, "/", testInfo);
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as { installabilityErrors: { errorId: string }[] };
  // Playwright's browser contexts are off the record, which no site can change.
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== "in-incognito")).toEqual([]);
});

test("a profile opened online is shown offline with the date of its copy; a page never opened gets the offline page", async ({ page, context }, testInfo) => {
  await openControlled(page, `${SEED}?role=dba&level=senior`, testInfo);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Replication & High Availability");
  await expect(page.locator(".offline-notice")).toContainText("You are offline — showing the copy from");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");

  await page.goto("/skills/observability");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You are offline");
  await expect(page.getByRole("link", { name: "Replication & High Availability" })).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await context.setOffline(false);
});

test("a new deployment is offered, not forced, and reloads onto the new files", async ({ page, context }, testInfo) => {
  await openControlled(page, SEED, testInfo);
  // The next deploy's worker: another script for the same scope, as a new build's is.
  await page.evaluate(() => navigator.serviceWorker.register("/sw.js?deploy=next", { scope: "/" }));
  const notice = page.locator("#update-notice");
  await expect(notice).toContainText("A new version of this site is available.");
  // Offered, not forced: the old worker still controls the page until the reader says so.
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).not.toContain("deploy=next");
  await Promise.all([page.waitForEvent("load"), notice.getByRole("button", { name: "Reload" }).click()]);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? "")).toContain("deploy=next");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
});

test("the embed view registers no worker", async ({ page }, testInfo) => {
  await open(page, `/embed${SEED}`, testInfo);
  await expect(page.locator("meta[name=service-worker]")).toHaveCount(0);
  expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0);
});
