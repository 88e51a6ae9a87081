# Sourced by the benchmarks: builds the release server and site, starts the server on the
# port given, on a fresh data folder, and stops it when the script exits. Sets `$pid`
# (the server's) and `$work` (a scratch folder removed at exit).
#   source scripts/release-server.sh 3131
# With SERVER_CPU set (a core number), the server runs pinned to that core.
port="$1"
source scripts/env.sh
export LEPTOS_ENV=PROD
work="$(mktemp -d)"
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "==> building the release server and site"
cargo leptos build "${RELEASE_FLAGS[@]}" >/dev/null
bin="${CARGO_TARGET_DIR:-target}/release/server"
pin=()
[[ -n "${SERVER_CPU:-}" ]] && pin=(taskset -c "$SERVER_CPU")
SKILLS_DATA="$work/data" SKILLS_RATE_LIMITS=off "${pin[@]}" "$bin" --addr "127.0.0.1:$port" >"$work/server.log" 2>&1 &
pid=$!
# Waits until the server on port $1 answers /healthz.
wait_for() {
  until node -e "fetch('http://127.0.0.1:$1/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; do
    sleep 0.05
  done
}
wait_for "$port"
