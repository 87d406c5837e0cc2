# Installs PostgreSQL from Debian packages when missing and starts a throwaway server on loopback
# for the store's PostgreSQL tests. Source it (`. .ci/postgres.sh`): it exports
#   NEWSGRAPH_TEST_PG=postgres://newsgraph@127.0.0.1:$NEWSGRAPH_PG_PORT/newsgraph_test
# Tests that need PostgreSQL skip with a note when NEWSGRAPH_TEST_PG is unset.
# Safe to source twice: a server already running on the port is reused.
# Stop it with: runuser -u postgres -- "$PGBIN/pg_ctl" -D "$NEWSGRAPH_PG_DIR" stop (or pg_ctl as yourself).

newsgraph_pg_setup() {
    local port="${NEWSGRAPH_PG_PORT:-54329}"
    local dir="${NEWSGRAPH_PG_DIR:-/tmp/newsgraph-pg}"
    local pgbin
    pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
        echo "postgres.sh: installing PostgreSQL from Debian packages" >&2
        local sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq >&2 || return 1
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >&2 || return 1
        pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    fi
    # PostgreSQL refuses to run as root: run it as the `postgres` user the package created.
    local as=()
    if [ "$(id -u)" -eq 0 ]; then
        as=(runuser -u postgres --)
    fi
    if ! "$pgbin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
        if [ ! -f "$dir/PG_VERSION" ]; then
            mkdir -p "$dir"
            [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
            "${as[@]}" "$pgbin/initdb" -D "$dir" -U newsgraph -A trust -E UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 \
                || { cat "$dir.initdb.log" >&2; return 1; }
        fi
        "${as[@]}" "$pgbin/pg_ctl" -D "$dir" -w -t 60 -l "$dir/server.log" \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >&2 \
            || { cat "$dir/server.log" >&2; return 1; }
    fi
    if ! psql -h 127.0.0.1 -p "$port" -U newsgraph -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'newsgraph_test'" | grep -q 1; then
        psql -h 127.0.0.1 -p "$port" -U newsgraph -d postgres -qc "CREATE DATABASE newsgraph_test" >&2 || return 1
    fi
    export NEWSGRAPH_PG_BIN="$pgbin"
    export NEWSGRAPH_TEST_PG="postgres://newsgraph@127.0.0.1:$port/newsgraph_test"
    echo "postgres.sh: PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') ready: NEWSGRAPH_TEST_PG=$NEWSGRAPH_TEST_PG" >&2
}

newsgraph_pg_setup || echo "postgres.sh: PostgreSQL could not be started; its tests will skip" >&2
