#!/usr/bin/env bash
# Quickstart (README command 1): on a fresh Debian machine, install what is
# missing, start the whole local suite on the emulated cloud and run a real
# server-consolidation audit end to end through the "openstack optimize"
# CLI: create the audit, show the recommended plan, apply it, and show the
# cloud before and after (table and PNG chart). The suite stays up.
#
#   tools/quickstart.sh          run it (tools/run-local.sh down stops all)
#
# Environment (all optional):
#   QUICKSTART_STRATEGY   vm_workload_consolidation (default), basic,
#                         node_resource_consolidation, host_maintenance or
#                         dummy
#   WATCHER_VENV          virtualenv to use/create (default <repo>/.venv)
#   QUICKSTART_SKIP_INSTALL=1  use WATCHER_VENV as it is (no pip)
#   and the ports/folders of tools/run-local.sh: WATCHER_STATE,
#   WATCHER_API_PORT, WATCHER_CLOUD_PORT, PROMETHEUS_PORT, RABBIT_PORT...
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
state=${WATCHER_STATE:-$repo/.local-suite}
venv=${WATCHER_VENV:-$repo/.venv}
export WATCHER_STATE=$state WATCHER_VENV=$venv
api_port=${WATCHER_API_PORT:-9322}
cloud_port=${WATCHER_CLOUD_PORT:-38080}
prom_port=${PROMETHEUS_PORT:-39090}
strategy=${QUICKSTART_STRATEGY:-vm_workload_consolidation}
endpoint=http://127.0.0.1:$api_port
cloud_url=http://127.0.0.1:$cloud_port
out=$state/quickstart
run_local=$repo/tools/run-local.sh
helpers=$repo/tools/quickstart
started_at=$SECONDS
suite_started=
finished=

say() { printf '%s\n' "$*"; }
step() { printf '\n==> [%3ds] %s\n' "$((SECONDS - started_at))" "$*"; }
die() { printf '\nquickstart: ERROR: %s\n' "$*" >&2; exit 1; }

case "$strategy" in
    vm_workload_consolidation|basic|node_resource_consolidation)
        goal=server_consolidation; audit_params=() ;;
    host_maintenance)
        goal=cluster_maintaining; audit_params=(-p maintenance_node=compute-1) ;;
    dummy) goal=dummy; audit_params=() ;;
    *) die "QUICKSTART_STRATEGY must be vm_workload_consolidation, basic, \
node_resource_consolidation, host_maintenance or dummy (got '$strategy')" ;;
esac
if [ "${WATCHER_CLOUD:-emulated}" != emulated ]; then
    die "the quickstart runs on the emulated cloud; unset WATCHER_CLOUD \
(tools/run-local.sh up takes WATCHER_CLOUD=${WATCHER_CLOUD})"
fi

# How the user calls run-local.sh from where they are.
run_local_cmd=tools/run-local.sh
[ "$PWD" = "$repo" ] || run_local_cmd=$repo/tools/run-local.sh

# What a user types to reach this suite (the non-default settings first).
env_prefix() {
    local name prefix=''
    for name in WATCHER_STATE WATCHER_API_PORT WATCHER_CLOUD_PORT PROMETHEUS_PORT \
            RABBIT_PORT RABBIT_DIST_PORT RABBIT_EPMD_PORT WATCHER_RABBIT_STATE; do
        if [ -n "${!name:-}" ] && { [ "$name" != WATCHER_STATE ] \
                || [ "$state" != "$repo/.local-suite" ]; }; then
            prefix+="$name=${!name} "
        fi
    done
    printf '%s' "$prefix"
}

# -- refuse to run twice ------------------------------------------------------

mkdir -p "$state"
exec 9>"$state/quickstart.lock"
flock -n 9 || die "another tools/quickstart.sh is running (state $state)"
if "$run_local" status >/dev/null 2>&1; then
    die "the local suite is already running (state $state); nothing was changed.
  Use it:      export OS_AUTH_TYPE=none OS_ENDPOINT=$endpoint
               $venv/bin/openstack optimize audit list
  Start over:  $(env_prefix)$run_local_cmd down && $(env_prefix)$0"
fi
rm -rf "$out"
mkdir -p "$out"
# A fresh cloud needs a fresh history: plans of an earlier run would name
# servers and hosts as they were then.
if [ "${WATCHER_DB:-sqlite}" = sqlite ] && [ -f "$state/watcher.sqlite" ]; then
    say "starting from an empty database (removing $state/watcher.sqlite of an earlier run)"
    rm -f "$state/watcher.sqlite"
fi

# -- install what is missing --------------------------------------------------

