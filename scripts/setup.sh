#!/usr/bin/env bash
# Installs what building and serving need, skipping whatever is already there:
# the wasm target, cargo-leptos, the wasm-bindgen CLI matching Cargo.lock, and the npm
# packages of end2end/ (Playwright, binaryen's wasm-opt). With `--test`, also Debian's
# Chromium for the browser tests. Safe to run again and again: a no-op takes a second.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=false
[[ "${1:-}" == "--test" ]] && want_test=true

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

# rust-toolchain.toml names the toolchain and the wasm target. Install them explicitly:
# rustup's implicit install-on-first-use is a setting that a machine may have turned off,
# and an already installed toolchain gets no new targets from it.
rustup toolchain install >/dev/null
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

LEPTOS_VERSION=0.3.10
if [[ "$(cargo leptos --version 2>/dev/null || true)" != *"$LEPTOS_VERSION"* ]]; then
  say "installing cargo-leptos $LEPTOS_VERSION (about 13 minutes on 2 cores, once)"
  cargo install cargo-leptos --version "=$LEPTOS_VERSION" --locked
fi

# The CLI must equal the wasm-bindgen crate in Cargo.lock exactly, or cargo-leptos tries
# to download one (and this network has no GitHub).
BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $BINDGEN_VERSION" ]]; then
  say "installing wasm-bindgen-cli $BINDGEN_VERSION"
  # No --locked: its lock file pins a yanked crate.
  cargo install wasm-bindgen-cli --version "=$BINDGEN_VERSION" --force
fi

# Playwright and binaryen's wasm-opt (Debian's wasm-opt 108 breaks hydration: never use it).
if [[ ! -f end2end/node_modules/.package-lock.json || end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]]; then
  say "installing npm packages in end2end/"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

if $want_test && [[ ! -x /usr/bin/chromium ]]; then
  say "installing Debian's Chromium"
  sudo_cmd=""
  [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver
fi
