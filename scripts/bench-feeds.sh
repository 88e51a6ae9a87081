#!/usr/bin/env bash
# The Atom feeds at scale: serves N synthetic skills (default 5,000) beside the shipped
# catalog (the baseline, same binary, same run), both without a render cache so every
# request renders its feed, and prints latency, throughput and size of the catalog's, one
# skill's and one role's feed. Figures only; nothing here can fail a build.
#
#   scripts/bench-feeds.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-5000}"
export SKILLS_RENDER_CACHE_MB=0
source scripts/release-server.sh 3141

echo "==> generating $n skills"
node end2end/scripts/synth-catalog.mjs "$work/content" "$n"
start_server 3142 --content "$work/content"
echo "==> feeds, rendered for every request"
node end2end/scripts/bench-feeds.mjs http://127.0.0.1:3141 http://127.0.0.1:3142
