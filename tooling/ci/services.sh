#!/usr/bin/env bash
# Start or stop the PostgreSQL and Redis servers the tests use, on loopback, under a state
# folder of our own. PostgreSQL refuses to run as root, so it runs as the `postgres` user
# (created when absent). Usage: services.sh start|stop STATE_DIR
set -euo pipefail
cmd=${1:?start|stop}
state=${2:?state dir}
pg_port=${PG_PORT:-55432}
redis_port=${REDIS_PORT:-56379}

find_pg_bin() {
  if command -v pg_ctl >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v pg_ctl)")"; return; fi
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_pg_user() {
  if [ "$(id -u)" = 0 ]; then
    su -s /bin/bash postgres -c "$*"
  else
    bash -c "$*"
  fi
}

start() {
  mkdir -p "$state"
  local bin; bin=$(find_pg_bin)
  [ -x "$bin/pg_ctl" ] || { echo "services: no PostgreSQL binaries found" >&2; exit 1; }
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then useradd --system --home-dir "$state" postgres; fi
  local data="$state/pg"
  if [ ! -s "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown -R postgres "$state"
    as_pg_user "'$bin/initdb' -D '$data' -U postgres --auth=trust -E UTF8 >'$state/initdb.log' 2>&1"
  fi
  [ "$(id -u)" = 0 ] && chown -R postgres "$state"
  as_pg_user "'$bin/pg_ctl' -D '$data' -l '$state/pg.log' -w -t 60 \
    -o \"-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories='$state' -c max_connections=300 -c fsync=off\" start" >/dev/null
  redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --daemonize yes \
    --pidfile "$state/redis.pid" --logfile "$state/redis.log" --dir "$state"
  for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.2; done
  echo "DATABASE_URL=postgres://postgres@127.0.0.1:$pg_port/postgres"
  echo "REDIS_URL=redis://127.0.0.1:$redis_port"
}

stop() {
  local bin; bin=$(find_pg_bin)
  if [ -f "$state/pg/postmaster.pid" ]; then as_pg_user "'$bin/pg_ctl' -D '$state/pg' -m fast -w stop" >/dev/null || true; fi
  if [ -f "$state/redis.pid" ]; then redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || kill "$(cat "$state/redis.pid")" 2>/dev/null || true; fi
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: services.sh start|stop STATE_DIR" >&2; exit 2 ;;
esac
