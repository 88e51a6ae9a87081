# Sourced by the Makefile's recipes: the PATH every build and test step needs.
# binaryen's wasm-opt from end2end/node_modules comes first (see TOOLCHAIN pitfalls).
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
