#!/usr/bin/env bash
# The embed page, the JSON API and the downloads against the profile page (the baseline, same
# server, same run): latency, throughput and bytes. Figures only; nothing here can fail a build.
#
#   scripts/bench-api.sh
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
cargo leptos build --release >/dev/null
bin="${CARGO_TARGET_DIR:-target}/release/server"
SKILLS_DATA="$work/data" "$bin" --addr 127.0.0.1:3131 >"$work/server.log" 2>&1 &
pid=$!
until node -e "fetch('http://127.0.0.1:3131/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; do
  sleep 0.05
done
node end2end/scripts/bench-api.mjs http://127.0.0.1:3131
