#!/usr/bin/env bash
# Provisioning for the Makefile: system packages, reaching (or starting) PostgreSQL and Redis,
# stopping what we started, and checking the server has the extensions the tests need.
#
#   scripts/provision.sh packages     apt-get install what is missing (root), else say what to install
#   scripts/provision.sh services     choose servers, write .run/env (DATABASE_URL, TEST_DATABASE_URL, REDIS_URL)
#   scripts/provision.sh replica      start REPLICAS (1) streaming standbys of DATABASE_URL's server
#   scripts/provision.sh down         stop the private servers and standbys started under .run/
#   scripts/provision.sh extensions   fail loudly unless the server offers pgtap and plpython3u
#
# Servers, in order of preference: DATABASE_URL / REDIS_URL when set; else 127.0.0.1:5432 /
# 127.0.0.1:6379 when they answer; else private ones under .run/ on free ports (PostgreSQL runs
# as the `postgres` OS user when we are root, since it refuses to run as root).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUN="$REPO/.run"
ENV_FILE="$RUN/env"
PG_DIR="$RUN/pg"
# When the repository sits where the postgres OS user cannot go (e.g. under /root), the cluster
# lives in /tmp and .run/pg is a symlink to it; everything below uses the real path.
[ -L "$PG_DIR" ] && PG_DIR=$(readlink -f "$PG_DIR")
REDIS_DIR="$RUN/redis"
PG_MAJOR=15
PY=${PYTHON:-python3}
# The well-known local ports probed before starting private servers (overridable to exercise the
# private-server path on a machine that has local servers).
PROBE_PG_PORT=${PROBE_PG_PORT:-5432}
PROBE_REDIS_PORT=${PROBE_REDIS_PORT:-6379}

