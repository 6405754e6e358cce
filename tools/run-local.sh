#!/usr/bin/env bash
# Run the Watcher services locally: a private RabbitMQ, a database, a cloud
# to optimise (by default the emulated one, scraped by a private Prometheus)
# and watcher-api, watcher-decision-engine and watcher-applier as separate
# processes, all on loopback, all state under one folder.
#
#   tools/run-local.sh up       start everything (nothing if already up)
#   tools/run-local.sh down     stop exactly what "up" started
#   tools/run-local.sh status   show what runs
#
# Environment:
#   WATCHER_STATE     state folder (default <repo>/.local-suite)
#   WATCHER_VENV      virtualenv with watcher installed (default <repo>/.venv,
#                     else the one providing watcher-api on PATH)
#   WATCHER_DB        sqlite (default) | mysql | postgresql (uses tools/db.sh)
#   WATCHER_API_PORT  API port (default 9322)
#   WATCHER_HOST      [DEFAULT] host of the services (default: hostname)
#   WATCHER_DEBUG     true for debug logs
#   WATCHER_EXTRA_CONFIG  a second --config-file for every service (its
#                     values win), e.g. auth and cloud credentials
#   WATCHER_CLOUD     emulated (default): watcher-emulated-cloud plus a private
#                     Prometheus (tools/prometheus.sh) scraping it; collectors,
#                     actions and the prometheus datasource are pointed at them.
#                     none: no cloud (API-only use). real: the OpenStack
#                     services of tools/integration/env.sh (started if not
#                     up); "tools/integration/env.sh watcher-conf" prints the
#                     watcher.conf lines that point Watcher at them.
#   WATCHER_CLOUD_PORT      emulated cloud port (default 38080)
#   WATCHER_CLOUD_TOPOLOGY  topology file (default: tools/quickstart/topology.py
#                     with WATCHER_CLOUD_HOSTS=8 hosts, WATCHER_CLOUD_SERVERS=40
#                     servers spread over them, uneven CPU load)
#   PROMETHEUS_PORT   Prometheus port (default 39090); RABBIT_PORT etc. see
#                     tools/rabbitmq.sh
#   WATCHER_AUTH      noauth (default) | keystone: the API validates tokens
#                     against the real Keystone of tools/keystone.sh (port
#                     KEYSTONE_PORT, default 5000) as user watcher/watcher of
#                     project service ("tools/keystone.sh register URL"
#                     creates it); tools/tempest.sh uses this mode.
#
# Each component is a set of functions <name>_up / <name>_down /
# <name>_status listed in COMPONENTS (start order; stopped in reverse).
# "up" records what it started in $state/started, so "down" never stops
# something it did not start (e.g. a RabbitMQ the tests already run).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
state=${WATCHER_STATE:-$repo/.local-suite}
export WATCHER_STATE=$state
export WATCHER_DB_STATE=${WATCHER_DB_STATE:-$state/db}
api_port=${WATCHER_API_PORT:-9322}
db_kind=${WATCHER_DB:-sqlite}
host_name=${WATCHER_HOST:-$(hostname)}
cloud_kind=${WATCHER_CLOUD:-emulated}
auth_kind=${WATCHER_AUTH:-noauth}
keystone_url=http://127.0.0.1:${KEYSTONE_PORT:-5000}/v3
cloud_port=${WATCHER_CLOUD_PORT:-38080}
cloud_dir=$state/cloud
prom_port=${PROMETHEUS_PORT:-39090}
export PROMETHEUS_PORT=$prom_port
conf=$state/watcher.conf
conf_args=(--config-file "$conf")
if [ -n "${WATCHER_EXTRA_CONFIG:-}" ]; then conf_args+=(--config-file "$WATCHER_EXTRA_CONFIG"); fi
pids=$state/pids
logs=$state/logs
started_file=$state/started

COMPONENTS=(rabbit database cloud prometheus config api decision_engine applier)
# Processes of the suite ("up" is complete when all of them run).
PROCESSES=(api decision_engine applier)
if [ "$cloud_kind" = emulated ]; then PROCESSES=(cloud "${PROCESSES[@]}"); fi

