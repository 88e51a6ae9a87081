#!/usr/bin/env bash
# Serves the release build on $SKILLS_ADDR (default 127.0.0.1:3000). When the built server
# and site are newer than every source, it starts them at once; otherwise it builds first
# with `cargo leptos serve --release`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
export LEPTOS_ENV=PROD
bin="${CARGO_TARGET_DIR:-target}/release/server"
wasm=target/site/pkg/skill-profiles.wasm
if [[ -x "$bin" && -f "$wasm" ]] &&
  [[ -z "$(find app frontend server/src server/migrations style public Cargo.toml Cargo.lock -newer "$bin" -print -quit)" ]] &&
  [[ -z "$(find app frontend style public Cargo.toml Cargo.lock -newer "$wasm" -print -quit)" ]]; then
  echo "==> release build is up to date; serving on ${SKILLS_ADDR:-127.0.0.1:3000}"
  exec "$bin"
fi
exec cargo leptos serve --release
