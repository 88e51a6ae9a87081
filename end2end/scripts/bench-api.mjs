// What portals and scripts fetch, against one running server: the profile page is the
// baseline measured in this same run; each case prints latency, throughput, body bytes and
// its throughput as a ratio to the baseline. Asserts nothing: machines here are noisy.
//
//   node end2end/scripts/bench-api.mjs BASE_URL [SLUG]

import { CONCURRENCY, SECONDS, SEQUENTIAL, measure, ms } from "./bench-lib.mjs";

const [base, slug = "replication-high-availability"] = process.argv.slice(2);
const get = (path, headers = {}) => fetch(`${base}${path}`, { headers: { "accept-encoding": "identity", ...headers } });
const etag = (await get(`/api/v1/skills/${slug}`)).headers.get("etag");

const cases = [
  ["profile page (baseline)", () => get(`/skills/${slug}`)],
  ["embed page", () => get(`/embed/skills/${slug}?role=dba&level=senior`)],
  ["API: skill list", () => get("/api/v1/skills")],
  ["API: one skill", () => get(`/api/v1/skills/${slug}`)],
  ["API: one skill, 304 by ETag", () => get(`/api/v1/skills/${slug}`, { "if-none-match": etag })],
  ["API: one role and level", () => get(`/api/v1/skills/${slug}?role=dba&level=senior`)],
  ["API: revision 1 (database)", () => get(`/api/v1/skills/${slug}/revisions/1`)],
  ["download: CSV", () => get(`/skills/${slug}/export?format=csv`)],
  ["download: Markdown", () => get(`/skills/${slug}/export?format=md`)],
];

console.log(`sequential: ${SEQUENTIAL} requests each; throughput: ${CONCURRENCY} clients for ${SECONDS} s`);
console.log(`${"case".padEnd(30)} ${"p50".padStart(10)} ${"p99".padStart(10)} ${"req/s".padStart(8)} ${"bytes".padStart(9)}  vs page`);
let baseline;
for (const [name, run] of cases) {
  const r = await measure(run);
  baseline ??= r;
  const ratio = `${(r.perSecond / baseline.perSecond).toFixed(2)}×`;
  console.log(`${name.padEnd(30)} ${ms(r.p50)} ${ms(r.p99)} ${r.perSecond.toFixed(0).padStart(8)} ${String(r.bytes).padStart(9)}  ${ratio}`);
}
