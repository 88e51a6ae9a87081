// Time from the last keystroke in the catalog search box to the results on screen, in
// headless Chromium, for the baseline and the scaled server. Includes the search box's
// 120 ms typing pause. Prints medians; asserts nothing.
//
//   node end2end/scripts/bench-search-browser.mjs BASELINE_URL SCALE_URL

import { chromium } from "@playwright/test";

const urls = process.argv.slice(2);
const queries = ["data", "engineer", "secure", "backup", "caching", "s", "zzz", "design"];
const ROUNDS = 3;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
});
for (const url of urls) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForSelector("html[data-hydrated]");
  const box = page.getByRole("searchbox");
  const times = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of queries) {
      await box.fill("");
      await page.waitForFunction(() => !new URL(location.href).searchParams.get("q"));
      await page.waitForFunction(() => !document.querySelector(".search-status")?.textContent?.includes("match"));
      const elapsed = await page.evaluate(async (q) => {
        const input = document.querySelector("input[type=search]");
        const start = performance.now();
        input.value = q;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        await new Promise((resolve) => {
          const done = () => {
            const status = document.querySelector(".search-status")?.textContent ?? "";
            if (status.includes(`“${q}”`)) resolve();
            else requestAnimationFrame(done);
          };
          done();
        });
        return performance.now() - start;
      }, q);
      times.push(elapsed);
    }
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const p90 = times[Math.floor(times.length * 0.9)];
  const status = await page.locator(".search-status").textContent();
  console.log(`${url}: keystroke → results median ${median.toFixed(0)} ms, p90 ${p90.toFixed(0)} ms over ${times.length} searches (120 ms of it is the typing pause); last: ${status}`);
  await page.close();
}
await browser.close();
