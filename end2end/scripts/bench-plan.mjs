// Latency, throughput and size of the growth plan and side-by-side pages on three running
// servers: the baseline (the shipped catalog, render cache off), the scale catalog with the
// render cache off (every request renders the page) and on. Ratios are to the baseline of
// this same run; nothing is asserted.
//
//   node end2end/scripts/bench-plan.mjs BASELINE_URL SCALE_URL SCALE_CACHED_URL
import { brotliCompressSync, constants } from "node:zlib";
import { measure, ms, SEQUENTIAL, CONCURRENCY, SECONDS } from "./bench-lib.mjs";

const [baseline, scale, cached] = process.argv.slice(2);
const cases = [
  ["plan, every domain (page 1)", "/plan?role=data-engineer&level=senior"],
  ["plan, one domain", "/plan?role=data-engineer&level=senior&domain=data-engineering"],
  ["compare across every skill (page 1)", "/compare?a=dba/senior&b=data-engineer/senior"],
];

async function size(url) {
  const body = Buffer.from(await (await fetch(url, { headers: { "accept-encoding": "identity" } })).arrayBuffer());
  const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }).length;
  return [body.length, br];
}

for (const [name, path] of cases) {
  const html = await (await fetch(scale + path)).text();
  const lead = (html.match(/<p class="lead">([\s\S]*?)<\/p>/)?.[1] ?? "").replace(/<[^>]*>/g, "");
  const paged = html.match(/Page \d+ of \d+/)?.[0] ?? "one page";
  console.log(`${name} at scale: ${lead.replace(/&#x27;|&#39;/g, "'")} (${paged})`);
}
console.log(`sequential: ${SEQUENTIAL} requests each; throughput: ${CONCURRENCY} clients for ${SECONDS} s`);
console.log(`${"case".padEnd(38)} ${"server".padEnd(14)} ${"p50".padStart(10)} ${"p99".padStart(10)} ${"req/s".padStart(8)} ${"bytes".padStart(9)} ${"brotli".padStart(8)}  vs baseline`);
for (const [name, path] of cases) {
  const results = [];
  for (const [label, base] of [["baseline", baseline], ["scale", scale], ["scale+cache", cached]]) {
    const r = await measure(() => fetch(base + path, { headers: { "accept-encoding": "identity" } }));
    const [bytes, br] = await size(base + path);
    results.push([label, r, bytes, br]);
  }
  const base = results[0][1];
  for (const [label, r, bytes, br] of results) {
    const ratio = label === "baseline" ? "" : `  ${(r.perSecond / base.perSecond).toFixed(2)}× throughput, ${(r.p50 / base.p50).toFixed(2)}× p50`;
    console.log(`${name.padEnd(38)} ${label.padEnd(14)} ${ms(r.p50)} ${ms(r.p99)} ${r.perSecond.toFixed(0).padStart(8)} ${String(bytes).padStart(9)} ${String(br).padStart(8)}${ratio}`);
  }
}
