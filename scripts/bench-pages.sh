#!/usr/bin/env bash
# Server throughput against a bare axum hello-world (server/examples/hello.rs) measured in
# the same run: the server pinned to core 0, the load generator (wrk, one thread, 32
# connections) to core 1, asking for brotli as a browser does. Pages are measured from the
# render cache (default settings) and uncached (a second server with SKILLS_RENDER_CACHE_MB=0),
# then the cached profile page's latency at a fixed 1,000 req/s for 20 s (hey).
# Figures to read, never thresholds.
#
#   scripts/bench-pages.sh            (SECONDS_EACH=5 per figure by default)
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in wrk hey taskset; do
  command -v "$tool" >/dev/null || { apt-get install -y wrk hey util-linux >/dev/null || sudo apt-get install -y wrk hey util-linux >/dev/null; }
done
each="${SECONDS_EACH:-5}"
load=()
if (( $(nproc) >= 2 )); then
  export SERVER_CPU=0
  load=(taskset -c 1)
else
  echo "(one core: server and load generator share it, ratios still compare)"
fi
source scripts/release-server.sh 3141
cargo build --quiet --release -p server --example hello --no-default-features
SKILLS_RENDER_CACHE_MB=0 start_server 3142
start 3143 "${CARGO_TARGET_DIR:-target}/release/examples/hello" 127.0.0.1:3143
wait_for 3143 /

# req/s of one address (after one request that warms it), asking for $2 (default br, gzip).
rate() {
  local accept="${2:-br, gzip}"
  node -e "fetch('$1', { headers: { 'accept-encoding': '$accept' } }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
  "${load[@]}" wrk -t1 -c32 -d"${each}s" -H "Accept-Encoding: $accept" "$1" |
    awk '/^Requests\/sec/ { printf "%d", $2 }'
}
best=0
for _ in 1 2 3; do
  r=$(rate http://127.0.0.1:3143/)
  (( r > best )) && best=$r
done

skill=replication-high-availability
css=$(cd target/site && ls pkg/skill-profiles.*.css 2>/dev/null | grep -v '\.\(br\|gz\)$' | head -1)
css=${css:-pkg/skill-profiles.css}
printf '%-60s %10s %8s\n' "path (Accept-Encoding: br)" "req/s" "ratio"
printf '%-60s %10d %8s\n' "plain axum hello-world (best of 3)" "$best" "1.000"
row() {
  local r
  r=$(rate "$2" "${3:-}")
  printf '%-60s %10d %8.3f\n' "$1" "$r" "$(awk "BEGIN { print $r / $best }")"
}
row "/healthz through every middleware" "http://127.0.0.1:3141/healthz"
row "profile page, cached" "http://127.0.0.1:3141/skills/$skill"
row "profile page, uncached" "http://127.0.0.1:3142/skills/$skill"
row "profile page, uncached, identity (render only)" "http://127.0.0.1:3142/skills/$skill" identity
row "profile page with role and level, cached" "http://127.0.0.1:3141/skills/$skill?role=dba&level=senior"
row "catalog /, cached" "http://127.0.0.1:3141/"
row "catalog /, uncached" "http://127.0.0.1:3142/"
row "embed page, cached" "http://127.0.0.1:3141/embed/skills/$skill"
row "embed page, uncached" "http://127.0.0.1:3142/embed/skills/$skill"
row "API one skill, cached" "http://127.0.0.1:3141/api/v1/skills/$skill"
row "API one skill, uncached" "http://127.0.0.1:3142/api/v1/skills/$skill"
row "/sign-in (never cached)" "http://127.0.0.1:3141/sign-in"
row "static file /$css" "http://127.0.0.1:3141/$css"
row "static file /favicon.svg" "http://127.0.0.1:3141/favicon.svg"

echo
echo "cached profile page at a fixed 1,000 req/s for 20 s (hey, 20 clients × 50 req/s):"
"${load[@]}" hey -z 20s -q 50 -c 20 -H 'Accept-Encoding: br' "http://127.0.0.1:3141/skills/$skill" |
  awk '/Requests\/sec/ { printf "  achieved %.0f req/s\n", $2 }
       /  50% in/ { printf "  p50 %.2f ms\n", $3 * 1000 }
       /  99% in/ { printf "  p99 %.2f ms\n", $3 * 1000 }
       /^Status code distribution/ { codes = 1; next } codes && /\[/ { print "  status" $0 }'
