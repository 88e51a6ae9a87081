// The client's weight and speed on the pages a reader opens, against a running server:
//   node end2end/scripts/bench-client.mjs <base-url> [server-pid]
// For the profile, catalog, embed and editor pages:
// - the JS and wasm each page loads (its script and preload tags and what they pull in, as
//   the browser requested them): raw bytes, brotli at quality 11, and the bytes the server
//   actually sent for `Accept-Encoding: br` with the server CPU that cost (when its pid is
//   given);
// - Lighthouse 12.8.2's mobile run (Moto G Power emulation, 4× CPU, slow 4G): performance
//   score, LCP, TBT, CLS, TTI;
// - time to interactive in Chromium at 4× CPU throttling, median of 5 cold loads (until the
//   page has hydrated: `<html data-hydrated>`).
// Figures to read: nothing here is a test threshold.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { brotliCompressSync, constants } from "node:zlib";
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const pid = process.argv[3];
const SEED = "/skills/replication-high-availability";
const PAGES = [
  ["profile", SEED],
  ["catalog", "/"],
  ["embed", `/embed${SEED}`],
  ["editor", `${SEED}/suggest`],
];
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const br = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${n.toLocaleString("en")} B`;

/** The server's CPU time so far, in ms (user + system, from /proc). */
function serverCpuMs() {
  if (!pid) return NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/** The bytes on the wire for `url` asked with `Accept-Encoding: br`. */
function servedBytes(url) {
  return new Promise((resolve, reject) => {
    request(url, { headers: { "accept-encoding": "br" } }, (response) => {
      let bytes = 0;
      response.on("data", (chunk) => (bytes += chunk.length));
      response.on("end", () => resolve({ bytes, encoding: response.headers["content-encoding"] ?? "identity", cache: response.headers["cache-control"] ?? "none" }));
    }).on("error", reject).end();
  });
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });

/** Every JS and wasm file the page loads until it is interactive. */
async function clientFiles(path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const files = new Map();
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (/\.(js|wasm)$/.test(url.pathname)) files.set(url.href, response.body());
  });
  await page.goto(base + path);
  await page.waitForSelector("html[data-hydrated]", { timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  const out = [];
  for (const [url, body] of files) out.push([url, await body]);
  await context.close();
  return out;
}

/** Milliseconds from navigation to hydrated, at 4× CPU throttling, cold cache. */
async function timeToInteractive(path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.goto(base + path);
  await page.waitForSelector("html[data-hydrated]", { timeout: 60_000 });
  const ms = await page.evaluate(() => {
    const mark = performance.getEntriesByName("hydrated")[0];
    return mark ? mark.startTime : performance.now();
  });
  await context.close();
  return ms;
}

/** Lighthouse's mobile run; tried up to three times, as a trace sometimes fails to record. */
function lighthouse(path, attempt = 1) {
  try {
    return lighthouseOnce(path);
  } catch (error) {
    if (attempt >= 3) throw error;
    return lighthouse(path, attempt + 1);
  }
}

function lighthouseOnce(path) {
  const out = execFileSync(
    "npx",
    ["lighthouse", base + path, "--only-categories=performance", "--output=json", "--quiet",
      `--chrome-flags=${FLAGS.join(" ")}`],
    { env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "pipe"] },
  );
  const report = JSON.parse(out.toString());
  const audit = (id) => report.audits[id]?.numericValue ?? NaN;
  return {
    score: Math.round(report.categories.performance.score * 100),
    lcp: audit("largest-contentful-paint"),
    tbt: audit("total-blocking-time"),
    cls: audit("cumulative-layout-shift"),
    tti: audit("interactive"),
  };
}

for (const [name, path] of PAGES) {
  console.log(`\n== ${name}: ${path}`);
  const files = await clientFiles(path);
  let raw = 0;
  let brotli = 0;
  for (const [url, body] of files) {
    const size = br(body);
    raw += body.length;
    brotli += size;
    const before = serverCpuMs();
    const served = await servedBytes(url);
    const cpu = serverCpuMs() - before;
    const cpuText = Number.isNaN(cpu) ? "" : `, ${cpu.toFixed(0)} ms server CPU`;
    console.log(`  ${new URL(url).pathname}: ${kb(body.length)} raw, ${kb(size)} brotli q11; served ${kb(served.bytes)} (${served.encoding}${cpuText}), Cache-Control: ${served.cache}`);
  }
  console.log(`  JS + wasm: ${kb(raw)} raw, ${kb(brotli)} brotli q11`);
  const times = [];
  for (let i = 0; i < 5; i++) times.push(await timeToInteractive(path));
  console.log(`  time to interactive, 4x CPU, median of 5 cold loads: ${median(times).toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(", ")})`);
  const lh = lighthouse(path);
  console.log(`  Lighthouse mobile: performance ${lh.score}, LCP ${lh.lcp.toFixed(0)} ms, TBT ${lh.tbt.toFixed(0)} ms, CLS ${lh.cls.toFixed(3)}, TTI ${lh.tti.toFixed(0)} ms`);
}
await browser.close();
