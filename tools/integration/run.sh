#!/usr/bin/env bash
# What `tox -e integration` runs: bring the real OpenStack environment up
# (tools/integration/env.sh), start our three services against it
# (tools/run-local.sh, WATCHER_CLOUD=real, MariaDB, Keystone auth on), run
# the scenarios under watcher/tests/integration, then the tempest API tests
# (tools/tempest.sh), and stop only what this run started.
#
#   tools/integration/run.sh [stestr filter regex]
#
# Environment:
#   INTEGRATION_SCENARIOS  which scenarios to run (default: all), any of
#       model host_maintenance consolidation aodh tempest
#     e.g. INTEGRATION_SCENARIOS="host_maintenance aodh". Only the parts of
#     the environment they need are started (no Aodh without "aodh", no
#     Prometheus without "consolidation" or "aodh") unless INTEG_PARTS says.
#   INTEG_KEEP=1 leaves everything running; INTEG_TEMPEST=0 skips tempest;
#   WATCHER_VENV as for tools/run-local.sh.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$here/ports.sh"
state=${WATCHER_INTEGRATION_STATE:-$repo/.integration}
export WATCHER_INTEGRATION_STATE=$state
# tools/run-local.sh shares the environment's MariaDB and RabbitMQ.
export WATCHER_STATE=$state/watcher WATCHER_DB=mysql WATCHER_CLOUD=real WATCHER_HOST=integration
export WATCHER_DB_STATE=$state/db WATCHER_MYSQL_PORT=$MYSQL_PORT
export WATCHER_RABBIT_STATE=$state/rabbit RABBIT_PORT RABBIT_DIST_PORT RABBIT_EPMD_PORT
export PROMETHEUS_STATE=$state/prometheus PROMETHEUS_PORT
export KEYSTONE_PORT KEYSTONE_VENV=$state/venv KEYSTONE_ADMIN_PASSWORD=admin
venv=${WATCHER_VENV:-}
if [ -z "$venv" ]; then
    for candidate in "$repo/.venv" "$(dirname "$(dirname "$(command -v watcher-api 2>/dev/null || echo /x/x)")")"; do
        [ -x "$candidate/bin/watcher-api" ] && { venv=$candidate; break; }
    done
fi
[ -n "$venv" ] || { echo "no venv with watcher installed: set WATCHER_VENV" >&2; exit 1; }
export WATCHER_VENV=$venv

log() { printf '[integration-run] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 2; }

# Scenario name -> test module under watcher/tests/integration.
scenario_module() {
    case "$1" in
        model|compute_model) echo test_compute_model ;;
        host_maintenance|maintenance) echo test_host_maintenance ;;
        consolidation|vm_workload_consolidation) echo test_consolidation ;;
        aodh|aodh_webhook) echo test_aodh_webhook ;;
        *) return 1 ;;
    esac
}
scenarios=${INTEGRATION_SCENARIOS:-model host_maintenance consolidation aodh tempest}
modules='' run_tempest='' parts="mariadb rabbit keystone standin placement nova"
for name in $scenarios; do
    if [ "$name" = tempest ]; then run_tempest=1; continue; fi
    module=$(scenario_module "$name") || die "unknown scenario '$name' in INTEGRATION_SCENARIOS \
(known: model host_maintenance consolidation aodh tempest)"
    modules="$modules${modules:+|}$module"
done
[ "${INTEG_TEMPEST:-1}" = 1 ] || run_tempest=''
case " $scenarios " in *" consolidation "*|*" vm_workload_consolidation "*|*" aodh"*)
    parts="$parts prometheus" ;; esac
case " $scenarios " in *" aodh "*|*" aodh_webhook "*) parts="$parts aodh" ;; esac
export INTEG_PARTS=${INTEG_PARTS:-$parts}
started_env='' started_watcher=''

cleanup() {
    [ "${INTEG_KEEP:-0}" = 1 ] && { log "INTEG_KEEP=1: leaving everything running"; return; }
    [ -n "$started_watcher" ] && "$repo/tools/run-local.sh" down || true
    [ -n "$started_env" ] && "$here/env.sh" down || true
}
trap cleanup EXIT

t0=$SECONDS
if "$here/env.sh" status >/dev/null 2>&1; then
    log "reusing the running integration environment"
else
    "$here/env.sh" up
    started_env=1
fi
if ! "$repo/tools/run-local.sh" status >/dev/null 2>&1; then
    "$repo/tools/run-local.sh" up
    started_watcher=1
fi
log "setup took $(( SECONDS - t0 )) s"

rc=0
cd "$repo"
if [ -n "$modules" ]; then
    t=$SECONDS
    # A filter given on the command line replaces the scenario list's.
    [ $# -gt 0 ] || set -- "watcher\.tests\.integration\.($modules)\."
    INTEGRATION_REQUIRED=1 "$venv/bin/python" -m stestr --test-path ./watcher/tests/integration \
        run --concurrency 1 "$@" || rc=$?
    log "scenarios took $(( SECONDS - t )) s"
fi
if [ -n "$run_tempest" ]; then
    t=$SECONDS
    WATCHER_STATE=$state "$repo/tools/tempest.sh" || rc=$?
    log "tempest took $(( SECONDS - t )) s"
fi
log "finished in $(( SECONDS - t0 )) s (rc=$rc)"
exit $rc
