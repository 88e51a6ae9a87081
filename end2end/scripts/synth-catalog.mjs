// Writes a synthetic catalog of N skill profiles (default 5,000) as content files, for
// measuring the catalog, search and role ladders at scale. Deterministic: the same N gives
// the same files.
//
//   node end2end/scripts/synth-catalog.mjs OUT_DIR [N]

import { mkdirSync, writeFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const [out, countArg] = process.argv.slice(2);
if (!out) {
  console.error("usage: synth-catalog.mjs OUT_DIR [N]");
  process.exit(2);
}
const count = Number(countArg ?? 5000);

// A small linear congruential generator: reproducible without dependencies.
let state = 42;
const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (list) => list[Math.floor(random() * list.length)];

const domains = [
  "Database Management", "Data Engineering", "Infrastructure", "Security", "Software Engineering",
  "Machine Learning", "Product Analytics", "Networking", "Quality Engineering", "Developer Experience",
];
const groupWords = ["Operations", "Architecture", "Governance", "Tooling", "Performance", "Delivery", "Platforms", "Practices", "Integration", "Reliability"];
const roles = [
  ["data-engineer", "Data Engineer"], ["dba", "Database Engineer / DBA"],
  ["infrastructure-engineer", "Infrastructure Engineer"], ["backend-engineer", "Backend Engineer"],
  ["site-reliability-engineer", "Site Reliability Engineer"], ["security-engineer", "Security Engineer"],
  ["analytics-engineer", "Analytics Engineer"], ["frontend-engineer", "Frontend Engineer"],
  ["ml-engineer", "Machine Learning Engineer"], ["qa-engineer", "Quality Engineer"],
  ["network-engineer", "Network Engineer"], ["platform-engineer", "Platform Engineer"],
  ["product-analyst", "Product Analyst"], ["engineering-manager", "Engineering Manager"],
];
const adjectives = ["Adaptive", "Automated", "Distributed", "Secure", "Incremental", "Resilient", "Scalable", "Observable", "Declarative", "Federated", "Streaming", "Versioned", "Tiered", "Elastic", "Consistent"];
const nouns = ["Caching", "Sharding", "Indexing", "Auditing", "Provisioning", "Scheduling", "Load Balancing", "Schema Design", "Capacity Planning", "Failover", "Tracing", "Compaction", "Encryption", "Migration", "Testing"];
const keywords = ["Kafka", "PostgreSQL", "Terraform", "Kubernetes", "OpenTelemetry", "dbt", "Airflow", "gRPC", "Redis", "S3", "Prometheus", "Vault", "Spark", "Flink", "Envoy", "SLOs", "RBAC", "CI/CD", "WAL", "CDC"];
const verbs = ["Understands", "Configures", "Designs", "Operates", "Reviews", "Automates", "Measures", "Documents", "Optimizes", "Defines"];
const objects = ["runbooks for routine changes", "alerts tied to service objectives", "capacity plans for peak load", "schema changes across environments", "recovery drills with measured targets", "access policies with least privilege", "dashboards for the team's services", "cost reports per workload", "migration plans with rollback steps", "standards adopted across teams"];
const levels = ["junior", "middle", "senior", "lead", "principal"];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const slugify = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
const quote = (s) => JSON.stringify(s);

for (let i = 0; i < count; i++) {
  const domain = domains[i % domains.length];
  const group = `${domain.split(" ")[0]} ${groupWords[Math.floor(i / domains.length) % groupWords.length]}`;
  const title = `${pick(adjectives)} ${pick(nouns)} ${String(i).padStart(4, "0")}`;
  const slug = slugify(title);
  const summary = Array.from({ length: 5 }, () => pick(keywords)).filter((k, j, all) => all.indexOf(k) === j).join(", ");
  const roleCount = 2 + Math.floor(random() * 3);
  const chosen = [];
  while (chosen.length < roleCount) {
    const role = pick(roles);
    if (!chosen.includes(role)) chosen.push(role);
  }
  const lines = [
    "# Synthetic profile for scale measurements.",
    `slug = ${quote(slug)}`,
    `title = ${quote(title)}`,
    `summary = ${quote(summary)}`,
    `domain = ${quote(domain)}`,
    `group = ${quote(group)}`,
    "updated = 2026-11-01",
    'levels = ["Junior", "Middle", "Senior", "Lead", "Principal"]',
    "",
  ];
  for (const [id, name] of chosen) lines.push("[[roles]]", `id = ${quote(id)}`, `name = ${quote(name)}`, "");
  for (const level of levels) {
    for (const [id] of chosen) {
      const text = Array.from({ length: 3 }, () => `${pick(verbs)} ${pick(objects)} using ${pick(keywords)}.`).join(" ");
      lines.push("[[expectations]]", `level = ${quote(level)}`, `role = ${quote(id)}`, `required = ${random() < 0.7}`, `text = ${quote(text)}`, "");
    }
  }
  writeFileSync(join(out, `${slug}.toml`), lines.join("\n"));
}
console.log(`${readdirSync(out).length} profiles written to ${out}`);
