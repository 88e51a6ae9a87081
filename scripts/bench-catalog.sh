#!/usr/bin/env bash
# The catalog at scale: generates N synthetic skills (default 5,000), times `check` on them,
# serves them beside the shipped catalog (the baseline, same binary, same run) and prints
# latency and throughput of the catalog, search and role-ladder pages, then the browser's
# time from a keystroke to updated results. Figures only; nothing here can fail a build.
#
#   scripts/bench-catalog.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
export LEPTOS_ENV=PROD
n="${1:-5000}"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "==> building the release server and site"
cargo leptos build "${RELEASE_FLAGS[@]}" >/dev/null
bin="${CARGO_TARGET_DIR:-target}/release/server"

echo "==> generating $n skills"
node end2end/scripts/synth-catalog.mjs "$work/content" "$n"
echo "==> check on $n skills"
start=$EPOCHREALTIME
"$bin" check "$work/content" | tail -1
echo "check: $(awk "BEGIN { printf \"%.2f\", $EPOCHREALTIME - $start }") s wall"

serve() { # content port
  local start=$EPOCHREALTIME
  "$bin" --content "$1" --addr "127.0.0.1:$2" >"$work/server-$2.log" 2>&1 &
  pids+=("$!")
  # Node is here for the browser tests anyway; curl may not be on a fresh machine.
  until node -e "fetch('http://127.0.0.1:$2/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; do
    sleep 0.05
  done
  echo "serving $1 on :$2 after $(awk "BEGIN { printf \"%.2f\", $EPOCHREALTIME - $start }") s"
}
serve content 3121
serve "$work/content" 3122
echo "==> server memory (RSS): baseline $(ps -o rss= -p "${pids[0]}") KB, $n skills $(ps -o rss= -p "${pids[1]}") KB"

echo "==> HTTP latency and throughput"
node end2end/scripts/bench-catalog.mjs http://127.0.0.1:3121 http://127.0.0.1:3122
echo "==> in the browser: keystroke to updated results"
node end2end/scripts/bench-search-browser.mjs http://127.0.0.1:3121 http://127.0.0.1:3122
