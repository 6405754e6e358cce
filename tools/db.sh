#!/bin/bash
# Private database servers for development and functional tests.
#
#   tools/db.sh start [mysql|postgresql]   install if missing, init, start
#   tools/db.sh stop [mysql|postgresql]    stop (by recorded PID only)
#   tools/db.sh status [mysql|postgresql]  exit 0 if running
#   tools/db.sh url mysql|postgresql       print the SQLAlchemy URL
#
# MariaDB listens on 127.0.0.1:33306, PostgreSQL on 127.0.0.1:35432; both
# keep their data, logs and PID files under $WATCHER_DB_STATE
# (default /tmp/watcher-db); WATCHER_MYSQL_PORT moves MariaDB. Each has a database "watcher" owned by user
# "os" (password "ospass"). Every command is idempotent. No systemd: the
# servers run as plain background processes.
set -euo pipefail

STATE=${WATCHER_DB_STATE:-/tmp/watcher-db}
MYSQL_PORT=${WATCHER_MYSQL_PORT:-33306}
PG_PORT=35432
MYSQL_DIR=$STATE/mysql
MYSQL_CNF=$MYSQL_DIR/my.cnf
PG_DIR=$STATE/pg
APT="apt-get -o DPkg::Lock::Timeout=900"

log() { echo "db.sh: $*" >&2; }
die() { log "$*"; exit 1; }
. "$(dirname "${BASH_SOURCE[0]}")/lib/proc.sh"

apt_install() {
    [ "$(id -u)" = 0 ] || die "cannot install $* (not root); install it with apt-get"
    log "installing $* with apt-get"
    if ! DEBIAN_FRONTEND=noninteractive $APT install -y --no-install-recommends "$@" >&2; then
        $APT update >&2
        DEBIAN_FRONTEND=noninteractive $APT install -y --no-install-recommends "$@" >&2
    fi
}

pid_alive() { [ -s "$1" ] && kill -0 "$(head -1 "$1")" 2>/dev/null; }


wait_for() {  # seconds, command...
    local tries=$(( $1 * 5 )); shift
    while ! "$@" >/dev/null 2>&1; do
        tries=$(( tries - 1 ))
        [ "$tries" -gt 0 ] || return 1
        sleep 0.2
    done
}

stop_pidfile() {  # pidfile, signal, name
    local pidfile=$1 signal=$2 name=$3 pid tries=50
    if ! pid_alive "$pidfile"; then
        log "$name is not running"
        return 0
    fi
    pid=$(head -1 "$pidfile")
    kill "-$signal" "$pid"
    while kill -0 "$pid" 2>/dev/null && [ "$tries" -gt 0 ]; do
        sleep 0.2; tries=$(( tries - 1 ))
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "$name ($pid) did not stop in 10 s; sending KILL"
        kill -KILL "$pid"
    fi
    log "$name stopped"
}

# -- MariaDB ---------------------------------------------------------------

mariadb_bin() { command -v "$1" 2>/dev/null || echo "/usr/sbin/$1"; }

mysql_installed() { [ -x "$(mariadb_bin mariadbd)" ] && command -v mariadb-install-db >/dev/null; }

mysql_pidfile() { echo "$MYSQL_DIR/mysqld.pid"; }

mysql_running() { pid_alive "$(mysql_pidfile)" && mariadb-admin --defaults-file="$MYSQL_CNF" ping >/dev/null 2>&1; }

write_mysql_cnf() {
    cat > "$MYSQL_CNF" <<EOF
[mysqld]
datadir=$MYSQL_DIR/data
socket=$MYSQL_DIR/mysqld.sock
pid-file=$MYSQL_DIR/mysqld.pid
bind-address=127.0.0.1
port=$MYSQL_PORT
user=root
log-error=$MYSQL_DIR/error.log
innodb_buffer_pool_size=64M
performance_schema=OFF
skip-name-resolve
max_connections=200
character-set-server=utf8mb4
[client]
socket=$MYSQL_DIR/mysqld.sock
port=$MYSQL_PORT
EOF
}

start_mysql() {
    mysql_installed || apt_install mariadb-server
    mysql_installed || die "MariaDB is not installed (mariadb-server)"
    mkdir -p "$MYSQL_DIR"
    write_mysql_cnf
    if [ ! -d "$MYSQL_DIR/data/mysql" ]; then
        mariadb-install-db --defaults-file="$MYSQL_CNF" \
            --auth-root-authentication-method=normal > "$MYSQL_DIR/install.log" 2>&1 \
            || die "mariadb-install-db failed; see $MYSQL_DIR/install.log"
    fi
    if mysql_running; then
        log "MariaDB already running on 127.0.0.1:$MYSQL_PORT"
    else
        port_taken "$MYSQL_PORT" && die "port $MYSQL_PORT is used by another process"
        setsid nohup "$(mariadb_bin mariadbd)" --defaults-file="$MYSQL_CNF" \
            > "$MYSQL_DIR/stdout.log" 2>&1 < /dev/null 9>&- &
        echo $! > "$MYSQL_DIR/mariadbd.pid"
        wait_for 30 mysql_running || die "MariaDB did not start; see $MYSQL_DIR/error.log"
        log "MariaDB started on 127.0.0.1:$MYSQL_PORT (pid $(cat "$(mysql_pidfile)"))"
    fi
    mariadb --defaults-file="$MYSQL_CNF" -uroot -e "
        CREATE DATABASE IF NOT EXISTS watcher;
        CREATE USER IF NOT EXISTS 'os'@'127.0.0.1' IDENTIFIED BY 'ospass';
        GRANT ALL ON *.* TO 'os'@'127.0.0.1';"
}

