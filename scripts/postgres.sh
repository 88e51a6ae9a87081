#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks: its data, socket and log live in
# DIR, it listens on 127.0.0.1 only, trusts every loopback connection and has a superuser
# `skills` and a database `skills_test`. Installs Debian's `postgresql` package if no server
# binaries are there. `start` prints the connection URL as the only line on stdout (all else
# goes to stderr), so a caller can write
#
#   TEST_DATABASE_URL=$(scripts/postgres.sh start "$(mktemp -d)")
#
#   scripts/postgres.sh start DIR [PORT]   initdb into DIR if needed, start on PORT (default
#                                          54329), print postgres://skills@127.0.0.1:PORT/skills_test;
#                                          if DIR's server already runs, only prints its URL
#   scripts/postgres.sh stop DIR           stop DIR's server (fast; fine if it is not running)
#
# PostgreSQL refuses to run as root: as root, DIR is given to the `postgres` system user
# (created if missing) and the server runs as that user, so postgres must be able to reach
# DIR (a `mktemp -d` directory is fine; a directory inside one is not). PG_BIN overrides the
# binaries folder (default: the newest /usr/lib/postgresql/*/bin). Exit status: 0 on success,
# 1 on failure, 2 on wrong usage.
set -euo pipefail

usage() {
  echo "usage: $0 start DIR [PORT] | $0 stop DIR" >&2
  exit 2
}
die() {
  echo "postgres.sh: $*" >&2
  exit 1
}
say() { echo "postgres.sh: $*" >&2; }

[[ $# -ge 2 ]] || usage
cmd="$1"
dir="$2"
port="${3:-54329}"
case "$cmd" in
  start) [[ $# -le 3 && "$port" =~ ^[0-9]+$ ]] || usage ;;
  stop) [[ $# -eq 2 ]] || usage ;;
  *) usage ;;
esac
[[ -n "$dir" ]] || usage
if [[ "$cmd" == stop && ! -d "$dir" ]]; then
  say "no server running from $dir (no such directory)"
  exit 0
fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd -P)"

# Server binaries: PG_BIN, else the version DIR was made with, else the newest installed.
find_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then
    echo "$PG_BIN"
  elif [[ -f "$dir/PG_VERSION" && -x "/usr/lib/postgresql/$(<"$dir/PG_VERSION")/bin/initdb" ]]; then
    echo "/usr/lib/postgresql/$(<"$dir/PG_VERSION")/bin"
  else
    local found
    found="$(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)"
    [[ -x "$found" ]] && dirname "$found"
  fi
  return 0
}
bin="$(find_bin)"
if [[ -z "$bin" && "$cmd" == start ]]; then
  say "no PostgreSQL server binaries; installing Debian's postgresql package"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  bin="$(find_bin)"
fi
if [[ -z "$bin" ]]; then
  [[ "$cmd" == stop ]] && { say "no PostgreSQL binaries, so nothing runs from $dir"; exit 0; }
  die "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin even after installing"
fi
[[ -x "$bin/pg_ctl" ]] || die "no pg_ctl in $bin"

# Who runs the server: the caller, or the postgres system user when the caller is root.
# From / so that the server's user never needs access to the caller's working directory.
as_server() {
  if [[ $(id -u) -ne 0 ]]; then
    (cd / && "$@")
  elif command -v runuser >/dev/null; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && su -s /bin/bash postgres -c "$(printf '%q ' "$@")")
  fi
}
if [[ $(id -u) -eq 0 ]] && ! getent passwd postgres >/dev/null; then
  say "creating the postgres system user"
  group=(--user-group)
  getent group postgres >/dev/null && group=(--gid postgres)
  useradd --system "${group[@]}" --no-create-home --home-dir /var/lib/postgresql \
    --shell /usr/sbin/nologin postgres
fi

running() { [[ -f "$dir/PG_VERSION" ]] && as_server "$bin/pg_ctl" status -D "$dir" >/dev/null 2>&1; }

if [[ "$cmd" == stop ]]; then
  if running; then
    as_server "$bin/pg_ctl" stop -D "$dir" -m fast -w >&2
  else
    say "no server running from $dir"
  fi
  exit 0
fi

# start
if [[ ! -f "$dir/PG_VERSION" ]]; then
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres: "$dir"
    as_server test -w "$dir" ||
      die "the postgres user cannot reach $dir: let it traverse every parent (chmod o+x) or use a directory of its own, e.g. \$(mktemp -d)"
  fi
  say "initdb into $dir ($bin)"
  # Its chatter only when it fails.
  if ! out="$(as_server "$bin/initdb" -D "$dir" -U skills --auth=trust -E UTF8 --locale=C 2>&1)"; then
    echo "$out" >&2
    die "initdb into $dir failed"
  fi
  # Loopback only: no other host can even ask (listen_addresses below as well).
  cat >"$dir/pg_hba.conf" <<'EOF'
# TYPE  DATABASE  USER  ADDRESS       METHOD
local   all       all                 trust
host    all       all   127.0.0.1/32  trust
local   replication all               trust
host    replication all 127.0.0.1/32  trust
EOF
  cat >>"$dir/postgresql.conf" <<EOF

# scripts/postgres.sh: a throwaway server for tests, reachable on loopback only.
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
EOF
  [[ $(id -u) -eq 0 ]] && chown postgres: "$dir/pg_hba.conf" "$dir/postgresql.conf"
fi

if running; then
  # Already up: report the port it really listens on (line 4 of postmaster.pid).
  port="$(sed -n 4p "$dir/postmaster.pid")"
  say "already running from $dir on port $port"
else
  say "starting on 127.0.0.1:$port (log: $dir/server.log)"
  as_server "$bin/pg_ctl" start -D "$dir" -l "$dir/server.log" -W -o "-p $port" >&2 ||
    die "pg_ctl start failed"
  tries=0
  # Ready on the socket in DIR (so it is this server, not another one on PORT) and on TCP.
  until "$bin/pg_isready" -q -h "$dir" -p "$port" -U skills -d postgres -t 1 &&
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U skills -d postgres -t 1; do
    tries=$((tries + 1))
    # After 2 s a server that is gone (port taken, bad setting) will not come back.
    if [[ $tries -ge 300 ]] || { [[ $tries -ge 20 ]] && ! running; }; then
      echo "postgres.sh: the server in $dir did not accept connections on 127.0.0.1:$port; its log:" >&2
      cat "$dir/server.log" >&2 || true
      as_server "$bin/pg_ctl" stop -D "$dir" -m immediate >/dev/null 2>&1 || true
      exit 1
    fi
    sleep 0.1
  done
fi

sql() { "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U skills -d postgres -tAc "$1"; }
if [[ "$(sql "select 1 from pg_database where datname = 'skills_test'")" != 1 ]]; then
  say "creating database skills_test"
  sql "create database skills_test" >&2
fi
echo "postgres://skills@127.0.0.1:$port/skills_test"
