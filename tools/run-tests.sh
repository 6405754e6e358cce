#!/usr/bin/env bash
# Run the unit and functional test suites (README command 2).
#
# Creates (or reuses) a virtualenv, installs the project with its test
# requirements, installs the Debian packages the functional tests start
# (RabbitMQ, MariaDB, Prometheus) when missing and we are root, then runs
# stestr and prints one closing line "N passed, N failed, N skipped".
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
venv=${WATCHER_VENV:-$here/.venv}
py=${PYTHON:-python3}

log() { printf '[run-tests] %s\n' "$*"; }

if [ ! -x "$venv/bin/python" ]; then
    log "creating virtualenv $venv"
    "$py" -m venv "$venv"
fi
if [ -z "${WATCHER_SKIP_INSTALL:-}" ]; then
    log "installing python requirements"
    "$venv/bin/pip" install -q -U pip >/dev/null
    "$venv/bin/pip" install -q -r requirements.txt -r test-requirements.txt
    "$venv/bin/pip" install -q --no-deps -e .
fi

need_deb=()
command -v rabbitmq-server >/dev/null 2>&1 || [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || need_deb+=(rabbitmq-server)
command -v mariadbd >/dev/null 2>&1 || need_deb+=(mariadb-server)
command -v prometheus >/dev/null 2>&1 || need_deb+=(prometheus)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need_deb+=(postgresql)
if [ ${#need_deb[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        log "installing Debian packages: ${need_deb[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get -o DPkg::Lock::Timeout=900 update -qq
        apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${need_deb[@]}" >/dev/null
    else
        log "missing Debian packages (${need_deb[*]}): functional tests that need them will skip (fail when CI=true)"
    fi
fi

export PATH="$venv/bin:$PATH"
status=0
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
rm -rf .stestr
log "unit tests"
"$venv/bin/stestr" run --concurrency "${WATCHER_TEST_CONCURRENCY:-2}" watcher.tests.unit 2>&1 | tee "$out/unit.log" || true
grep -qE '^ - Failed: 0$' "$out/unit.log" && grep -qE '^ - Passed: [1-9]' "$out/unit.log" || status=1
log "functional tests"
"$venv/bin/stestr" run --concurrency 1 watcher.tests.functional 2>&1 | tee "$out/functional.log" || true
grep -qE '^ - Failed: 0$' "$out/functional.log" || status=1

# The real-OpenStack integration run (tools/integration/run.sh: Keystone,
# Placement, Nova with the fake driver, MariaDB, RabbitMQ, Prometheus, Aodh
# and the watcher-tempest-plugin tests), after the other suites and never
# beside them (about 3 GB of RAM, 8-15 minutes with a cold install from
# PyPI). On by default under CI=true; WATCHER_INTEGRATION=1 runs it locally,
# WATCHER_INTEGRATION=0 skips it.
integration=${WATCHER_INTEGRATION:-}
if [ -z "$integration" ]; then
    case "${CI:-}" in true|1|yes) integration=1 ;; *) integration=0 ;; esac
fi
if [ "$integration" = 1 ]; then
    log "integration tests on real OpenStack services"
    WATCHER_VENV=$venv timeout "${WATCHER_INTEGRATION_TIMEOUT:-2400}" \
        bash tools/integration/run.sh 2>&1 | tee "$out/integration.log" || true
    grep -qE '^\[integration-run\] finished in [0-9]+ s \(rc=0\)$' "$out/integration.log" || status=1
fi

count() { awk -v k="$1" '$0 ~ "^ - "k": " {s += $3} END {print s+0}' "$out"/*.log; }
passed=$(count Passed); failed=$(count Failed); skipped=$(count Skipped)
[ "$failed" = 0 ] || status=1
echo
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit $status
