#!/usr/bin/env bash
# Runs every test: model and content unit tests, router tests, then the Playwright
# journeys against the release build in Debian's Chromium (hydrated and JavaScript off).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

# A port of its own, so a server left running on 3000 is never what the browser tests hit.
E2E_ADDR="${E2E_ADDR:-127.0.0.1:3107}"

echo "==> unit and router tests"
# Per package, not --workspace: unifying features would build `app` with ssr and hydrate at once.
cargo test --locked -p app --features ssr
cargo test --locked -p server

echo "==> browser tests (release build, Chromium)"
SKILLS_ADDR="$E2E_ADDR" BASE_URL="http://$E2E_ADDR" cargo leptos end-to-end --release
