#!/usr/bin/env bash
# Webhook deliveries per second: N deliveries (default 1,000) kept in one transaction, then
# drained by one worker (its default batch of 16 sent at once) to a receiver on 127.0.0.1
# that answers 204 at once, each delivery signed and its outcome recorded in the database.
# On SQLite, then on a throwaway PostgreSQL from scripts/postgres.sh (skipped if it cannot
# start). It is the ignored test `bench_deliveries_per_second` of server/tests/webhooks.rs,
# built in release (the first run compiles the server's tests in release: minutes). Figures
# only; it fails only if a delivery is lost or sent twice.
#
#   scripts/bench-webhooks.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

count="${1:-1000}"
[[ "$count" =~ ^[0-9]+$ ]] || { echo "usage: $0 [N]" >&2; exit 2; }
pgdir="$(mktemp -d)"
cleanup() { scripts/postgres.sh stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$pgdir"; }
trap cleanup EXIT
port="${BENCH_PG_PORT:-54378}"
url="$(scripts/postgres.sh start "$pgdir" "$port" 2>/dev/null)" ||
  { echo "bench-webhooks: no PostgreSQL; SQLite only" >&2; url=""; }

BENCH_DELIVERIES="$count" TEST_DATABASE_URL="$url" \
  cargo test -p server --release --test webhooks bench_deliveries_per_second \
  -- --ignored --nocapture 2>&1 | grep --line-buffered -E '^bench-webhooks|panicked|^error'
