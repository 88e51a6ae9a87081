#!/usr/bin/env bash
# Serves the release build on $SKILLS_ADDR (default 127.0.0.1:3000). When the built server
# and site are newer than every source, it starts them at once; otherwise it builds first
# (`release_build` of scripts/env.sh: cargo-leptos, then the client bundles).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
export LEPTOS_ENV=PROD
bin="${CARGO_TARGET_DIR:-target}/release/server"
# The build names the client's files by hash and lists the hashes beside the server.
hashes="$(dirname "$bin")/hash.txt"
if [[ -x "$bin" && -f "$hashes" && -f "$(dirname "$bin")/bundles.json" ]] &&
  [[ -z "$(find app frontend server/src server/migrations style public Cargo.toml Cargo.lock -newer "$bin" -print -quit)" ]] &&
  [[ -z "$(find app frontend style public Cargo.toml Cargo.lock -newer "$hashes" -print -quit)" ]]; then
  echo "==> release build is up to date; serving on ${SKILLS_ADDR:-127.0.0.1:3000}"
  exec "$bin"
fi
release_build
exec "$bin"