say() { printf '%s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }

# True when something accepts TCP connections on host:port.
tcp_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# True when a Redis on host:port answers PING.
redis_answers() {
    (
        exec 3<>"/dev/tcp/$1/$2" || exit 1
        printf 'PING\r\n' >&3
        IFS= read -r -t 2 line <&3 || exit 1
        [[ $line == +PONG* ]]
    ) 2>/dev/null
}

# First port from $1 upwards that nothing listens on.
# Start below Linux's ephemeral range (32768-60999): a port there may be free to connect() yet
# held by some client socket's local end, and the server's bind() would then fail.
free_port() {
    local port=$1
    while tcp_open 127.0.0.1 "$port"; do port=$((port + 1)); done
    echo "$port"
}

pg_bindir() {
    if [ -x "/usr/lib/postgresql/$PG_MAJOR/bin/initdb" ]; then
        echo "/usr/lib/postgresql/$PG_MAJOR/bin"
    elif command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir
    fi
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# ---- packages ---------------------------------------------------------------------------------
cmd_packages() {
    # pgbouncer: the tests run the web app through a transaction pooler they start themselves.
    local wanted=(postgresql-15-pgtap postgresql-plpython3-15 chromium chromium-driver pgbouncer)
    # A server to run when none answers and none is configured.
    if [ -z "${DATABASE_URL:-}" ] && ! tcp_open 127.0.0.1 "$PROBE_PG_PORT" && [ -z "$(pg_bindir)" ]; then
        wanted+=(postgresql-15)
    fi
    # redis-server whenever the binary is missing: besides serving where no Redis answers, the
    # fault tests start and kill private Redis servers of their own.
    if ! command -v redis-server >/dev/null; then
        wanted+=(redis-server)
    fi
    # The virtualenv needs the venv module (Debian ships it separately).
    if ! "$PY" -c 'import ensurepip, venv' 2>/dev/null; then
        wanted+=(python3-venv)
    fi

    if ! command -v dpkg-query >/dev/null; then
        say "No dpkg here: make sure these (or your system's equivalents) are installed: ${wanted[*]}"
        return 0
    fi
    local missing=()
    for pkg in "${wanted[@]}"; do installed "$pkg" || missing+=("$pkg"); done
    [ ${#missing[@]} -eq 0 ] && return 0

    if is_root; then
        say "installing: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        say "Missing system packages: ${missing[*]}"
        say "Install them with:"
        say "    sudo apt-get update && sudo apt-get install -y ${missing[*]}"
        say "(continuing; \`make test\` fails below if the server lacks pgtap or plpython3u)"
    fi
}

# ---- services ---------------------------------------------------------------------------------
run_as_pg() {
    if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_running() { [ -f "$PG_DIR/data/postmaster.pid" ] && run_as_pg "$(pg_bindir)/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; }

# Directory $RUN/<name> for a cluster, writable by the postgres OS user when we are root; prints
# its real path. When a parent directory is closed to postgres (a checkout under /root), the
# cluster lives in /tmp and $RUN/<name> is a symlink to it.
cluster_home() {
    local link="$RUN/$1" alt
    mkdir -p "$RUN"
    if [ -L "$link" ]; then
        alt=$(readlink -f "$link")
        mkdir -p "$alt"
        is_root && chown postgres: "$alt" && chmod 700 "$alt"
        echo "$alt"
        return 0
    fi
    mkdir -p "$link"
    if is_root; then
        chown postgres: "$link"
        if ! runuser -u postgres -- test -w "$link"; then
            alt="/tmp/tagpage-$1-$(printf '%s' "$REPO" | md5sum | cut -c1-12)"
            mkdir -p "$alt"
            chown postgres: "$alt"
            chmod 700 "$alt"
            rm -rf "$link"
            ln -s "$alt" "$link"
            echo "$alt"
            return 0
        fi
    fi
    echo "$link"
}

start_private_pg() {
    local bindir port
    bindir=$(pg_bindir)
    [ -n "$bindir" ] || die "no PostgreSQL $PG_MAJOR server binaries (initdb) found; run \`make install\` as root or install postgresql-$PG_MAJOR"
    if is_root; then
        id postgres >/dev/null 2>&1 || die "running as root but there is no \`postgres\` OS user to run the private cluster"
    fi
    PG_DIR=$(cluster_home pg)
    if pg_running; then
        cat "$PG_DIR/port"
        return 0
    fi
    if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
        say "initdb: private PostgreSQL cluster in $PG_DIR/data"
        run_as_pg "$bindir/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$PG_DIR/initdb.log" 2>&1 \
            || die "initdb failed, see $PG_DIR/initdb.log"
    fi
    port=$(free_port 25432)
    echo "$port" >"$PG_DIR/port"
    # A throwaway dev/test cluster: durability is traded for speed (every test copies a template).
    # TCP only: a Unix socket path under a deep checkout can exceed the 107-byte limit.
    run_as_pg "$bindir/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 \
        -o "-p $port -c unix_socket_directories='' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null || die "PostgreSQL did not start, see $PG_DIR/postgres.log:
$(tail -n 15 "$PG_DIR/postgres.log" 2>/dev/null)"
    say "started private PostgreSQL on 127.0.0.1:$port"
    echo "$port"
}

start_private_redis() {
    local port
    command -v redis-server >/dev/null || die "no redis-server found; run \`make install\` as root or install redis-server"
    mkdir -p "$REDIS_DIR"
    if [ -f "$REDIS_DIR/redis.pid" ] && kill -0 "$(cat "$REDIS_DIR/redis.pid")" 2>/dev/null; then
        cat "$REDIS_DIR/port"
        return 0
    fi
    port=$(free_port 26379)
    echo "$port" >"$REDIS_DIR/port"
    redis-server --bind 127.0.0.1 --port "$port" --daemonize yes --dir "$REDIS_DIR" \
        --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" --save '' --appendonly no \
        >/dev/null || die "redis-server did not start, see $REDIS_DIR/redis.log"
    for _ in $(seq 50); do redis_answers 127.0.0.1 "$port" && break; sleep 0.1; done
    redis_answers 127.0.0.1 "$port" || die "redis-server on port $port does not answer, see $REDIS_DIR/redis.log"
    say "started private Redis on 127.0.0.1:$port"
    echo "$port"
}

cmd_services() {
    local db_url test_url redis_url port
    mkdir -p "$RUN"
    if [ -n "${DATABASE_URL:-}" ]; then
        # Tests only take host, port and credentials from it; their databases are their own.
        db_url=$DATABASE_URL
        test_url=$DATABASE_URL
    else
        if pg_running; then
            port=$(cat "$PG_DIR/port")
        elif tcp_open 127.0.0.1 "$PROBE_PG_PORT"; then
            port=$PROBE_PG_PORT
        else
            port=$(start_private_pg)
        fi
        db_url="postgresql://postgres@127.0.0.1:$port/tagpage"
        test_url="postgresql://postgres@127.0.0.1:$port/postgres"
    fi
    if [ -n "${REDIS_URL:-}" ]; then
        redis_url=$REDIS_URL
    elif [ -f "$REDIS_DIR/redis.pid" ] && kill -0 "$(cat "$REDIS_DIR/redis.pid")" 2>/dev/null; then
        redis_url="redis://127.0.0.1:$(cat "$REDIS_DIR/port")/0"
    elif redis_answers 127.0.0.1 "$PROBE_REDIS_PORT"; then
        redis_url="redis://127.0.0.1:$PROBE_REDIS_PORT/0"
    else
        redis_url="redis://127.0.0.1:$(start_private_redis)/0"
    fi
    {
        echo "# written by scripts/provision.sh services; sourced by the Makefile"
        printf 'export DATABASE_URL=%q\n' "$db_url"
        printf 'export TEST_DATABASE_URL=%q\n' "$test_url"
        printf 'export REDIS_URL=%q\n' "$redis_url"
    } >"$ENV_FILE"
    say "PostgreSQL: $db_url"
    say "Redis:      $redis_url"
    write_replica_urls "${DATABASE_REPLICA_URLS:-$(running_replica_urls)}"
}

# ---- replicas ---------------------------------------------------------------------------------
# A replica is a streaming standby of the primary DATABASE_URL names: `pg_basebackup -R` copies
# the primary's WHOLE cluster (every database, every role, its configuration) into
# .run/replica<N>/data, then the standby replays the primary's WAL on its own loopback port and
# serves read-only queries (hot standby). `down` stops it and deletes the copy: a standby is
# disposable, and one left stopped for long would need WAL the primary has since recycled.

replica_dirs() { compgen -G "$RUN/replica[0-9]*" || true; }

replica_running() {
    [ -f "$1/data/postmaster.pid" ] && run_as_pg "$(pg_bindir)/pg_ctl" -D "$1/data" status >/dev/null 2>&1
}

# Comma-separated URLs of the standbys running under .run/ (each wrote its URL when started).
running_replica_urls() {
    local dir urls=()
    for dir in $(replica_dirs); do
        dir=$(readlink -f "$dir")
        replica_running "$dir" && [ -f "$dir/url" ] && urls+=("$(cat "$dir/url")")
    done
    (IFS=,; echo "${urls[*]:-}")
}

# Record (or drop, when empty) DATABASE_REPLICA_URLS in .run/env.
write_replica_urls() {
    [ -f "$ENV_FILE" ] || return 0
    sed -i '/^export DATABASE_REPLICA_URLS=/d' "$ENV_FILE"
    if [ -n "$1" ]; then
        printf 'export DATABASE_REPLICA_URLS=%q\n' "$1" >>"$ENV_FILE"
        say "Replicas:   $1"
    fi
}

# Facts about the primary, one per line: host, port, user, password, dbname, then "ok" or the
# reason it cannot have a streaming standby.
primary_facts() {
    "${VENV_PYTHON:-$REPO/.venv/bin/python}" - "$1" <<'PYEOF'
import sys

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

url = sys.argv[1]
params = conninfo_to_dict(url)
for key, default in (("host", "127.0.0.1"), ("port", "5432"), ("user", "postgres"), ("password", ""),
                     ("dbname", "postgres")):
    print(params.get(key) or default)
try:
    with psycopg.connect(make_conninfo(url, dbname="postgres"), connect_timeout=10) as conn:
        level, senders, standby = conn.execute(
            "select current_setting('wal_level'), current_setting('max_wal_senders')::int, "
            "pg_is_in_recovery()").fetchone()
except psycopg.OperationalError as exc:
    print(f"cannot reach the primary ({str(exc).strip()})")
    sys.exit(0)
if standby:
    print("it is itself a standby")
elif level not in ("replica", "logical") or senders < 1:
    print(f"wal_level={level}, max_wal_senders={senders}: set wal_level=replica and "
          "max_wal_senders>=1 on the primary and restart it")
else:
    print("ok")
PYEOF
}

cmd_replica() {
    local count=${REPLICAS:-1} bindir n dir port url facts host pgport user password dbname state
    bindir=$(pg_bindir)
    [ -n "$bindir" ] || die "no PostgreSQL $PG_MAJOR server binaries (pg_basebackup) found"
    [ -f "$ENV_FILE" ] || die "no $ENV_FILE; run \`make services\` first"
    # shellcheck disable=SC1090
    source "$ENV_FILE"
    mapfile -t facts < <(primary_facts "$DATABASE_URL")
    host=${facts[0]} pgport=${facts[1]} user=${facts[2]} password=${facts[3]} dbname=${facts[4]} state=${facts[5]:-}
    [ "$state" = ok ] || die "no standby of $host:$pgport: $state"
    for n in $(seq "$count"); do
        dir=$(cluster_home "replica$n")
        if replica_running "$dir"; then
            continue
        fi
        if [ ! -f "$dir/data/PG_VERSION" ]; then
            say "pg_basebackup: replica$n copies the WHOLE cluster at $host:$pgport into $dir/data"
            rm -rf "$dir/data"
            run_as_pg env PGPASSWORD="$password" "$bindir/pg_basebackup" -h "$host" -p "$pgport" -U "$user" \
                -D "$dir/data" -R -X stream --checkpoint=fast >"$dir/basebackup.log" 2>&1 \
                || die "pg_basebackup failed, see $dir/basebackup.log:
$(tail -n 15 "$dir/basebackup.log" 2>/dev/null)"
        fi
        # The same port as before when it is free: the URL the app was given keeps working.
        port=$(cat "$dir/port" 2>/dev/null || true)
        if [ -z "$port" ] || tcp_open 127.0.0.1 "$port"; then
            port=$(free_port $((25532 + n)))
        fi
        echo "$port" >"$dir/port"
        run_as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 120 \
            -o "-p $port -c unix_socket_directories='' -c listen_addresses=127.0.0.1 -c hot_standby=on -c fsync=off" \
            start >/dev/null || die "standby replica$n did not start, see $dir/postgres.log:
$(tail -n 15 "$dir/postgres.log" 2>/dev/null)"
        url=$("${VENV_PYTHON:-$REPO/.venv/bin/python}" -c '
import sys
from urllib.parse import quote
user, password, port, dbname = sys.argv[1:]
secret = ":" + quote(password, safe="") if password else ""
print(f"postgresql://{quote(user, safe=str())}{secret}@127.0.0.1:{port}/{quote(dbname, safe=str())}")
' "$user" "$password" "$port" "$dbname")
        echo "$url" >"$dir/url"
        say "started standby replica$n on 127.0.0.1:$port"
    done
    write_replica_urls "$(running_replica_urls)"
}

cmd_down() {
    local bindir dir
    bindir=$(pg_bindir)
    for dir in $(replica_dirs); do
        if [ -L "$dir" ]; then
            local real
            real=$(readlink -f "$dir")
            rm -f "$dir"
            dir=$real
        fi
        if [ -f "$dir/data/postmaster.pid" ] && [ -n "$bindir" ]; then
            run_as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null && say "stopped standby $(basename "$dir")"
        fi
        rm -rf "$dir"
    done
    if [ -f "$PG_DIR/data/postmaster.pid" ] && [ -n "$bindir" ]; then
        run_as_pg "$bindir/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null && say "stopped private PostgreSQL"
    fi
    if [ -f "$REDIS_DIR/redis.pid" ]; then
        local pid
        pid=$(cat "$REDIS_DIR/redis.pid")
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid"
            for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            say "stopped private Redis"
        fi
        rm -f "$REDIS_DIR/redis.pid"
    fi
    rm -f "$ENV_FILE"
}

# ---- extensions -------------------------------------------------------------------------------
cmd_extensions() {
    local url=${TEST_DATABASE_URL:-${DATABASE_URL:-}}
    [ -n "$url" ] || die "no DATABASE_URL; run \`make services\` first"
    "${VENV_PYTHON:-$REPO/.venv/bin/python}" - "$url" <<'PYEOF'
import sys

import psycopg
from psycopg.conninfo import make_conninfo

url = sys.argv[1]
try:
    # The maintenance database: the one named in the URL may not exist yet.
    conn = psycopg.connect(make_conninfo(url, dbname="postgres"), connect_timeout=10)
except psycopg.OperationalError as exc:
    sys.exit(f"ERROR: cannot reach PostgreSQL ({exc}); run `make services` or fix DATABASE_URL")
with conn:
    version = conn.info.server_version
    names = {row[0] for row in conn.execute(
        "select name from pg_available_extensions where name in ('pgtap', 'plpython3u')")}
missing = {"pgtap": "postgresql-15-pgtap", "plpython3u": "postgresql-plpython3-15"}
lacking = [f"{ext} (package {pkg})" for ext, pkg in missing.items() if ext not in names]
if version < 150000:
    sys.exit(f"ERROR: PostgreSQL {version // 10000} found; tagpage needs 15 or newer")
if lacking:
    sys.exit("ERROR: the PostgreSQL server the tests use lacks " + ", ".join(lacking)
             + ". Install it on that server (`make install` does it as root) and re-run.")
print(f"PostgreSQL {version // 10000}.{version % 10000} offers pgtap and plpython3u")
PYEOF
}

case "${1:-}" in
    packages) cmd_packages ;;
    services) cmd_services ;;
    replica) cmd_replica ;;
    down) cmd_down ;;
    extensions) cmd_extensions ;;
    *) say "usage: $0 packages|services|replica|down|extensions"; exit 2 ;;
esac