log() { printf '[run-local] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
. "$(dirname "${BASH_SOURCE[0]}")/lib/proc.sh"

find_venv() {
    if [ -n "${WATCHER_VENV:-}" ]; then echo "$WATCHER_VENV"; return; fi
    if [ -x "$repo/.venv/bin/watcher-api" ]; then echo "$repo/.venv"; return; fi
    local api
    api=$(command -v watcher-api 2>/dev/null) || true
    if [ -n "$api" ]; then dirname "$(dirname "$api")"; return; fi
    echo "$repo/.venv"
}
venv=$(find_venv)

check_venv() {
    local script
    for script in watcher-api watcher-decision-engine watcher-applier watcher-db-manage \
            watcher-emulated-cloud; do
        [ -x "$venv/bin/$script" ] || die "$venv/bin/$script not found: create the venv \
(python3 -m venv $repo/.venv && $repo/.venv/bin/pip install -r requirements.txt -e $repo) \
or set WATCHER_VENV"
    done
}


mark_started() { echo "$1" >>"$started_file"; }
was_started() { [ -f "$started_file" ] && grep -qx "$1" "$started_file"; }

# -- processes ---------------------------------------------------------------

pid_alive() {
    local f=$pids/$1.pid
    [ -f "$f" ] && is_running "$(cat "$f")"
}

start_process() {  # name command...
    local name=$1; shift
    mkdir -p "$pids" "$logs"
    setsid nohup "$@" >"$logs/$name.log" 2>&1 </dev/null &
    echo $! >"$pids/$name.pid"
    mark_started "$name"
    log "$name started (pid $(cat "$pids/$name.pid"), log $logs/$name.log)"
}

stop_process() {  # name
    local name=$1 pid
    [ -f "$pids/$name.pid" ] || return 0
    pid=$(cat "$pids/$name.pid")
    if stop_pid "$pid" "$name"; then
        log "$name stopped"
    fi
    rm -f "$pids/$name.pid"
}

process_status() {  # name
    if pid_alive "$1"; then echo "$1: running (pid $(cat "$pids/$1.pid"))"
    else echo "$1: stopped"; fi
}

# -- rabbit ------------------------------------------------------------------

rabbit_up() {
    if "$repo/tools/rabbitmq.sh" status >/dev/null 2>&1; then
        log "reusing the running RabbitMQ"
    else
        "$repo/tools/rabbitmq.sh" start
        mark_started rabbit
    fi
}
rabbit_down() { was_started rabbit && "$repo/tools/rabbitmq.sh" stop || true; }
rabbit_status() { "$repo/tools/rabbitmq.sh" status || true; }

# -- database ----------------------------------------------------------------

db_url() {
    case "$db_kind" in
        sqlite) echo "sqlite:///$state/watcher.sqlite" ;;
        mysql|postgresql) "$repo/tools/db.sh" url "$db_kind" ;;
        *) die "WATCHER_DB must be sqlite, mysql or postgresql (got '$db_kind')" ;;
    esac
}

database_up() {
    case "$db_kind" in
        sqlite) ;;
        mysql|postgresql)
            [ -x "$repo/tools/db.sh" ] || die "tools/db.sh is missing: WATCHER_DB=$db_kind is not available"
            if "$repo/tools/db.sh" status "$db_kind" >/dev/null 2>&1; then
                log "reusing the running $db_kind"
            else
                "$repo/tools/db.sh" start "$db_kind"
                mark_started database
            fi ;;
        *) die "WATCHER_DB must be sqlite, mysql or postgresql (got '$db_kind')" ;;
    esac
}
database_down() {
    if was_started database; then "$repo/tools/db.sh" stop "$db_kind" || true; fi
}
database_status() {
    case "$db_kind" in
        sqlite) echo "database: sqlite ($state/watcher.sqlite)" ;;
        *) "$repo/tools/db.sh" status "$db_kind" || true ;;
    esac
}

# -- cloud -------------------------------------------------------------------

check_cloud_kind() {
    case "$cloud_kind" in
        none|emulated|real) ;;
        *) die "WATCHER_CLOUD must be none, emulated or real (got '$cloud_kind')" ;;
    esac
}

integration_env() {
    [ -x "$repo/tools/integration/env.sh" ] \
        || die "tools/integration/env.sh is missing: WATCHER_CLOUD=real is not available"
    "$repo/tools/integration/env.sh" "$@"
}

emulated_cloud_up() {
    local topology=${WATCHER_CLOUD_TOPOLOGY:-} _
    mkdir -p "$cloud_dir"
    if [ -z "$topology" ]; then
        topology=$cloud_dir/topology.yaml
        "$venv/bin/python" "$repo/tools/quickstart/topology.py" \
            --hosts "${WATCHER_CLOUD_HOSTS:-8}" --servers "${WATCHER_CLOUD_SERVERS:-40}" \
            >"$topology" || die "cannot generate the emulated cloud topology"
    fi
    [ -r "$topology" ] || die "cannot read the topology $topology (WATCHER_CLOUD_TOPOLOGY)"
    rm -f "$cloud_dir/watcher.conf" "$cloud_dir/prometheus.yml"
    start_process cloud "$venv/bin/watcher-emulated-cloud" --topology "$topology" \
        --port "$cloud_port" --transport-url "$("$repo/tools/rabbitmq.sh" url)" \
        --catalog-endpoint "infra-optim=http://127.0.0.1:$api_port" \
        --write-prometheus-config "$cloud_dir/prometheus.yml" \
        --write-watcher-conf "$cloud_dir/watcher.conf"
    # Both files are written once the cloud serves.
    for _ in $(seq 1 120); do
        [ -s "$cloud_dir/watcher.conf" ] && [ -s "$cloud_dir/prometheus.yml" ] && break
        pid_alive cloud || die "the emulated cloud exited: $(tail -n 3 "$logs/cloud.log" | tr '\n' ' ')"
        sleep 0.5
    done
    [ -s "$cloud_dir/watcher.conf" ] || die "the emulated cloud did not start within 60 s, see $logs/cloud.log"
    log "emulated cloud at http://127.0.0.1:$cloud_port/ ($(sed -n 's/^Emulated cloud: //p' "$logs/cloud.log"))"
}

