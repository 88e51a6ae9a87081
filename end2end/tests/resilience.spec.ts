import { expect, test } from "@playwright/test";
import { noJs, SEED } from "./helpers";

test.describe("when the client cannot load", () => {
  // Without the offline worker: with it, the files of the build a tab opened with come from
  // its cache (that is what it is for), so a missing file never reaches the loader's failure
  // path these journeys are about. offline.spec.ts covers the worker.
  test.use({ serviceWorkers: "block" });
  test.beforeEach(({}, testInfo) => test.skip(noJs(testInfo), "without JavaScript nothing is loaded"));

  test("a wasm that fails to load leaves a working page without JavaScript and says so", async ({ page }) => {
    await page.route(/\.wasm$/, (route) => route.abort("internetdisconnected"));
    await page.goto(`${SEED}?role=dba`);
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "failed");
    await expect(page.getByRole("status").filter({ hasText: "could not load" })).toBeVisible();
    // The page is what it is without JavaScript: the picker is a form that posts.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Replication & High Availability");
    await page.getByLabel("Your role").selectOption("infrastructure-engineer");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page.getByRole("heading", { name: "Infrastructure Engineer: from Junior to Middle" })).toBeVisible();
  });

  test("an old tab whose files a deploy replaced recovers on reload", async ({ page }) => {
    // The files of the build the tab was opened with are gone: 404, as after a deploy.
    await page.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.fulfill({ status: 404, body: "gone" }));
    await page.goto(SEED);
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "failed");
    await page.unroute(/\/pkg\/.*\.(js|wasm)$/);
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
    await expect(page.getByText("could not load")).toHaveCount(0);
    await page.getByLabel("Your role").selectOption("dba");
    await expect(page).toHaveURL(/role=dba/);
  });
});
