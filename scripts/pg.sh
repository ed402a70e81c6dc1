#!/usr/bin/env bash
# A throwaway PostgreSQL server for the portal's tests and its load bench:
# a cluster under $PROCUREMENT_PG_DIR (default /var/tmp/procurement-suite-pg-PORT,
# outside any home directory the postgres user cannot enter;
# recreated on every start), owned by the `postgres` system user (the server
# refuses to run as root), listening on 127.0.0.1:${PROCUREMENT_PG_PORT:-55432}
# only, trust authentication (loopback, throwaway data).
#
#   bash scripts/pg.sh start   # prints the URL: postgres://postgres@127.0.0.1:55432
#   bash scripts/pg.sh stop
#
# Needs Debian's PostgreSQL server binaries (scripts/setup.sh installs them).
set -euo pipefail
PORT="${PROCUREMENT_PG_PORT:-55432}"
DIR="${PROCUREMENT_PG_DIR:-/var/tmp/procurement-suite-pg-$PORT}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
log() { printf '[pg] %s\n' "$*" >&2; }
[ -x "$BIN/pg_ctl" ] || { log "no PostgreSQL server binaries under /usr/lib/postgresql (bash scripts/setup.sh installs them)"; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    if [ -f "$DIR/data/postmaster.pid" ]; then as_pg "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$DIR"; mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    as_pg "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DIR -c fsync=off" start >/dev/null
    log "PostgreSQL on 127.0.0.1:$PORT (data in $DIR)"
    echo "postgres://postgres@127.0.0.1:$PORT"
    ;;
  stop)
    if [ -f "$DIR/data/postmaster.pid" ]; then as_pg "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null && log "stopped"; fi
    ;;
  *) echo "usage: bash scripts/pg.sh start|stop" >&2; exit 2 ;;
esac