step "Checking Debian packages and the Python environment"
need_deb=()
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || need_deb+=(rabbitmq-server)
command -v prometheus >/dev/null 2>&1 || need_deb+=(prometheus)
command -v curl >/dev/null 2>&1 || need_deb+=(curl)
command -v python3 >/dev/null 2>&1 || need_deb+=(python3)
if [ ! -x "$venv/bin/python" ] && ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
    need_deb+=(python3-venv)
fi
if [ ${#need_deb[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        die "missing Debian packages: ${need_deb[*]}
  Install them first (as root: apt-get install ${need_deb[*]}) or run this script as root."
    fi
    say "installing ${need_deb[*]} with apt-get (log: $out/apt.log)"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get -o DPkg::Lock::Timeout=900 update -q \
        && apt-get -o DPkg::Lock::Timeout=900 install -y -q --no-install-recommends \
            "${need_deb[@]}"; } >"$out/apt.log" 2>&1 \
        || die "apt-get install ${need_deb[*]} failed: $(tail -n 3 "$out/apt.log" | tr '\n' ' ')
  (full log: $out/apt.log); nothing was started"
fi
python3 -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
    || die "Python 3.10 or newer is needed (python3 is $(python3 -V 2>&1))"

if [ -z "${QUICKSTART_SKIP_INSTALL:-}" ]; then
    wanted=$(cat "$repo/requirements.txt" "$helpers/requirements.txt" "$repo/setup.cfg" \
        | sha1sum | cut -d' ' -f1)
    if [ ! -x "$venv/bin/python" ]; then
        say "creating the virtualenv $venv"
        python3 -m venv "$venv" >"$out/venv.log" 2>&1 \
            || die "python3 -m venv $venv failed, see $out/venv.log"
    fi
    if [ "$(cat "$venv/.quickstart-installed" 2>/dev/null)" != "$wanted" ]; then
        say "installing Watcher, python-openstackclient, python-watcherclient and \
matplotlib into $venv (log: $out/pip.log)"
        { "$venv/bin/pip" install -q -U pip \
            && "$venv/bin/pip" install -q -r "$repo/requirements.txt" \
                -r "$helpers/requirements.txt" \
            && "$venv/bin/pip" install -q --no-deps -e "$repo"; } >"$out/pip.log" 2>&1 \
            || die "pip install failed: $(tail -n 3 "$out/pip.log" | tr '\n' ' ')
  (full log: $out/pip.log); nothing was started"
        echo "$wanted" >"$venv/.quickstart-installed"
    else
        say "the virtualenv $venv is up to date"
    fi
fi
[ -x "$venv/bin/openstack" ] \
    || die "$venv/bin/openstack not found: install python-openstackclient and \
python-watcherclient there (or unset QUICKSTART_SKIP_INSTALL)"
py=$venv/bin/python
install_done=$SECONDS

# -- start the suite ------------------------------------------------------------

step "Starting the local suite: RabbitMQ, emulated cloud + Prometheus, SQLite, \
watcher-api, watcher-decision-engine, watcher-applier"
# 9>&-: the services must not inherit (and hold) the quickstart lock.
WATCHER_CLOUD=emulated "$run_local" up 9>&- \
    || die "the local suite did not start (see the message above); nothing is left running"
suite_started=1
on_exit() {
    if [ -n "$suite_started" ] && [ -z "$finished" ]; then
        say "quickstart failed: stopping the local suite (logs stay in $state/logs)" >&2
        "$run_local" down >/dev/null 2>&1 || true
    fi
}
trap on_exit EXIT
suite_done=$SECONDS

step "Waiting until Prometheus has CPU rates for every host and server"
"$py" "$helpers/wait_metrics.py" "http://127.0.0.1:$prom_port" "$cloud_url" --timeout 120 \
    || die "Prometheus did not collect the metrics in time"
"$py" "$helpers/cloud_snapshot.py" "$cloud_url" >"$out/before.json" \
    || die "cannot read the emulated cloud"
"$py" - "$out/before.json" <<'PY'
import json, sys
snap = json.load(open(sys.argv[1]))
hosts = snap['hosts']
print('The cloud: %d servers on %d hosts; CPU busy per host: %s' % (
    len(snap['servers']), sum(1 for h in hosts.values() if h['servers']),
    ', '.join('%s %.0f%%' % (n, h['cpu_utilisation']) for n, h in hosts.items())))
PY

# -- the audit, through the real CLI ----------------------------------------------

osc() {
    env -u OS_CLOUD -u OS_AUTH_URL -u OS_USERNAME -u OS_PASSWORD -u OS_TOKEN \
        -u OS_PROJECT_NAME -u OS_PROJECT_ID -u OS_USER_DOMAIN_NAME \
        -u OS_PROJECT_DOMAIN_NAME -u OS_REGION_NAME \
        OS_AUTH_TYPE=none OS_ENDPOINT="$endpoint" "$venv/bin/openstack" "$@"
}
shown() { say "\$ openstack $*"; }

# progress NAME STATE DETAIL: one updating line on a terminal, else a line
# per change.
last_progress=
progress() {
    local text="  $1: $2 ${3:-}"
    if [ -t 1 ]; then
        printf '\r%-78s' "$text"
    elif [ "$text" != "$last_progress" ]; then
        say "$text"
    fi
    last_progress=$text
}
progress_end() { if [ -t 1 ]; then printf '\n'; fi; }

step "Creating a $goal audit with strategy $strategy"
shown optimize audit create -g "$goal" -s "$strategy" "${audit_params[@]}"
audit=$(osc optimize audit create -g "$goal" -s "$strategy" "${audit_params[@]}" \
    -f value -c UUID) || die "openstack optimize audit create failed"
say "audit $audit created"
audit_start=$SECONDS
while :; do
    audit_state=$(osc optimize audit show "$audit" -f value -c State) \
        || die "openstack optimize audit show failed"
    progress "audit" "$audit_state" "($((SECONDS - audit_start)) s)"
    case "$audit_state" in SUCCEEDED|FAILED|CANCELLED|SUSPENDED|DELETED) break ;; esac
    [ $((SECONDS - audit_start)) -lt 300 ] || { progress_end; die "the audit did not finish within 300 s"; }
    sleep 1