cloud_up() {
    case "$cloud_kind" in
        none) ;;
        emulated) emulated_cloud_up ;;
        real)
            if integration_env status >/dev/null 2>&1; then
                log "reusing the running integration environment"
            else
                integration_env up
                mark_started cloud_real
            fi ;;
    esac
}
cloud_down() {
    stop_process cloud
    if was_started cloud_real; then integration_env down || true; fi
}
cloud_status() {
    case "$cloud_kind" in
        none) echo "cloud: none" ;;
        emulated) process_status cloud ;;
        real) integration_env status || true ;;
    esac
}

# The watcher.conf lines that point collectors, actions and datasources at
# the cloud.
cloud_conf() {
    case "$cloud_kind" in
        none) ;;
        emulated)
            echo "# The emulated cloud (tools/run-local.sh, WATCHER_CLOUD=emulated)"
            # Its moves finish at once: poll migrations every second.
            sed -n -e '/^# Without Keystone/,$!p' "$cloud_dir/watcher.conf" \
                | sed -e '/^\[nova\]$/a migration_interval = 1'
            cat <<CONF

[watcher_datasources]
datasources = prometheus

[prometheus_client]
host = 127.0.0.1
port = $prom_port
CONF
            ;;
        real)
            echo "# The real OpenStack services (tools/run-local.sh, WATCHER_CLOUD=real)"
            integration_env watcher-conf || die "tools/integration/env.sh watcher-conf failed" ;;
    esac
}

# -- prometheus --------------------------------------------------------------

prometheus_up() {
    [ "$cloud_kind" = emulated ] || return 0
    if "$repo/tools/prometheus.sh" status >/dev/null 2>&1; then
        log "reusing the running Prometheus"
        "$repo/tools/prometheus.sh" reload "$cloud_dir/prometheus.yml"
    else
        mark_started prometheus
        "$repo/tools/prometheus.sh" start "$cloud_dir/prometheus.yml"
    fi
}
prometheus_down() { if was_started prometheus; then "$repo/tools/prometheus.sh" stop || true; fi; }
prometheus_status() { [ "$cloud_kind" = emulated ] && { "$repo/tools/prometheus.sh" status || true; }; return 0; }

# -- config and schema -------------------------------------------------------

check_auth_kind() {
    case "$auth_kind" in
        noauth|keystone) ;;
        *) die "WATCHER_AUTH must be noauth or keystone (got '$auth_kind')" ;;
    esac
}

# keystonemiddleware settings; written last so they win over any
# [keystone_authtoken] lines of the cloud's snippet.
auth_conf() {
    [ "$auth_kind" = keystone ] || return 0
    cat <<CONF

# Tokens are validated by the real Keystone (WATCHER_AUTH=keystone)
[keystone_authtoken]
www_authenticate_uri = $keystone_url
auth_url = $keystone_url
auth_type = password
username = watcher
password = watcher
project_name = service
user_domain_name = Default
project_domain_name = Default
CONF
}

config_up() {
    local debug=${WATCHER_DEBUG:-false} authentication=False
    [ "$auth_kind" = keystone ] && authentication=True
    cat >"$conf" <<CONF
# Written by tools/run-local.sh; rewritten at every "up".
[DEFAULT]
host = $host_name
debug = $debug
enable_authentication = $authentication
transport_url = $("$repo/tools/rabbitmq.sh" url)
state_path = $state

[api]
host = 127.0.0.1
port = $api_port
workers = 1

[database]
connection = $(db_url)

CONF
    cloud_conf >>"$conf"
    auth_conf >>"$conf"
    log "configuration written to $conf"
    "$venv/bin/watcher-db-manage" "${conf_args[@]}" upgrade \
        >"$logs/db-manage.log" 2>&1 || die "watcher-db-manage upgrade failed, see $logs/db-manage.log"
    log "database schema upgraded"
}
config_down() { :; }
config_status() { echo "config: $conf"; }

# -- services ----------------------------------------------------------------

