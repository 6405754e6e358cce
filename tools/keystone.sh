#!/usr/bin/env bash
# A real Keystone (PyPI keystone, fernet tokens, SQLite) on loopback, for
# auth tests, tempest and the integration environment.
#
#   tools/keystone.sh start            install if missing, bootstrap, start
#   tools/keystone.sh register URL     register URL as the infra-optim endpoint
#   tools/keystone.sh openrc           print the admin openrc lines
#   tools/keystone.sh stop | status
#
# Environment: WATCHER_STATE (default <repo>/.local-suite), KEYSTONE_PORT
# (default 5000), KEYSTONE_ADMIN_PASSWORD (default admin), KEYSTONE_VENV
# (default $WATCHER_STATE/venv-keystone; a venv that already has keystone).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
state=${WATCHER_STATE:-$repo/.local-suite}
kdir=$state/keystone
venv=${KEYSTONE_VENV:-$state/venv-keystone}
port=${KEYSTONE_PORT:-5000}
password=${KEYSTONE_ADMIN_PASSWORD:-admin}
pidfile=$kdir/gunicorn.pid
url=http://127.0.0.1:$port/v3

log() { printf '[keystone] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
. "$(dirname "${BASH_SOURCE[0]}")/lib/proc.sh"

running() { [ -f "$pidfile" ] && is_running "$(cat "$pidfile")"; }

install() {
    if [ ! -x "$venv/bin/keystone-manage" ]; then
        log "installing keystone into $venv"
        python3 -m venv "$venv"
        "$venv/bin/pip" install -q keystone==30.0.0 gunicorn python-openstackclient \
            >"$state/keystone-install.log" 2>&1 || die "pip install failed, see $state/keystone-install.log"
    fi
}

configure() {
    mkdir -p "$kdir/fernet-keys" "$kdir/credential-keys" "$kdir/wsgi"
    cat >"$kdir/keystone.conf" <<CONF
[DEFAULT]
log_file = $kdir/keystone.log
[database]
connection = sqlite:///$kdir/keystone.db
[token]
provider = fernet
expiration = 86400
[fernet_tokens]
key_repository = $kdir/fernet-keys
[fernet_receipts]
key_repository = $kdir/fernet-keys
[credential]
key_repository = $kdir/credential-keys
[cache]
enabled = false
CONF
    # Keystone parses sys.argv with oslo.config: hide gunicorn's flags.
    cat >"$kdir/wsgi/keystone_wsgi.py" <<'PY'
import sys
sys.argv = sys.argv[:1]
from keystone.wsgi.api import application  # noqa
PY
    if [ ! -f "$kdir/keystone.db" ]; then
        local k="$venv/bin/keystone-manage --config-file $kdir/keystone.conf"
        log "bootstrapping keystone"
        $k db_sync
        $k fernet_setup --keystone-user root --keystone-group root
        $k credential_setup --keystone-user root --keystone-group root
        $k bootstrap --bootstrap-password "$password" --bootstrap-region-id RegionOne \
            --bootstrap-admin-url "$url/" --bootstrap-internal-url "$url/" \
            --bootstrap-public-url "$url/"
    fi
}

openrc() {
    cat <<RC
export OS_AUTH_URL=$url OS_IDENTITY_API_VERSION=3
export OS_USERNAME=admin OS_PASSWORD=$password OS_PROJECT_NAME=admin
export OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default OS_REGION_NAME=RegionOne
unset OS_AUTH_TYPE OS_ENDPOINT OS_CLOUD
RC
}

start() {
    mkdir -p "$state"
    if running; then log "already running (pid $(cat "$pidfile"))"; return 0; fi
    if port_taken "$port"; then
        die "port $port is already taken by another process"
    fi
    install
    configure
    OS_KEYSTONE_CONFIG_DIR=$kdir OS_KEYSTONE_CONFIG_FILES=keystone.conf PYTHONWARNINGS=ignore \
        setsid nohup "$venv/bin/gunicorn" --no-control-socket --keep-alive 75 --chdir "$kdir/wsgi" \
        -b "127.0.0.1:$port" -w 1 --threads 4 --timeout 120 keystone_wsgi:application \
        >"$kdir/gunicorn.log" 2>&1 </dev/null &
    echo $! >"$pidfile"
    for _ in $(seq 1 60); do
        if curl -sf "$url" >/dev/null 2>&1; then log "ready at $url"; return 0; fi
        running || die "keystone exited, see $kdir/gunicorn.log"
        sleep 0.5
    done
    die "keystone did not answer within 30 s, see $kdir/gunicorn.log"
}

register() {
    local endpoint=${1:?usage: keystone.sh register URL}
    eval "$(openrc)"
    # One Python process instead of a dozen CLI calls (2.5 s each).
    "$venv/bin/python" - "$endpoint" <<'PY'
import sys
import openstack

endpoint = sys.argv[1]
conn = openstack.connect()  # from the OS_* variables
idc = conn.identity
svc = next(iter(idc.services(type='infra-optim')), None) or \
    idc.create_service(name='watcher', type='infra-optim', enabled=True)
for ep in list(idc.endpoints(service_id=svc.id)):
    idc.delete_endpoint(ep)
for iface in ('public', 'internal', 'admin'):
    idc.create_endpoint(service_id=svc.id, interface=iface, url=endpoint,
                        region_id='RegionOne', enabled=True)
roles = {r.name: r for r in idc.roles()}
for name in ('service', 'admin'):
    if name not in roles:
        roles[name] = idc.create_role(name=name)
project = idc.find_project('service') or idc.create_project(
    name='service', domain_id='default')
user = idc.find_user('watcher')
if user is None:
    user = idc.create_user(name='watcher', password='watcher',
                           default_project_id=project.id, domain_id='default')
for name in ('admin', 'service'):
    idc.assign_project_role_to_user(project, user, roles[name])
PY
    log "infra-optim endpoint is $endpoint"
}

stop() {
    if running; then
        stop_pid "$(cat "$pidfile")" keystone || true
        log "stopped"
    fi
    rm -f "$pidfile"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) if running; then echo "keystone running (pid $(cat "$pidfile")) at $url"; else echo "keystone stopped"; exit 3; fi ;;
    register) shift; register "$@" ;;
    openrc) openrc ;;
    *) echo "usage: $0 start|stop|status|register URL|openrc" >&2; exit 2 ;;
esac