done
progress_end
if [ "$audit_state" != SUCCEEDED ]; then
    die "the audit ended $audit_state: $(osc optimize audit show "$audit" -f value -c 'Status Message')"
fi
audit_done=$SECONDS

plan=$(osc optimize actionplan list --audit "$audit" -f value -c UUID | head -n 1)
[ -n "$plan" ] || die "the audit produced no action plan"
step "The recommended action plan"
shown optimize actionplan show "$plan"
shown optimize action list --action-plan "$plan" --detail
osc optimize actionplan show "$plan" -f json >"$out/plan.json"
osc optimize action list --action-plan "$plan" --detail -f json >"$out/actions.json"
"$py" "$helpers/tables.py" plan "$out/plan.json" "$out/actions.json"
total=$("$py" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$out/actions.json")

if [ "$total" = 0 ]; then
    say "The cloud is already optimal for this goal: the plan has no action."
    plan_state=SUCCEEDED
else
    step "Applying the plan"
    shown optimize actionplan start "$plan"
    osc optimize actionplan start "$plan" -f value -c State >/dev/null \
        || die "openstack optimize actionplan start failed"
    apply_start=$SECONDS
    while :; do
        plan_state=$(osc optimize actionplan show "$plan" -f value -c State) \
            || die "openstack optimize actionplan show failed"
        done_count=$(osc optimize action list --action-plan "$plan" -f value -c State \
            | grep -cxE 'SUCCEEDED|FAILED|SKIPPED|CANCELLED' || true)
        progress "action plan" "$plan_state" \
            "- $done_count/$total actions done ($((SECONDS - apply_start)) s)"
        case "$plan_state" in SUCCEEDED|FAILED|CANCELLED|SUPERSEDED|DELETED) break ;; esac
        [ $((SECONDS - apply_start)) -lt 900 ] || { progress_end; die "the plan did not finish within 900 s"; }
        sleep 1
    done
    progress_end
    osc optimize action list --action-plan "$plan" --detail -f json >"$out/actions.json"
    if [ "$plan_state" != SUCCEEDED ]; then
        "$py" "$helpers/tables.py" plan "$out/plan.json" "$out/actions.json" >&2 || true
        die "the action plan ended $plan_state: \
$(osc optimize actionplan show "$plan" -f value -c 'Status Message')"
    fi
fi
apply_done=$SECONDS

# -- before and after -------------------------------------------------------------

step "The cloud before and after"
"$py" "$helpers/cloud_snapshot.py" "$cloud_url" >"$out/after.json" \
    || die "cannot read the emulated cloud"
"$py" "$helpers/tables.py" cloud "$out/before.json" "$out/after.json"
chart=$out/utilisation.png
"$py" "$helpers/chart.py" "$out/before.json" "$out/after.json" "$chart" \
    --title "$goal audit, strategy $strategy: per-host utilisation" \
    || die "cannot draw the chart"
say "Chart of per-host utilisation before/after: $chart"

finished=1
step "Done in $((SECONDS - started_at)) s (install $((install_done - started_at)) s, \
start $((suite_done - install_done)) s, audit $((audit_done - suite_done)) s, \
apply $((apply_done - audit_done)) s)"
cat <<EOF
The suite is still running. Try more commands:

    export OS_AUTH_TYPE=none OS_ENDPOINT=$endpoint
    export PATH=$venv/bin:\$PATH
    openstack optimize audit list
    openstack optimize actionplan show $plan

Logs and configuration: $state (watcher.conf, logs/)
Stop everything:        $(env_prefix)$run_local_cmd down
EOF
