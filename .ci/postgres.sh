#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests on a server (issue 21): Debian's packages,
# a cluster of its own in a temporary folder, on a loopback port with password
# authentication (scram), started as the postgres user (CI runs as root).
#   .ci/postgres.sh start   → prints the URL of an empty base « charte_test », owner « charte »
#   .ci/postgres.sh base NAME → prints the URL of a new empty base NAME
#   .ci/postgres.sh stop
set -euo pipefail
PORT="${CHARTE_PG_PORT:-54329}"
DIR="${CHARTE_PG_DIR:-/tmp/charte-pg}"
PASSWORD="${CHARTE_PG_PASSWORD:-charte-essai}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-start}" in
start)
    if [ -z "$BIN" ]; then
        { apt-get update -q && apt-get install -y -q postgresql; } > /tmp/charte-ci-pg.log 2>&1
        BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
    fi
    "$BIN/pg_ctl" --version >/dev/null
    if as_postgres "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
        as_postgres "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null
    fi
    rm -rf "$DIR" && mkdir -p "$DIR" && chown postgres "$DIR" 2>/dev/null || true
    printf '%s\n' "$PASSWORD" > "$DIR/pw" && chmod 644 "$DIR/pw"
    as_postgres "$BIN/initdb" -D "$DIR/data" -U postgres --pwfile="$DIR/pw" \
        --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    as_postgres "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -o \
        "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c autovacuum=off" start >/dev/null
    export PGPASSWORD="$PASSWORD"
    psql="$BIN/psql -q -h 127.0.0.1 -p $PORT -U postgres -d postgres -v ON_ERROR_STOP=1"
    $psql -c "CREATE ROLE charte LOGIN CREATEDB CREATEROLE PASSWORD '$PASSWORD'"
    $psql -c "CREATE DATABASE charte_test OWNER charte"
    echo "postgresql://charte:$PASSWORD@127.0.0.1:$PORT/charte_test"
    ;;
base)
    # .ci/postgres.sh base NAME → prints the URL of a new empty base NAME on that cluster
    export PGPASSWORD="$PASSWORD" PGOPTIONS="-c client_min_messages=warning"
    "$BIN/psql" -q -h 127.0.0.1 -p "$PORT" -U charte -d charte_test -v ON_ERROR_STOP=1 \
        -c "DROP DATABASE IF EXISTS $2" -c "CREATE DATABASE $2"
    echo "postgresql://charte:$PASSWORD@127.0.0.1:$PORT/$2"
    ;;
stop)
    [ -n "$BIN" ] && as_postgres "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true
    ;;
esac
