#!/usr/bin/env bash
# Runs every test: model and content unit tests, router tests, the store suite on SQLite
# and on a real PostgreSQL (started here on loopback, installed from Debian's packages if
# missing), then the Playwright journeys against the release build in Debian's Chromium
# (hydrated and JavaScript off), on a fresh SQLite database.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

# A port of its own, so a server left running on 3000 is never what the browser tests hit.
E2E_ADDR="${E2E_ADDR:-127.0.0.1:3107}"

# A throwaway PostgreSQL for the store suite, and a fresh data folder for the browser tests.
scratch=$(mktemp -d)
pg_dir=$(mktemp -d)
cleanup() {
  scripts/postgres.sh stop "$pg_dir" >/dev/null 2>&1 || true
  rm -rf "$scratch" "$pg_dir"
}
trap cleanup EXIT
echo "==> starting PostgreSQL for the store tests"
TEST_DATABASE_URL=$(scripts/postgres.sh start "$pg_dir" "${TEST_PG_PORT:-54331}")
export TEST_DATABASE_URL

echo "==> unit, router and store tests"
# Per package, not --workspace: unifying features would build `app` with ssr and hydrate at once.
cargo test --locked -p app --features ssr
cargo test --locked -p server

echo "==> browser tests (release build, Chromium)"
# Rate limits are off for the browser tests only: every journey signs up from 127.0.0.1, and
# the router tests check the limits themselves.
# The embedding journeys frame the site from a test portal on localhost:3108 (allowed) and
# :3109 (not), and start a second server under the base path /kb on :3110 (global-setup.ts).
# The release build (cargo-leptos's full client and the client bundles, scripts/env.sh), then
# its server on a fresh data folder while Playwright runs.
release_build
export SKILLS_RATE_LIMITS=off SKILLS_DATA="$scratch/data" SKILLS_ADDR="$E2E_ADDR" BASE_URL="http://$E2E_ADDR" \
  SKILLS_EMBED_ORIGINS="http://localhost:3108" SKILLS_API_ORIGINS="http://localhost:3108" LEPTOS_ENV=PROD
"${CARGO_TARGET_DIR:-target}/release/server" >"$scratch/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; cleanup' EXIT
wait_for "${E2E_ADDR##*:}" /healthz "$server" "$scratch/server.log"
(cd end2end && npx playwright test)
