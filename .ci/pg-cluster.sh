#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL cluster on a free loopback port in a temp folder.
#   source .ci/pg-cluster.sh start   → exports PG_TMP, PG_PORT, TEST_DATABASE_URL
#   .ci/pg-cluster.sh stop DIR       → stops the server and removes the folder
# For tests that take the database away under load (e2e/security/faults-postgres.spec.ts):
#   .ci/pg-cluster.sh halt DIR [fast|immediate]  → stops the server, keeps the cluster
#   .ci/pg-cluster.sh resume DIR                  → starts it again on the same port
set -euo pipefail

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && echo "$dir" || dirname "$(command -v initdb)"
}

as_owner() {
  # initdb and postgres refuse to run as root: run them as the postgres user then.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_run() {
  local dir=$1 port
  port=$(cat "$dir/port")
  as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
}

pg_start() {
  local bin port dir
  bin=$(pg_bin)
  dir=$(mktemp -d /tmp/corroborate-pg.XXXXXX)
  port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  echo "$port" >"$dir/port"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log"
  pg_run "$dir"
  export PG_TMP="$dir" PG_PORT="$port"
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
}

pg_halt() {
  as_owner "$(pg_bin)/pg_ctl" -D "$1/data" -m "${2:-fast}" -w stop >/dev/null
}

pg_stop() {
  local bin dir=$1
  bin=$(pg_bin)
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) pg_start ;;
  stop) pg_stop "$2" ;;
  halt) pg_halt "$2" "${3:-fast}" ;;
  resume) pg_run "$2" ;;
  *) echo "usage: pg-cluster.sh start | stop DIR | halt DIR [fast|immediate] | resume DIR" >&2; exit 2 ;;
esac