api_up() {
    start_process api "$venv/bin/watcher-api" "${conf_args[@]}"
}
api_down() { stop_process api; }
api_status() { process_status api; }

decision_engine_up() {
    start_process decision_engine "$venv/bin/watcher-decision-engine" "${conf_args[@]}"
}
decision_engine_down() { stop_process decision_engine; }
decision_engine_status() { process_status decision_engine; }

applier_up() {
    start_process applier "$venv/bin/watcher-applier" "${conf_args[@]}"
}
applier_down() { stop_process applier; }
applier_status() { process_status applier; }

# Prints "name host ACTIVE|FAILED" for every service row.
services_table() {
    "$venv/bin/python" - "$(db_url)" <<'PY'
import datetime
import sys

import sqlalchemy as sa

engine = sa.create_engine(sys.argv[1])
down_time = 90
with engine.connect() as conn:
    rows = conn.execute(sa.text(
        "SELECT name, host, last_seen_up FROM services WHERE deleted = 0 "
        "ORDER BY name, host")).fetchall()
now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
for name, host, seen in rows:
    if isinstance(seen, str):
        seen = datetime.datetime.fromisoformat(seen)
    ok = seen is not None and (now - seen).total_seconds() <= down_time
    print(name, host, 'ACTIVE' if ok else 'FAILED')
PY
}

wait_ready() {
    local api_ok='' table
    for _ in $(seq 1 120); do
        for name in "${PROCESSES[@]}"; do
            pid_alive "$name" || die "$name exited during start-up: \
$(grep -v WARNING "$logs/$name.log" | tail -n 1) (log $logs/$name.log)"
        done
        if [ -z "$api_ok" ] && curl -sf -o /dev/null "http://127.0.0.1:$api_port/"; then
            api_ok=1
            log "API answers at http://127.0.0.1:$api_port/"
        fi
        table=$(services_table 2>/dev/null || true)
        if [ -n "$api_ok" ] \
            && grep -qx "watcher-decision-engine $host_name ACTIVE" <<<"$table" \
            && grep -qx "watcher-applier $host_name ACTIVE" <<<"$table"; then
            log "decision engine and applier are ACTIVE"
            return 0
        fi
        sleep 0.5
    done
    die "services not ready within 60 s; see $logs/"
}

# -- commands ----------------------------------------------------------------

any_running() {
    local name
    for name in cloud api decision_engine applier; do pid_alive "$name" && return 0; done
    return 1
}

all_running() {
    local name
    for name in "${PROCESSES[@]}"; do pid_alive "$name" || return 1; done
    return 0
}

# Refuse to start when a port we need is busy, before starting anything.
check_ports() {
    if port_taken "$api_port"; then
        die "port $api_port is already taken by another process (set WATCHER_API_PORT)"
    fi
    [ "$cloud_kind" = emulated ] || return 0
    if port_taken "$cloud_port"; then
        die "port $cloud_port (emulated cloud) is already taken by another process (set WATCHER_CLOUD_PORT)"
    fi
    if ! "$repo/tools/prometheus.sh" status >/dev/null 2>&1 && port_taken "$prom_port"; then
        die "port $prom_port (Prometheus) is already taken by another process (set PROMETHEUS_PORT)"
    fi
}

up() {
    check_venv
    check_cloud_kind
    check_auth_kind
    if all_running; then
        log "the local suite is already up (tools/run-local.sh status; down to stop it)"
        return 0
    fi
    if any_running; then
        die "the local suite is partly running; run 'tools/run-local.sh down' first"
    fi
    check_ports
    mkdir -p "$state" "$pids" "$logs"
    rm -f "$started_file"
    # Anything failing from here on (set -e, die) undoes what was started.
    trap 'log "start-up failed; stopping what was started"; down' EXIT
    local c
    for c in "${COMPONENTS[@]}"; do "${c}_up"; done
    wait_ready
    trap - EXIT
    if [ "$auth_kind" = keystone ]; then
        log "up: API http://127.0.0.1:$api_port/ (Keystone tokens from $keystone_url), state $state"
    else
        log "up: API http://127.0.0.1:$api_port/ (no auth), state $state"
        log "use it with: export OS_AUTH_TYPE=none OS_ENDPOINT=http://127.0.0.1:$api_port"
    fi
}

down() {
    local i
    for ((i=${#COMPONENTS[@]}-1; i>=0; i--)); do "${COMPONENTS[$i]}_down"; done
    rm -f "$started_file"
}

status() {
    local c
    for c in "${COMPONENTS[@]}"; do "${c}_status"; done
    if [ -f "$conf" ]; then
        echo "services table:"
        services_table 2>/dev/null | sed 's/^/  /' || echo "  (database not reachable)"
    fi
    any_running || return 3
}

case "${1:-}" in
    up) up ;;
    down) down ;;
    status) status ;;
    *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
