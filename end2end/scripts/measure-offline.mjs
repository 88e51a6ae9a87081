// The device storage of a reader who watches ten skills: opens the catalog, watches every
// skill it lists, opens /watching (which asks the offline worker to keep them fresh), waits
// until the worker has kept each, then prints the bytes of every cache and the browser's
// storage estimate. Asserts nothing.
//
//   node end2end/scripts/measure-offline.mjs BASE_URL

import { chromium } from "@playwright/test";

const base = process.argv[2];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
const page = await browser.newPage();
await page.goto(`${base}/`);
await page.waitForSelector("html[data-hydrated]");
await page.evaluate(() => navigator.serviceWorker.ready);
const slugs = await page.evaluate(() =>
  [...new Set([...document.querySelectorAll("a[href*='/skills/']")].map((a) => new URL(a.href).pathname.split("/")[2]).filter(Boolean))],
);
await page.evaluate((slugs) => {
  const seen = { updated: "2026-01-01", fingerprint: "0" };
  const data = Object.fromEntries(slugs.map((slug) => [slug, { title: slug, seen }]));
  localStorage.setItem("skill-profiles.watches", JSON.stringify({ v: 2, data }));
}, slugs);
await page.goto(`${base}/watching`);
await page.waitForSelector("html[data-hydrated]");
// The worker keeps them one by one; the count of kept skills stops below ten if one fails.
const kept = await page.evaluate(async (count) => {
  const deadline = Date.now() + 60_000;
  let now = 0;
  while (Date.now() < deadline) {
    now = (await (await caches.open("pages")).keys()).filter((r) => r.url.includes("/skills/")).length;
    if (now >= count) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return now;
}, slugs.length);
console.log(`skills kept by the worker: ${kept}`);
const figures = await page.evaluate(async () => {
  const caches_ = {};
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    let bytes = 0;
    let entries = 0;
    for (const request of await cache.keys()) {
      bytes += (await (await cache.match(request)).arrayBuffer()).byteLength;
      entries += 1;
    }
    caches_[name] = { entries, bytes };
  }
  const { usage, quota } = await navigator.storage.estimate();
  const local = Object.keys(localStorage).reduce((n, k) => n + k.length + localStorage.getItem(k).length, 0);
  const worker = await (await fetch("/sw.js")).text();
  const script = await (await fetch("/offline.js")).text();
  return { caches: caches_, usage, quota, local, worker: worker.length, script: script.length };
});
console.log(`watched skills: ${slugs.length}`);
console.log("cache                      entries        bytes");
for (const [name, { entries, bytes }] of Object.entries(figures.caches)) {
  console.log(`${name.padEnd(26)} ${String(entries).padStart(7)} ${String(bytes).padStart(12)}`);
}
console.log(`localStorage (characters)          ${String(figures.local).padStart(12)}`);
console.log(`navigator.storage.estimate usage   ${String(figures.usage).padStart(12)}  (quota ${figures.quota})`);
console.log(`sw.js ${figures.worker} B, offline.js ${figures.script} B (as served, uncompressed)`);
await browser.close();
