#!/usr/bin/env bash
# Builds the client bundles after `cargo leptos build --release` (docs/client.md): one wasm
# module per family of pages, each holding only the enhancements those pages run, so a page
# downloads its own code and no other page's. The page's loader (app/src/shell.rs) picks the
# smallest bundle that has every enhancement of the page, and cargo-leptos's full client
# (every enhancement) when none has.
#
# For each bundle: cargo builds `frontend` without default features plus the bundle's (the
# same target folder, profile, RUSTFLAGS and LEPTOS_* settings as cargo-leptos, which `app`'s
# build depends on, so nothing is compiled twice), wasm-bindgen writes the JS glue, wasm-opt
# shrinks the module like cargo-leptos does, the files get content-hashed names with brotli
# and gzip copies beside them (served as they are; all of it kept under target/front/bundles
# for the next build of the same module), and `bundles.json` lists them with the
# enhancements each provides. The list goes beside the server's executable, where
# cargo-leptos writes its hash file and the server reads both (it is not a file to serve).
#   scripts/build-bundles.sh [site-pkg-folder]
# ONLY=reader builds that bundle alone (to measure it; then give MANIFEST=<file> too, or the
# server's list will name only it).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

# name  features (comma-separated; empty = the enhancements of reading a profile)
BUNDLES=(
  "reader:"
  "catalog:catalog"
  "lists:lists"
  "editor:editor"
)

pkg="${1:-target/site/pkg}"
front="${CARGO_TARGET_DIR:-target}/front"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$pkg"
# What cargo-leptos sets for its own wasm build (always-erase-components in Cargo.toml).
export RUSTFLAGS="--cfg erase_components"
export LEPTOS_OUTPUT_NAME=skill-profiles LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
  LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_RELOAD_PORT=3001 LEPTOS_LIB_DIR=frontend \
  LEPTOS_BIN_DIR=server LEPTOS_JS_MINIFY=true LEPTOS_HASH_FILES=true LEPTOS_HASH_FILE_NAME=hash.txt

# A file's content hash as a name part (base64url, like cargo-leptos's).
hash_of() {
  node -e 'const c=require("crypto"),f=require("fs");process.stdout.write(c.createHash("sha256").update(f.readFileSync(process.argv[1])).digest("base64url").slice(0,22))' "$1"
}

# The bundle's files from the module cargo just wrote, into the folder $1: wasm-bindgen's
# JS glue, the module after wasm-opt, both named by content hash with brotli and gzip copies,
# and `entry.json`, the bundle's line of the list.
process() {
  local dir="$1" name="$2" out="$work/$2"
  mkdir -p "$out" "$dir"
  wasm-bindgen --target web --out-dir "$out" --out-name "$name" --no-typescript "$module"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$out/${name}_bg.wasm" -o "$out/$name.wasm"
  local js wasm provides
  js="$name.$(hash_of "$out/$name.js").js"
  wasm="$name.$(hash_of "$out/$name.wasm").wasm"
  cp "$out/$name.js" "$dir/$js"
  cp "$out/$name.wasm" "$dir/$wasm"
  # What the bundle can run: its enhancements (exports named enhance_<name>).
  provides=$( (grep -oE '^export function (enhance_[a-z_]+)\(' "$out/$name.js" || true) |
    sed -E 's/^export function ([A-Za-z0-9_]+)\(/"\1"/' | paste -sd, -)
  node -e '
    const z = require("zlib"), f = require("fs");
    for (const file of process.argv.slice(1)) {
      const body = f.readFileSync(file);
      f.writeFileSync(file + ".br", z.brotliCompressSync(body, { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11 } }));
      f.writeFileSync(file + ".gz", z.gzipSync(body, { level: 9 }));
    }' "$dir/$js" "$dir/$wasm"
  printf '{"name":"%s","js":"%s","wasm":"%s","bytes":%s,"provides":[%s]}' \
    "$name" "$js" "$wasm" "$(stat -c %s "$dir/$wasm")" "$provides" >"$dir/entry.json"
}

module="$front/wasm32-unknown-unknown/wasm-release/frontend.wasm"
# wasm-bindgen's version is inside the module; wasm-opt's goes into the cache key.
tools=$(wasm-opt --version)
entries=()
for entry in "${BUNDLES[@]}"; do
  name="${entry%%:*}"
  features="${entry#*:}"
  [[ -n "${ONLY:-}" && "$name" != "$ONLY" ]] && continue
  echo "==> client bundle $name (${features:-reading a profile})"
  cargo build --locked --quiet -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release \
    --target-dir "$front" --no-default-features ${features:+--features "$features"}
  # The same module makes the same files: they are kept by the hash of the module (and of
  # wasm-opt's version), so a build that changed nothing costs no wasm-bindgen, wasm-opt or
  # compression (80 s for the six bundles otherwise).
  key=$(printf '%s %s' "$(hash_of "$module")" "$tools" | sha256sum | cut -c1-16)
  cached="$front/bundles/$name.$key"
  if [[ ! -f "$cached/entry.json" ]]; then
    rm -rf "$front/bundles/$name".*
    process "$cached" "$name"
  fi
  cp "$cached"/*.js* "$cached"/*.wasm* "$pkg/"
  entries+=("$(cat "$cached/entry.json")")
  echo "    $(ls "$cached" | grep -E '\.wasm$'): $(stat -c %s "$cached"/*.wasm) B, $(stat -c %s "$cached"/*.wasm.br) B brotli; JS $(stat -c %s "$cached"/*.js.br) B brotli"
done
(IFS=,; printf '[%s]\n' "${entries[*]}") >"${MANIFEST:-${CARGO_TARGET_DIR:-target}/release/bundles.json}"
