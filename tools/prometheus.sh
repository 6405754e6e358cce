#!/usr/bin/env bash
# A private Prometheus (Debian package) on loopback, for the local suite and
# the datasource functional tests. Never touches a system Prometheus: own
# port, own data folder, stopped by its PID.
#
#   tools/prometheus.sh start [CONFIG] check CONFIG (default: the last one),
#                                      start (or reload it if already
#                                      running), wait until ready
#   tools/prometheus.sh reload CONFIG  replace the scrape config (SIGHUP)
#   tools/prometheus.sh stop           stop the server started here
#   tools/prometheus.sh status         exit 0 when it answers, 3 otherwise
#   tools/prometheus.sh url            print the base URL
#
# Environment: WATCHER_STATE (default <repo>/.local-suite); the server lives
# in $WATCHER_STATE/prometheus unless PROMETHEUS_STATE names another folder.
# PROMETHEUS_PORT (default 39090), PROMETHEUS_RETENTION (default 2d).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
state=${WATCHER_STATE:-$repo/.local-suite}
pdir=${PROMETHEUS_STATE:-$state/prometheus}
port=${PROMETHEUS_PORT:-39090}
retention=${PROMETHEUS_RETENTION:-2d}
pidfile=$pdir/prometheus.pid
config=$pdir/prometheus.yml
url=http://127.0.0.1:$port

log() { printf '[prometheus] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
. "$(dirname "${BASH_SOURCE[0]}")/lib/proc.sh"


server_pid() {
    local pid
    [ -f "$pidfile" ] || return 1
    pid=$(cat "$pidfile" 2>/dev/null) || return 1
    [ -n "$pid" ] && is_running "$pid" && echo "$pid"
}

ready() { curl -sf -m 2 "$url/-/ready" >/dev/null 2>&1; }


install() {
    command -v prometheus >/dev/null 2>&1 && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        mkdir -p "$state"
        log "installing prometheus with apt-get"
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 \
            install -y -q --no-install-recommends prometheus \
            >"$state/prometheus-install.log" 2>&1 \
            || die "apt-get install prometheus failed, see $state/prometheus-install.log"
    else
        die "prometheus is not installed (install the Debian package prometheus)"
    fi
}

use_config() {
    local source=${1:-}
    if [ -z "$source" ]; then
        [ -f "$config" ] || die "usage: $0 start|reload CONFIG (a prometheus.yml)"
        source=$config
    fi
    [ -r "$source" ] || die "cannot read the scrape config $source"
    if command -v promtool >/dev/null 2>&1; then
        promtool check config "$source" >"$pdir/promtool.log" 2>&1 \
            || die "invalid scrape config $source: $(tail -n 3 "$pdir/promtool.log" | tr '\n' ' ')"
    fi
    if [ "$(readlink -f "$source")" != "$(readlink -f "$config")" ]; then
        cp "$source" "$config.new" && mv "$config.new" "$config"
    fi
}

reload() {
    local pid
    mkdir -p "$pdir"
    pid=$(server_pid) || die "not running (start it first)"
    use_config "${1:-}"
    kill -HUP "$pid"
    for _ in $(seq 1 20); do
        ready && { log "reloaded $config"; return 0; }
        sleep 0.25
    done
    die "prometheus did not come back after the reload, see $pdir/prometheus.log"
}

start() {
    local pid
    mkdir -p "$pdir"
    if pid=$(server_pid) && ready; then
        log "already running (pid $pid) at $url"
        [ -n "${1:-}" ] && reload "$1"
        return 0
    fi
    install
    use_config "${1:-}"
    port_taken "$port" && die "port $port is already taken by another process"
    mkdir -p "$pdir/data"
    setsid nohup prometheus --config.file="$config" \
        --storage.tsdb.path="$pdir/data" \
        --storage.tsdb.retention.time="$retention" \
        --web.listen-address="127.0.0.1:$port" --web.enable-lifecycle \
        >"$pdir/prometheus.log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$pidfile"
    for _ in $(seq 1 120); do
        if ready; then log "ready at $url (pid $pid)"; return 0; fi
        if ! is_running "$pid"; then
            rm -f "$pidfile"
            die "prometheus exited: $(tail -n 3 "$pdir/prometheus.log" | tr '\n' ' ')"
        fi
        sleep 0.25
    done
    stop
    die "prometheus was not ready within 30 s, see $pdir/prometheus.log"
}

stop() {
    local pid
    if pid=$(server_pid); then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 40); do is_running "$pid" || break; sleep 0.25; done
        if is_running "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
        log "stopped (pid $pid)"
    fi
    rm -f "$pidfile"
}

case "${1:-}" in
    start) shift; start "$@" ;;
    reload) shift; reload "$@" ;;
    stop) stop ;;
    status)
        if pid=$(server_pid) && ready; then echo "prometheus running (pid $pid) at $url"
        else echo "prometheus stopped"; exit 3; fi ;;
    url) echo "$url" ;;
    *) echo "usage: $0 start CONFIG|reload CONFIG|stop|status|url" >&2; exit 2 ;;
esac
