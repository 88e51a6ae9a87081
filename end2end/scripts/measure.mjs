// Prints the sizes and load figures the closing notes report, against a running server.
//   node end2end/scripts/measure.mjs [base-url]
// Sizes in bytes: raw and brotli (quality 11, as a CDN would serve precompressed files);
// hydration time as measured by the browser (median of 5 loads; machines here are noisy,
// so this is a figure to read, never a test threshold).
import { brotliCompressSync, constants } from "node:zlib";
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const page = `${base}/skills/replication-high-availability`;
const br = (buf) =>
  brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const fetchBytes = async (url) => Buffer.from(await (await fetch(url)).arrayBuffer());

const files = {
  html: page,
  wasm: `${base}/pkg/skill-profiles.wasm`,
  js: `${base}/pkg/skill-profiles.js`,
  css: `${base}/pkg/skill-profiles.css`,
};
let initialBrotli = 0;
for (const [name, url] of Object.entries(files)) {
  const bytes = await fetchBytes(url);
  const compressed = br(bytes);
  if (name !== "html" && name !== "css") initialBrotli += compressed;
  console.log(`${name.padEnd(5)} ${String(bytes.length).padStart(8)} B raw  ${String(compressed).padStart(7)} B brotli  ${url}`);
}
console.log(`JS + wasm, brotli: ${initialBrotli} B (${(initialBrotli / 1024).toFixed(1)} KiB)`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const times = [];
for (let i = 0; i < 5; i++) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.goto(page);
  await tab.waitForSelector("html[data-hydrated]");
  times.push(await tab.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    return { hydrated: performance.now(), dcl: nav.domContentLoadedEventEnd, fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0 };
  }));
  await context.close();
}
await browser.close();
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`first contentful paint: median ${median(times.map((t) => t.fcp)).toFixed(0)} ms`);
console.log(`hydrated (data-hydrated seen): median ${median(times.map((t) => t.hydrated)).toFixed(0)} ms after navigation start, over ${times.length} cold loads`);
