# Sourced by the benchmarks: builds the release server and site, starts the server on the
# port given, on a fresh data folder, and stops every server it started when the script
# exits. Sets `$pid` (the first server's), `$bin` and `$work` (a scratch folder removed at
# exit), and defines `start_server` for more.
#   source scripts/release-server.sh 3131
# With SERVER_CPU set (a core number), servers run pinned to that core.
port="$1"
source scripts/env.sh
export LEPTOS_ENV=PROD
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "==> building the release server and site"
release_build >/dev/null
bin="${CARGO_TARGET_DIR:-target}/release/server"
pin=()
[[ -n "${SERVER_CPU:-}" ]] && pin=(taskset -c "$SERVER_CPU")

# Starts a program (default the release server) pinned like the server and registered for
# cleanup: `start PORT PROGRAM ARGS…`. Settings go before it as `NAME=value start …`.
start() {
  local port="$1"
  shift
  "${pin[@]}" "$@" >"$work/server-$port.log" 2>&1 &
  pids+=("$!")
}

# Starts the release server on port $1 with a fresh data folder and any further arguments,
# and waits until it answers.
start_server() {
  local port="$1"
  shift
  SKILLS_DATA="${SKILLS_DATA:-$work/data-$port}" SKILLS_RATE_LIMITS=off \
    start "$port" "$bin" --addr "127.0.0.1:$port" "$@"
  wait_for "$port" /healthz "${pids[-1]}" "$work/server-$port.log"
}

start_server "$port"
pid="${pids[0]}"
