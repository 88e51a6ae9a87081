# Sourced by the Makefile's recipes: the PATH every build and test step needs.
# binaryen's wasm-opt from end2end/node_modules comes first (see TOOLCHAIN pitfalls).
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# How every release build is made (docs/client.md): --precompress writes the brotli and gzip
# copies the server sends as they are; then scripts/build-bundles.sh builds the client bundle
# of each family of pages beside cargo-leptos's full client.
RELEASE_FLAGS=(--release --precompress)
release_build() {
  cargo leptos build "${RELEASE_FLAGS[@]}" "$@"
  scripts/build-bundles.sh
}
