#!/usr/bin/env bash
# Proposal submissions per second and submit latency (p50, p99) of the release server on
# SQLite (the baseline) and then on PostgreSQL, in the same run: each backend gets a fresh
# data folder (and a fresh throwaway PostgreSQL from scripts/postgres.sh), a server on a
# free loopback port with rate limits off, and end2end/scripts/bench-submit.mjs against it.
# Prints a table and PostgreSQL's throughput as a multiple of SQLite's. Builds nothing:
# it needs the release build of `make run` (or `source scripts/env.sh; release_build`). Figures
# only; it fails only if a server does not start, sign-up fails, nothing is accepted or an
# idempotent retry makes a second proposal.
#
#   scripts/bench-submit.sh [--clients 8] [--seconds 5]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
export LEPTOS_ENV=PROD

bin="${CARGO_TARGET_DIR:-target}/release/server"
if [[ ! -x "$bin" ]]; then
  echo "bench-submit: no release server at $bin; run \`make run\` (or \`cargo leptos build --release --precompress --split\`) first" >&2
  exit 1
fi
[[ -d target/site/pkg ]] ||
  echo "bench-submit: warning: no target/site/pkg; pages will not hydrate (the API bench does not need them)" >&2

work="$(mktemp -d)"
pgdir="" # its own mktemp -d: as root the server runs as postgres, who cannot enter $work
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  [[ -n "$pgdir" ]] && { scripts/postgres.sh stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$pgdir"; }
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"
}

# bench NAME [ENV=VALUE...]: serve a fresh data folder with the extra environment, measure, stop.
bench() {
  local name="$1"
  shift
  local port data log
  port="$(free_port)"
  data="$(mktemp -d -p "$work" "data-$name.XXXX")"
  log="$work/server-$name.log"
  echo "==> $name: serving on 127.0.0.1:$port (data in $data)" >&2
  # env -u: a DATABASE_URL of the caller's must not turn the SQLite run into something else.
  env -u DATABASE_URL SKILLS_DATA="$data" SKILLS_RATE_LIMITS=off "$@" \
    "$bin" --addr "127.0.0.1:$port" >"$log" 2>&1 &
  server_pid=$!
  local start=$EPOCHREALTIME
  # Node is here for the browser tests anyway; curl may not be on a fresh machine.
  until node -e "fetch('http://127.0.0.1:$port/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; do
    if ! kill -0 "$server_pid" 2>/dev/null || (($(awk "BEGIN { print ($EPOCHREALTIME - $start > 60) }"))); then
      echo "bench-submit: the $name server did not become healthy; its log:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "    healthy after $(awk "BEGIN { printf \"%.2f\", $EPOCHREALTIME - $start }") s" >&2
  local result
  if ! result="$(node end2end/scripts/bench-submit.mjs "http://127.0.0.1:$port" "${args[@]}")"; then
    echo "bench-submit: the $name run failed; the end of its server log:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  echo "$name $result" >>"$work/results"
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

args=("$@")
bench sqlite
pgdir="$(mktemp -d)"
echo "==> postgresql: a throwaway server in $pgdir" >&2
pg_url="$(scripts/postgres.sh start "$pgdir" "$(free_port)")"
bench postgresql DATABASE_URL="$pg_url"
scripts/postgres.sh stop "$pgdir" >/dev/null

node - "$work/results" <<'EOF'
const lines = require("fs").readFileSync(process.argv[2], "utf8").trim().split("\n");
const rows = lines.map((line) => {
  const space = line.indexOf(" ");
  return { backend: line.slice(0, space), ...JSON.parse(line.slice(space + 1)) };
});
const { clients } = rows[0];
console.log(`\nproposal submissions, ${clients} clients (latency of accepted submissions)`);
console.log(`${"backend".padEnd(11)} ${"submissions".padStart(11)} ${"failed".padStart(7)} ${"seconds".padStart(8)} ${"subm/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)}`);
for (const r of rows) {
  console.log(`${r.backend.padEnd(11)} ${String(r.ok).padStart(11)} ${String(r.failed).padStart(7)} ${r.seconds.toFixed(2).padStart(8)} ${r.per_second.toFixed(1).padStart(8)} ${r.p50_ms.toFixed(2).padStart(8)} ${r.p99_ms.toFixed(2).padStart(8)}`);
}
const [sqlite, postgres] = rows;
console.log(`PostgreSQL / SQLite: ${(postgres.per_second / sqlite.per_second).toFixed(2)}× throughput, ${(postgres.p50_ms / sqlite.p50_ms).toFixed(2)}× p50 latency`);
EOF
