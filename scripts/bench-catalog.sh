#!/usr/bin/env bash
# The catalog at scale: generates N synthetic skills (default 5,000), times `check` on them,
# serves them beside the shipped catalog (the baseline, same binary, same run) and prints
# latency and throughput of the catalog, search and role-ladder pages, then the browser's
# time from a keystroke to updated results. Figures only; nothing here can fail a build.
#
#   scripts/bench-catalog.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-5000}"
# The shipped catalog on :3121 is the baseline.
source scripts/release-server.sh 3121

echo "==> generating $n skills"
node end2end/scripts/synth-catalog.mjs "$work/content" "$n"
echo "==> check on $n skills"
start=$EPOCHREALTIME
"$bin" check "$work/content" | tail -1
echo "check: $(awk "BEGIN { printf \"%.2f\", $EPOCHREALTIME - $start }") s wall"

start=$EPOCHREALTIME
start_server 3122 --content "$work/content"
echo "serving $n skills on :3122 after $(awk "BEGIN { printf \"%.2f\", $EPOCHREALTIME - $start }") s"
echo "==> server memory (RSS): baseline $(ps -o rss= -p "${pids[0]}") KB, $n skills $(ps -o rss= -p "${pids[1]}") KB"

echo "==> HTTP latency and throughput"
node end2end/scripts/bench-catalog.mjs http://127.0.0.1:3121 http://127.0.0.1:3122
echo "==> in the browser: keystroke to updated results"
node end2end/scripts/bench-search-browser.mjs http://127.0.0.1:3121 http://127.0.0.1:3122
