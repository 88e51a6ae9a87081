// Latency and throughput of the catalog pages against two running servers: the baseline
// (the shipped catalog) and the one under test (e.g. 5,000 synthetic skills). Prints
// figures and ratios to the baseline measured in this same run; it asserts nothing —
// machines here are shared and noisy.
//
//   node end2end/scripts/bench-catalog.mjs BASELINE_URL SCALE_URL [ROLE]

import { CONCURRENCY, SECONDS, SEQUENTIAL, measure, ms } from "./bench-lib.mjs";

const [baseline, scale, role = "data-engineer"] = process.argv.slice(2);

const cases = [
  ["catalog page /", (base) => get(`${base}/`)],
  ["search page /?q=", (base) => get(`${base}/?q=data+engineer`)],
  ["search as you type (server fn)", (base) => post(`${base}/api/catalog-search`, "query=data+engineer&page=1")],
  ["one letter typed (server fn)", (base) => post(`${base}/api/catalog-search`, "query=s&page=1")],
  [`role ladder /roles/${role}`, (base) => get(`${base}/roles/${role}?level=senior`)],
];

function get(url) {
  return fetch(url, { headers: { "accept-encoding": "identity" } });
}

function post(url, body) {
  const origin = new URL(url).origin;
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
      origin,
      "sec-fetch-site": "same-origin",
    },
    body,
  });
}

console.log(`sequential: ${SEQUENTIAL} requests each; throughput: ${CONCURRENCY} clients for ${SECONDS} s`);
console.log(`${"case".padEnd(34)} ${"server".padEnd(8)} ${"p50".padStart(10)} ${"p99".padStart(10)} ${"req/s".padStart(8)} ${"bytes".padStart(9)}  vs baseline`);
for (const [name, run] of cases) {
  const base = await measure(() => run(baseline));
  const big = await measure(() => run(scale));
  for (const [label, r] of [["baseline", base], ["scale", big]]) {
    const ratio = label === "scale" ? `  ${(r.perSecond / base.perSecond).toFixed(2)}× throughput, ${(r.p50 / base.p50).toFixed(2)}× p50` : "";
    console.log(`${name.padEnd(34)} ${label.padEnd(8)} ${ms(r.p50)} ${ms(r.p99)} ${r.perSecond.toFixed(0).padStart(8)} ${String(r.bytes).padStart(9)}${ratio}`);
  }
}
