#!/usr/bin/env bash
# The real OpenStack integration environment, on loopback, no systemd:
# MariaDB, RabbitMQ, Keystone, Placement, Nova (fake virt driver, several
# computes), a Glance/Neutron stand-in, Prometheus with an exporter that
# follows the real Nova inventory, and Aodh. Our watcher-api /
# watcher-decision-engine / watcher-applier are not started here: run
# tools/run-local.sh with WATCHER_CLOUD=real (tools/integration/run.sh does).
#
#   tools/integration/env.sh up       install what is missing, start all
#   tools/integration/env.sh down     stop what "up" started, by PID
#   tools/integration/env.sh status   show what runs (exit 3 if not up)
#   tools/integration/env.sh openrc   print the admin credentials
#   tools/integration/env.sh watcher-conf  watcher.conf lines for this cloud
#
# Environment:
#   WATCHER_INTEGRATION_STATE  state folder (default <repo>/.integration)
#   INTEG_COMPUTES             number of nova-computes (default 3)
#   INTEG_PARTS                components to start (default: all), e.g.
#                              "mariadb rabbit keystone standin placement nova"
#   WATCHER_VENV               venv with our watcher (runs the exporter)
#   FAKE_VCPUS/FAKE_MEMORY_MB/FAKE_DISK_GB  compute host size (16/32768/500)
# Ports: see tools/integration/ports.sh.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$here/ports.sh"
state=${WATCHER_INTEGRATION_STATE:-$repo/.integration}
state=$(mkdir -p "$state" && cd "$state" && pwd)
venv=$state/venv
V=$venv/bin
pids=$state/pids
logs=$state/logs
computes=${INTEG_COMPUTES:-3}
ALL_PARTS="mariadb rabbit keystone standin placement nova prometheus aodh"
PARTS=${INTEG_PARTS:-$ALL_PARTS}
PYTHON=${INTEG_PYTHON:-}

# Shared with tools/db.sh, tools/rabbitmq.sh, tools/keystone.sh,
# tools/prometheus.sh and tools/run-local.sh.
export WATCHER_DB_STATE=$state/db WATCHER_MYSQL_PORT=$MYSQL_PORT
export WATCHER_RABBIT_STATE=$state/rabbit RABBIT_PORT RABBIT_DIST_PORT RABBIT_EPMD_PORT
export KEYSTONE_PORT KEYSTONE_VENV=$venv KEYSTONE_ADMIN_PASSWORD=admin
export PROMETHEUS_STATE=$state/prometheus PROMETHEUS_PORT
export PYTHONWARNINGS=ignore

