// Proposal submissions against one running server: signs up one user per client, then
// each client submits proposals back to back for the duration (a fresh idempotency key
// each), and finally a retry with an already used key must return the same proposal.
// Progress and problems go to stderr; stdout gets one JSON line for scripts/bench-submit.sh:
//   {"clients","seconds","ok","failed","per_second","p50_ms","p99_ms"}
// Latencies are of successful submissions. Exits 1 if a sign-up fails, nothing was
// accepted, or the retry came back as another proposal; failed submissions under load are
// counted and reported, not fatal (figures only: machines here are shared and noisy).
//
//   node end2end/scripts/bench-submit.mjs BASE_URL [--clients 8] [--seconds 5]

import { randomBytes, randomUUID } from "node:crypto";

const SLUG = "replication-high-availability";
const BASE_REVISION = 1;
const LEVEL = "junior";
const ROLE = "dba";
const SESSION_COOKIE = "sp_session";

function usage(message) {
  if (message) console.error(`bench-submit: ${message}`);
  console.error("usage: node end2end/scripts/bench-submit.mjs BASE_URL [--clients 8] [--seconds 5]");
  process.exit(2);
}

function parseArgs(argv) {
  const options = { clients: 8, seconds: 5 };
  let base;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const match = /^--(clients|seconds)(?:=(.*))?$/.exec(arg);
    if (match) {
      const value = Number(match[2] ?? argv[++i]);
      if (!(value > 0) || (match[1] === "clients" && !Number.isInteger(value))) {
        usage(`--${match[1]} needs a positive ${match[1] === "clients" ? "whole " : ""}number`);
      }
      options[match[1]] = value;
    } else if (!arg.startsWith("--") && base === undefined) {
      base = arg.replace(/\/+$/, "");
    } else {
      usage(`unexpected argument ${arg}`);
    }
  }
  if (!base) usage("BASE_URL is missing");
  return { base, ...options };
}

const { base, clients, seconds } = parseArgs(process.argv.slice(2));
const origin = new URL(base).origin;
const sameOrigin = { origin, "sec-fetch-site": "same-origin" };

function fail(message) {
  console.error(`bench-submit: ${message}`);
  process.exit(1);
}

// One account per client; returns its session cookie as `sp_session=value`.
async function signUp(i) {
  const username = `bench-${randomBytes(4).toString("hex")}-${i}`;
  const password = randomBytes(18).toString("base64url"); // 24 characters
  const response = await fetch(`${base}/sign-up`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...sameOrigin },
    body: new URLSearchParams({ username, password, password_again: password, next: "/" }).toString(),
  }).catch((error) => fail(`sign-up at ${base}/sign-up failed: ${error.cause ?? error.message}`));
  const body = await response.text();
  const cookies = response.headers.getSetCookie().map((header) => header.split(";")[0].trim());
  const session = cookies.find((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
  if (response.status !== 303 || !session) {
    fail(
      `sign-up of ${username} failed: status ${response.status} (want 303), ` +
        `cookies [${cookies.map((pair) => pair.split("=")[0]).join(", ")}] (want ${SESSION_COOKIE})\n${body}`,
    );
  }
  return session;
}

function submissionBody(client, n, key) {
  return JSON.stringify({
    submission: {
      slug: SLUG,
      base_revision: BASE_REVISION,
      edits: [
        {
          level: LEVEL,
          role: ROLE,
          text: `Bench proposal ${client}-${n}: knows how replication works and can explain failover.`,
          required: true,
        },
      ],
      rationale: `Load test ${client}-${n}`,
      idempotency_key: key,
    },
  });
}

// One submission; resolves to { ok, status, ms, id, text } and never throws.
async function submit(session, body) {
  const start = performance.now();
  try {
    const response = await fetch(`${base}/api/submit-proposal`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", cookie: session, ...sameOrigin },
      body,
    });
    const text = await response.text();
    const ms = performance.now() - start;
    let accepted;
    try {
      accepted = JSON.parse(text)?.Accepted;
    } catch {
      // not JSON: a failure below
    }
    const ok = response.status === 200 && accepted !== undefined;
    return { ok, status: String(response.status), ms, id: accepted?.id, text };
  } catch (error) {
    return { ok: false, status: `network (${error.cause?.code ?? error.message})`, ms: performance.now() - start, text: String(error.cause ?? error) };
  }
}

console.error(`bench-submit: signing up ${clients} users at ${base}`);
const sessions = await Promise.all(Array.from({ length: clients }, (_, i) => signUp(i)));

console.error(`bench-submit: ${clients} clients submitting for ${seconds} s`);
const latencies = [];
const failures = new Map(); // status -> count
let firstFailure;
let first; // the first accepted submission: { session, body, id }
const started = performance.now();
const until = started + seconds * 1000;
await Promise.all(
  sessions.map(async (session, client) => {
    for (let n = 0; performance.now() < until; n++) {
      const body = submissionBody(client, n, randomUUID());
      const result = await submit(session, body);
      if (result.ok) {
        latencies.push(result.ms);
        first ??= { session, body, id: result.id };
      } else {
        failures.set(result.status, (failures.get(result.status) ?? 0) + 1);
        if (!firstFailure) {
          firstFailure = result;
          console.error(`bench-submit: first failure, status ${result.status}:\n${result.text.slice(0, 2000)}`);
        }
        if (result.status.startsWith("network")) await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }),
);
const elapsed = (performance.now() - started) / 1000;

const failed = [...failures.values()].reduce((a, b) => a + b, 0);
if (failed > 0) {
  console.error(`bench-submit: ${failed} failed: ${[...failures].map(([status, count]) => `${count}× ${status}`).join(", ")}`);
}
if (!first) fail("no submission was accepted");

// The same request again, same key: the server must answer with the proposal it made.
const retry = await submit(first.session, first.body);
let retryOk = false;
if (!retry.ok) {
  console.error(`bench-submit: idempotent retry FAILED: status ${retry.status}:\n${retry.text.slice(0, 2000)}`);
} else if (first.id === undefined || JSON.stringify(retry.id) !== JSON.stringify(first.id)) {
  console.error(`bench-submit: idempotent retry FAILED: first Accepted.id ${JSON.stringify(first.id)}, retry ${JSON.stringify(retry.id)}`);
} else {
  console.error("bench-submit: idempotent retry: same proposal");
  retryOk = true;
}

latencies.sort((a, b) => a - b);
const quantile = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
const round = (x, digits = 2) => Number(x.toFixed(digits));
console.log(
  JSON.stringify({
    clients,
    seconds: round(elapsed),
    ok: latencies.length,
    failed,
    per_second: round(latencies.length / elapsed, 1),
    p50_ms: round(quantile(0.5)),
    p99_ms: round(quantile(0.99)),
  }),
);
process.exit(retryOk ? 0 : 1);
