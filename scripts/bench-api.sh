#!/usr/bin/env bash
# The embed page, the JSON API and the downloads against the profile page (the baseline, same
# server, same run): latency, throughput and bytes. Figures only; nothing here can fail a build.
#
#   scripts/bench-api.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/release-server.sh 3131
node end2end/scripts/bench-api.mjs "http://127.0.0.1:$port"
