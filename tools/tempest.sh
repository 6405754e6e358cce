#!/usr/bin/env bash
# Run the watcher-tempest-plugin API tests against the running local suite,
# through a real Keystone whose catalog points infra-optim at our API.
#
#   tools/tempest.sh [extra tempest run args]
#
# Expects the suite up (tools/run-local.sh up). Starts Keystone when needed.
# Environment: WATCHER_STATE, WATCHER_API_PORT (9322), KEYSTONE_PORT (5000),
# TEMPEST_CONCURRENCY (2), TEMPEST_REGEX.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
state=${WATCHER_STATE:-$repo/.local-suite}
venv=$state/venv-tempest
ws=$state/tempest-ws
api_port=${WATCHER_API_PORT:-9322}
ks_port=${KEYSTONE_PORT:-5000}
password=${KEYSTONE_ADMIN_PASSWORD:-admin}
regex=${TEMPEST_REGEX:-'^watcher_tempest_plugin\.tests\.api'}

log() { printf '[tempest] %s\n' "$*" >&2; }

curl -sf "http://127.0.0.1:$api_port/" >/dev/null || {
    log "ERROR: no Watcher API on 127.0.0.1:$api_port (run tools/run-local.sh up first)"; exit 1; }

"$repo/tools/keystone.sh" start
"$repo/tools/keystone.sh" register "http://127.0.0.1:$api_port"

if [ ! -x "$venv/bin/tempest" ]; then
    log "installing tempest into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q tempest==47.0.0 watcher-tempest-plugin==3.9.0 python-watcherclient \
        >"$state/tempest-install.log" 2>&1
fi
if [ ! -d "$ws" ]; then
    (cd "$state" && "$venv/bin/tempest" init tempest-ws >/dev/null)
fi
cat >"$ws/etc/tempest.conf" <<CONF
[DEFAULT]
log_file = $ws/tempest.log
[auth]
use_dynamic_credentials = false
admin_username = admin
admin_password = $password
admin_project_name = admin
admin_domain_name = Default
[identity]
uri_v3 = http://127.0.0.1:$ks_port/v3
auth_version = v3
region = RegionOne
disable_ssl_certificate_validation = true
[identity-feature-enabled]
api_v2 = false
[service_available]
watcher = true
nova = false
cinder = false
neutron = false
glance = false
swift = false
horizon = false
[optimize]
datasource =
min_microversion = 1.0
max_microversion = 1.7
resource_timeout = 120
CONF
cd "$ws"
log "running $regex"
exec "$venv/bin/tempest" run --config-file etc/tempest.conf --regex "$regex" \
    --concurrency "${TEMPEST_CONCURRENCY:-2}" "$@"
