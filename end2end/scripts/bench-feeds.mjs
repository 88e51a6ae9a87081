// Latency, throughput and size of the Atom feeds against two running servers: the baseline
// (the shipped catalog) and the one under test (e.g. 5,000 synthetic skills), both without
// a render cache so every request renders its feed. Prints figures and ratios to the
// baseline measured in this same run; it asserts nothing.
//
//   node end2end/scripts/bench-feeds.mjs BASELINE_URL SCALE_URL [ROLE]

import { CONCURRENCY, SECONDS, SEQUENTIAL, measure, ms } from "./bench-lib.mjs";

const [baseline, scale, role = "data-engineer"] = process.argv.slice(2);

/** The first skill a server publishes, for its one-skill feed. */
async function firstSlug(base) {
  const answer = await (await fetch(`${base}/api/v1/skills`)).json();
  return answer.skills[0].slug;
}

const cases = [
  ["every skill /feed.atom", () => "/feed.atom"],
  ["one skill /skills/<first>/feed.atom", (slug) => `/skills/${slug}/feed.atom`],
  [`one role /roles/${role}/feed.atom`, () => `/roles/${role}/feed.atom`],
];
const slugs = { [baseline]: await firstSlug(baseline), [scale]: await firstSlug(scale) };

const get = (url) => fetch(url, { headers: { "accept-encoding": "identity" } });

console.log(`sequential: ${SEQUENTIAL} requests each; throughput: ${CONCURRENCY} clients for ${SECONDS} s`);
console.log(`${"case".padEnd(40)} ${"server".padEnd(8)} ${"p50".padStart(10)} ${"p99".padStart(10)} ${"req/s".padStart(8)} ${"bytes".padStart(9)}  vs baseline`);
for (const [name, path] of cases) {
  const base = await measure(() => get(`${baseline}${path(slugs[baseline])}`));
  const big = await measure(() => get(`${scale}${path(slugs[scale])}`));
  for (const [label, r] of [["baseline", base], ["scale", big]]) {
    const ratio = label === "scale" ? `  ${(r.perSecond / base.perSecond).toFixed(2)}× throughput, ${(r.p50 / base.p50).toFixed(2)}× p50` : "";
    console.log(`${name.padEnd(40)} ${label.padEnd(8)} ${ms(r.p50)} ${ms(r.p99)} ${r.perSecond.toFixed(0).padStart(8)} ${String(r.bytes).padStart(9)}${ratio}`);
  }
}
