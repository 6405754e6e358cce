#!/usr/bin/env bash
# Run the watcher-tempest-plugin API tests against the running local suite,
# through a real Keystone whose catalog points infra-optim at our API.
#
#   WATCHER_AUTH=keystone tools/run-local.sh up      # the realistic setup
#   tools/tempest.sh [extra "tempest run" arguments]
#
# When no API answers on WATCHER_API_PORT, the script starts the suite
# itself (WATCHER_AUTH=keystone tools/run-local.sh up, honouring WATCHER_DB
# and the other run-local variables) and stops it again at the end.
#
# Starts Keystone (tools/keystone.sh) when needed, registers the API as the
# infra-optim endpoint (and the watcher service user the API validates
# tokens with), installs tempest 47.0.0 + watcher-tempest-plugin 3.9.0 into
# $WATCHER_STATE/venv-tempest on first use, writes the tempest.conf and
# runs the 61 API tests. Prints the totals and the run time; exits non-zero
# when a test failed.
#
# Environment: WATCHER_STATE, WATCHER_API_PORT (9322), KEYSTONE_PORT (5000),
# KEYSTONE_ADMIN_PASSWORD (admin), TEMPEST_CONCURRENCY (1), TEMPEST_REGEX
# (default: every plugin API test), TEMPEST_TIMEOUT ([optimize]
# resource_timeout, 120).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
state=${WATCHER_STATE:-$repo/.local-suite}
export WATCHER_STATE=$state
venv=$state/venv-tempest
ws=$state/tempest-ws
api_port=${WATCHER_API_PORT:-9322}
api_url=http://127.0.0.1:$api_port
ks_port=${KEYSTONE_PORT:-5000}
export KEYSTONE_PORT=$ks_port
password=${KEYSTONE_ADMIN_PASSWORD:-admin}
# Keep the package prefix: a bare test name also matches tempest's own
# Keystone tests.
regex=${TEMPEST_REGEX:-'^watcher_tempest_plugin\.tests\.api'}

log() { printf '[tempest] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if ! curl -sf -o /dev/null "$api_url/"; then
    log "no Watcher API on 127.0.0.1:$api_port: starting the local suite with Keystone auth"
    WATCHER_AUTH=keystone "$repo/tools/run-local.sh" up
    trap '"$repo/tools/run-local.sh" down' EXIT
fi

# GET /v1 needs a token when keystonemiddleware is on.
v1_status=$(curl -s -o /dev/null -w '%{http_code}' "$api_url/v1")
if [ "$v1_status" = 401 ]; then
    log "the API validates Keystone tokens"
else
    log "note: the API does not ask for a token (GET /v1 gave $v1_status);" \
        "WATCHER_AUTH=keystone tools/run-local.sh up is the realistic setup"
fi

"$repo/tools/keystone.sh" start
"$repo/tools/keystone.sh" register "$api_url"

if [ ! -x "$venv/bin/tempest" ]; then
    log "installing tempest into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q tempest==47.0.0 watcher-tempest-plugin==3.9.0 \
        python-watcherclient==4.11.0 >"$state/tempest-install.log" 2>&1 \
        || die "pip install failed, see $state/tempest-install.log"
fi
if [ ! -f "$ws/.stestr.conf" ]; then
    # Workspace names are global (~/.tempest/workspace.yaml): one per path.
    ws_name=watcher-$(printf '%s' "$ws" | md5sum | cut -c1-8)
    "$venv/bin/tempest" workspace remove --name "$ws_name" >/dev/null 2>&1 || true
    "$venv/bin/tempest" init --name "$ws_name" "$ws" >"$state/tempest-init.log" 2>&1 \
        || die "tempest init failed, see $state/tempest-init.log"
fi
cat >"$ws/etc/tempest.conf" <<CONF
# Written by tools/tempest.sh; rewritten at every run.
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
resource_timeout = ${TEMPEST_TIMEOUT:-120}
CONF

cd "$ws"
rm -f tempest.log
# One worker by default: the plugin's tests start action plans, and a
# ONESHOT audit created while another test's plan is ONGOING is CANCELLED
# (as on the reference), which fails that test's setUp at random.
concurrency=${TEMPEST_CONCURRENCY:-1}
log "running $regex against $api_url (concurrency $concurrency)"
started=$(date +%s)
rc=0
"$venv/bin/tempest" run --config-file etc/tempest.conf --regex "$regex" \
    --concurrency "$concurrency" "$@" || rc=$?
log "finished in $(( $(date +%s) - started )) s (exit $rc); details: $ws/tempest.log," \
    "'cd $ws && $venv/bin/stestr last --subunit | $venv/bin/subunit2pyunit'"
exit "$rc"
