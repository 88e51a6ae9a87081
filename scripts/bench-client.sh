#!/usr/bin/env bash
# The client's weight and speed (see end2end/scripts/bench-client.mjs): bytes of JS and wasm
# per page (raw, brotli, as served), Lighthouse mobile figures and time to interactive at 4×
# CPU for the profile, catalog, embed and editor pages of a fresh release build. Figures to
# read, never test thresholds; a run takes about 3 minutes after the build.
#
#   scripts/bench-client.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/release-server.sh 3132
(cd end2end && node scripts/bench-client.mjs "http://127.0.0.1:$port" "$pid")