log() { printf '[integration] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
. "$here/../lib/proc.sh"

# -- processes ---------------------------------------------------------------

pid_alive() { [ -f "$pids/$1.pid" ] && is_running "$(cat "$pids/$1.pid")"; }

start_proc() {  # name command... (run from $state)
    local name=$1; shift
    mkdir -p "$pids" "$logs"
    (cd "$state" && exec setsid nohup "$@" >"$logs/$name.log" 2>&1 </dev/null) &
    echo $! >"$pids/$name.pid"
}

stop_proc() {  # name...: TERM them all first, so their shutdowns overlap
    local name pid
    for name in "$@"; do
        pid_alive "$name" && kill -TERM "$(cat "$pids/$name.pid")" 2>/dev/null || true
    done
    for name in "$@"; do
        [ -f "$pids/$name.pid" ] || continue
        pid=$(cat "$pids/$name.pid")
        stop_pid "$pid" "$name" || true
        rm -f "$pids/$name.pid"
    done
}

wait_until() {  # seconds name command...
    local deadline=$(( SECONDS + $1 )) name=$2; shift 2
    until "$@" >/dev/null 2>&1; do
        [ "$SECONDS" -lt "$deadline" ] || die "$name not ready within the time limit; see $logs/"
        sleep 0.5
    done
}

http_ok() { curl -s -o /dev/null -m 3 -w '%{http_code}' "$1" | grep -qE '^(200|300|401)$'; }

proc_ready() {  # name url : alive and answering
    pid_alive "$1" || die "$1 exited during start-up; see $logs/$1.log"
    http_ok "$2"
}

# -- install -----------------------------------------------------------------

find_python() {
    local candidate
    for candidate in "$PYTHON" python3.12 /root/.pyenv/versions/3.12*/bin/python3.12 python3; do
        [ -n "$candidate" ] || continue
        if "$candidate" -c 'import sys; assert sys.version_info >= (3, 10)' 2>/dev/null; then
            echo "$candidate"; return 0
        fi
    done
    die "no Python >= 3.10 found (set INTEG_PYTHON)"
}

install_venv() {
    [ -f "$venv/.installed-v1" ] && return 0
    local python; python=$(find_python)
    log "installing keystone, placement, nova, aodh into $venv (about 1-2 minutes)"
    [ -x "$V/python" ] || "$python" -m venv "$venv"
    "$V/pip" install -q -U pip setuptools wheel >"$state/install.log" 2>&1
    "$V/pip" install -q keystone==30.0.0 openstack-placement==16.0.0 nova==34.0.0 \
        aodh==23.0.0 python-openstackclient osc-placement gunicorn pymysql \
        prometheus_client python-watcherclient >>"$state/install.log" 2>&1 \
        || die "pip install failed; see $state/install.log"
    touch "$venv/.installed-v1"
}

# -- admin credentials -------------------------------------------------------

openrc() {
    cat <<RC
export OS_AUTH_URL=http://127.0.0.1:$KEYSTONE_PORT/v3 OS_IDENTITY_API_VERSION=3
export OS_USERNAME=admin OS_PASSWORD=admin OS_PROJECT_NAME=admin
export OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default OS_REGION_NAME=RegionOne
export OS_COMPUTE_API_VERSION=2.96 OS_PLACEMENT_API_VERSION=1.39
unset OS_AUTH_TYPE OS_ENDPOINT OS_CLOUD
RC
}

. "$here/parts.sh"

# -- commands ----------------------------------------------------------------

part_list() { echo "$PARTS"; }

reverse_parts() { echo "$PARTS" | tr ' ' '\n' | tac | tr '\n' ' '; }

check_ports_free() {
    local part port
    for part in $(part_list); do
        "${part}_running" && continue
        for port in $("${part}_ports"); do
            port_taken "$port" && die "port $port (for $part) is already taken by another process; \
stop it or change the port (tools/integration/ports.sh)"
        done
    done
    return 0
}

up() {
    local part any='' all=1 begin=$SECONDS t
    for part in $(part_list); do
        if "${part}_running"; then any=1; else all=''; fi
    done
    if [ -n "$all" ]; then log "already up (env.sh status; env.sh down to stop)"; return 0; fi
    [ -z "$any" ] || die "the environment is partly running; run 'tools/integration/env.sh down' first"
    mkdir -p "$pids" "$logs"
    check_ports_free
    install_venv
    openrc >"$state/admin-openrc"
    trap 'log "start-up failed; stopping what was started"; down' EXIT
    for part in $(part_list); do
        t=$SECONDS
        "${part}_up"
        log "$part up ($(( SECONDS - t )) s)"
    done
    trap - EXIT
    log "up in $(( SECONDS - begin )) s; credentials: . $state/admin-openrc"
}

down() {
    local part begin=$SECONDS t
    for part in $(reverse_parts); do
        t=$SECONDS
        "${part}_down" || true
        [ $(( SECONDS - t )) -lt 5 ] || log "$part down ($(( SECONDS - t )) s)"
    done
    log "down in $(( SECONDS - begin )) s"
}

status() {
    local part rc=0
    for part in $(part_list); do
        if "${part}_running"; then echo "$part: running"; else echo "$part: stopped"; rc=3; fi
    done
    return $rc
}

case "${1:-}" in
    up) up ;;
    down) down ;;
    status) status ;;
    openrc) openrc ;;
    watcher-conf) watcher_conf ;;
    *) echo "usage: $0 up|down|status|openrc|watcher-conf" >&2; exit 2 ;;
esac
