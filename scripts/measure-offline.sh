#!/usr/bin/env bash
# What reading offline costs a reader's device: serves the shipped skills plus a tenth (a copy
# of the largest under another name, so ten real-sized profiles), has headless Chromium
# watch all ten and wait until the offline worker has kept them fresh, and prints the bytes
# each cache holds and what `navigator.storage.estimate()` says. Figures only.
#
#   scripts/measure-offline.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/release-server.sh 3151
mkdir -p "$work/content"
cp content/*.toml "$work/content/"
largest=$(ls -S content/*.toml | head -1)
sed -e 's/^slug = "\(.*\)"/slug = "\1-copy"/' -e 's/^title = "\(.*\)"/title = "\1 (copy)"/' \
  "$largest" >"$work/content/$(basename "$largest" .toml)-copy.toml"
start_server 3152 --content "$work/content"
node end2end/scripts/measure-offline.mjs http://127.0.0.1:3152
