#!/usr/bin/env bash
# A private RabbitMQ node on loopback, for the local suite and the
# functional tests. Never touches a system RabbitMQ: own node name, own
# ports (AMQP 35672, distribution 35673, epmd 34369), own state folder.
#
#   tools/rabbitmq.sh start     install if missing (apt), start, add user
#   tools/rabbitmq.sh stop      stop the node and its private epmd
#   tools/rabbitmq.sh status    exit 0 when the node answers, 3 otherwise
#   tools/rabbitmq.sh url       print the transport_url
#
# Environment: WATCHER_STATE (default <repo>/.local-suite); the node lives
# in $WATCHER_STATE/rabbit unless WATCHER_RABBIT_STATE names another
# folder (several state folders can then share one node). RABBIT_PORT, RABBIT_DIST_PORT, RABBIT_EPMD_PORT
# override the ports (default 35672 / 35673 / 34369).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
state=${WATCHER_STATE:-$repo/.local-suite}
rdir=${WATCHER_RABBIT_STATE:-$state/rabbit}
port=${RABBIT_PORT:-35672}
dist_port=${RABBIT_DIST_PORT:-35673}
epmd_port=${RABBIT_EPMD_PORT:-34369}
user=watcher
password=watcherpass
bin=/usr/lib/rabbitmq/bin
url="rabbit://$user:$password@127.0.0.1:$port/"

log() { printf '[rabbitmq] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
. "$(dirname "${BASH_SOURCE[0]}")/lib/proc.sh"

install() {
    [ -x "$bin/rabbitmq-server" ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        log "installing rabbitmq-server with apt-get"
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 \
            install -y -q --no-install-recommends rabbitmq-server \
            >"$state/rabbitmq-install.log" 2>&1 \
            || die "apt-get install rabbitmq-server failed, see $state/rabbitmq-install.log"
    else
        die "rabbitmq-server is not installed (install the Debian package rabbitmq-server)"
    fi
}

configure() {
    mkdir -p "$rdir/home" "$rdir/mnesia" "$rdir/log"
    cat >"$rdir/env.sh" <<ENV
export HOME=$rdir/home
export ERL_EPMD_PORT=$epmd_port ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_NODENAME=watcher-rc@localhost RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT=$port RABBITMQ_DIST_PORT=$dist_port
export RABBITMQ_MNESIA_BASE=$rdir/mnesia RABBITMQ_LOG_BASE=$rdir/log
export RABBITMQ_CONFIG_FILE=$rdir/rabbitmq
export RABBITMQ_ENABLED_PLUGINS_FILE=$rdir/enabled_plugins
export RABBITMQ_PID_FILE=$rdir/rabbit.pid
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
ENV
    cat >"$rdir/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$port
loopback_users = none
vm_memory_high_watermark.absolute = 512MiB
disk_free_limit.absolute = 50MB
CONF
    echo '[].' >"$rdir/enabled_plugins"
}

# -start_epmd false: a CLI call against a stopped node (status, stop) must
# not leave a private epmd behind; only the server starts one.
ctl() { (. "$rdir/env.sh" && ERL_FLAGS="-start_epmd false" "$bin/rabbitmqctl" "$@"); }

answers() { [ -f "$rdir/env.sh" ] && ctl -q status >/dev/null 2>&1; }


node_pid() {
    local pid
    [ -f "$rdir/rabbit.pid" ] || return 1
    pid=$(cat "$rdir/rabbit.pid" 2>/dev/null) || return 1
    [ -n "$pid" ] && is_running "$pid" && echo "$pid"
}

start() {
    mkdir -p "$state"
    if answers; then
        log "already running at $url"
        return 0
    fi
    install
    for p in "$port" "$dist_port"; do
        port_taken "$p" && die "port $p is already taken by another process"
    done
    configure
    local attempt
    for attempt in 1 2 3; do
        launch && return 0
        # A listener socket of a node stopped moments ago can still hold
        # the port; the node then exits at once with eaddrinuse.
        grep -q eaddrinuse "$rdir/log/stdout.log" 2>/dev/null || break
        log "port still busy (attempt $attempt); retrying"
        sleep 3
    done
    die "rabbitmq-server exited, see $rdir/log/stdout.log"
}

launch() {
    log "starting node (log: $rdir/log)"
    # The subshell execs the server: no shell stays behind holding the
    # caller's stdout (a "$(...)" or a pipe would wait for it forever).
    (
        . "$rdir/env.sh"
        exec setsid nohup "$bin/rabbitmq-server" >"$rdir/log/stdout.log" 2>&1 </dev/null
    ) >/dev/null 2>&1 </dev/null &
    echo $! >"$rdir/launcher.pid"
    for _ in $(seq 1 120); do
        if answers; then
            ctl -q add_user "$user" "$password" >/dev/null 2>&1 \
                || ctl -q change_password "$user" "$password" >/dev/null
            ctl -q set_permissions -p / "$user" '.*' '.*' '.*' >/dev/null
            log "ready at $url"
            return 0
        fi
        is_running "$(cat "$rdir/launcher.pid")" || node_pid >/dev/null \
            || return 1
        sleep 0.5
    done
    die "rabbitmq did not answer within 60 s, see $rdir/log"
}

stop_epmd() {
    # Only our own epmd: the one listening on the private port whose
    # environment carries that port.
    local pids pid
    pids=$(ss -ltnpH "sport = :$epmd_port" 2>/dev/null \
        | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u) || true
    for pid in $pids; do
        if tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null \
                | grep -qx "ERL_EPMD_PORT=$epmd_port"; then
            kill -TERM "$pid" 2>/dev/null || true
        fi
    done
}

stop() {
    local pid
    if [ -f "$rdir/env.sh" ]; then
        pid=$(node_pid || true)
        if answers; then
            ctl -q stop >/dev/null 2>&1 || true
        fi
        if [ -n "${pid:-}" ]; then
            for _ in $(seq 1 40); do is_running "$pid" || break; sleep 0.25; done
            if is_running "$pid"; then
                kill -TERM "$pid" 2>/dev/null || true
                sleep 2
                kill -KILL "$pid" 2>/dev/null || true
            fi
        fi
        stop_epmd
        rm -f "$rdir/rabbit.pid" "$rdir/launcher.pid"
        log "stopped"
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status)
        if answers; then echo "rabbitmq running (pid $(node_pid || echo '?')) at $url"
        else echo "rabbitmq stopped"; exit 3; fi ;;
    url) echo "$url" ;;
    *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