stop_mysql() {
    stop_pidfile "$(mysql_pidfile)" TERM MariaDB
    rm -f "$MYSQL_DIR/mariadbd.pid"
}

# -- PostgreSQL ------------------------------------------------------------

pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

pg_installed() { local bin; bin=$(pg_bindir); [ -n "$bin" ] && [ -x "$bin/postgres" ]; }

pg_pidfile() { echo "$PG_DIR/data/postmaster.pid"; }

as_postgres() {
    # fd 9 (our lock) must not leak into the server
    if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1" 9>&-; else sh -c "$1" 9>&-; fi
}

pg_ready() { "$(pg_bindir)/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; }

pg_running() { pid_alive "$(pg_pidfile)" && pg_ready; }

psql_admin() { "$(pg_bindir)/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -tAq "$@"; }

start_postgresql() {
    pg_installed || apt_install postgresql
    pg_installed || die "PostgreSQL is not installed (postgresql)"
    local bin; bin=$(pg_bindir)
    mkdir -p "$PG_DIR"
    chmod 755 "$STATE"
    [ "$(id -u)" = 0 ] && chown postgres: "$PG_DIR"
    if [ ! -s "$PG_DIR/data/PG_VERSION" ]; then
        as_postgres "$bin/initdb -D $PG_DIR/data -U postgres --auth=trust -E UTF8" \
            > "$PG_DIR/initdb.log" 2>&1 || die "initdb failed; see $PG_DIR/initdb.log"
    fi
    if pg_running; then
        log "PostgreSQL already running on 127.0.0.1:$PG_PORT"
    else
        port_taken "$PG_PORT" && die "port $PG_PORT is used by another process"
        as_postgres "setsid nohup $bin/postgres -D $PG_DIR/data -c listen_addresses=127.0.0.1 \
            -c port=$PG_PORT -c unix_socket_directories=$PG_DIR -c shared_buffers=32MB \
            > $PG_DIR/server.log 2>&1 < /dev/null & echo \$! > $PG_DIR/server.pid"
        wait_for 30 pg_running || die "PostgreSQL did not start; see $PG_DIR/server.log"
        log "PostgreSQL started on 127.0.0.1:$PG_PORT (pid $(head -1 "$(pg_pidfile)"))"
    fi
    [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'os'")" = 1 ] ||
        psql_admin -c "CREATE USER os PASSWORD 'ospass'"
    if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'watcher'")" != 1 ]; then
        psql_admin -c "CREATE DATABASE watcher" -c "ALTER DATABASE watcher OWNER TO os"
    fi
}

stop_postgresql() {
    # SIGINT = fast shutdown
    stop_pidfile "$(pg_pidfile)" INT PostgreSQL
    rm -f "$PG_DIR/server.pid"
}

# -- commands --------------------------------------------------------------

url() {
    case "$1" in
        mysql) echo "mysql+pymysql://os:ospass@127.0.0.1:$MYSQL_PORT/watcher" ;;
        postgresql) echo "postgresql+psycopg2://os:ospass@127.0.0.1:$PG_PORT/watcher" ;;
        *) die "usage: $0 url mysql|postgresql" ;;
    esac
}

backends() {
    case "${1:-all}" in
        all) echo mysql postgresql ;;
        mysql|postgresql) echo "$1" ;;
        *) die "unknown backend '$1' (mysql or postgresql)" ;;
    esac
}

lock_state() {
    # Concurrent callers (parallel test workers) take turns.
    mkdir -p "$STATE"
    exec 9>"$STATE/.db.sh.lock"
    flock -w 300 9 || die "could not lock $STATE/.db.sh.lock"
}

main() {
    local command=${1:-}
    shift || true
    case "$command" in
        start|stop) lock_state ;;
    esac
    case "$command" in
        start) for b in $(backends "${1:-all}"); do "start_$b"; done ;;
        stop) for b in $(backends "${1:-all}"); do "stop_$b"; done ;;
        status)
            local rc=0
            for b in $(backends "${1:-all}"); do
                if "${b/postgresql/pg}_running" >/dev/null 2>&1; then
                    echo "$b: running"
                else
                    echo "$b: stopped"; rc=1
                fi
            done
            return $rc ;;
        url) url "${1:-}" ;;
        *) die "usage: $0 start|stop|status [mysql|postgresql] | url mysql|postgresql" ;;
    esac
}

main "$@"
