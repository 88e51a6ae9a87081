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

# Waits until http://127.0.0.1:PORT/PATH answers (default path /healthz): `wait_for PORT
# [PATH [PID LOG]]`; given the server's PID, fails with its LOG when it stops first. Node, not
# curl: it is here for the browser tests anyway, and curl may not be on a fresh machine.
wait_for() {
  until node -e "fetch('http://127.0.0.1:$1${2:-/healthz}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; do
    if [[ -n "${3:-}" ]] && ! kill -0 "$3" 2>/dev/null; then
      cat "${4:-/dev/null}" >&2
      echo "the server on port $1 stopped before it answered" >&2
      return 1
    fi
    sleep 0.05
  done
}
