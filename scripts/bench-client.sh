#!/usr/bin/env bash
# The client's weight and speed (see end2end/scripts/bench-client.mjs): bytes of JS and wasm
# per page (raw, brotli, as served), Lighthouse mobile figures and time to interactive at 4×
# CPU for the profile, catalog, embed and editor pages of a fresh release build. Figures to
# read, never test thresholds; a run takes about 3 minutes after the build.
#
#   scripts/bench-client.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
export LEPTOS_ENV=PROD
work="$(mktemp -d)"
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "==> building the release server and site"
cargo leptos build --release --precompress >/dev/null
bin="${CARGO_TARGET_DIR:-target}/release/server"
SKILLS_DATA="$work/data" SKILLS_RATE_LIMITS=off "$bin" --addr 127.0.0.1:3132 >"$work/server.log" 2>&1 &
pid=$!
until node -e "fetch('http://127.0.0.1:3132/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; do
  sleep 0.05
done
(cd end2end && node scripts/bench-client.mjs http://127.0.0.1:3132 "$pid")
