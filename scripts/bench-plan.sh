#!/usr/bin/env bash
# The growth plan and side by side at scale: generates N synthetic skills (default 5,000),
# serves them with the render cache off (every request renders) and on, beside the shipped
# catalog (the baseline, same binary, same run, cache off), and prints latency, throughput
# and page size (bytes as sent, and brotli) of /plan and /compare. Figures only.
#
#   scripts/bench-plan.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-5000}"
export SKILLS_RENDER_CACHE_MB=0
source scripts/release-server.sh 3141

echo "==> generating $n skills"
node end2end/scripts/synth-catalog.mjs "$work/content" "$n"
start_server 3142 --content "$work/content"
SKILLS_RENDER_CACHE_MB=64 start_server 3143 --content "$work/content"
node end2end/scripts/bench-plan.mjs http://127.0.0.1:3141 http://127.0.0.1:3142 http://127.0.0.1:3143
