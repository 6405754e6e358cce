#!/usr/bin/env python3
"""Benchmark: an audit through the real services, POST to RECOMMENDED.

Not a test: it prints numbers. ``tools/run-local.sh up`` starts the whole
local suite (RabbitMQ, SQLite, the emulated cloud of ``--hosts`` hosts and
``--servers`` servers, a real Prometheus scraping it, watcher-api,
watcher-decision-engine, watcher-applier) on ports of its own, in a state
folder of its own. Once Prometheus has rates for every host and server,
each strategy's ONESHOT audit is created with ``POST /v1/audits`` and
timed until the audit is SUCCEEDED with its plan RECOMMENDED, as a user
sees it through the API. The decision engine builds its compute model
when it starts (``[collector] build_models_at_start``; the reference
builds it inside the first audit), keeps it in memory and
resynchronises it every ``period``; the build time is printed, and an
audit that had to wait for the build is marked "cold".
Printed per audit: the wall time, the decision engine's own split
(strategy with metrics; plan and store) from its log, the actions in the
plan, and the decision engine's peak RSS.

    python tools/bench/bench_audit.py [--hosts 1000] [--servers 20000]
        [--strategies vm_workload_consolidation,...] [--repeat 1] [--keep]

A strategy written ``name+flag`` (``vm_workload_consolidation+repack``) is
audited with that boolean parameter set.
"""
import argparse
import json
import os
import platform
import re
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
sys.path.insert(0, REPO)
GOALS = {
    'basic': 'server_consolidation',
    'vm_workload_consolidation': 'server_consolidation',
    'node_resource_consolidation': 'server_consolidation',
    'workload_stabilization': 'workload_balancing',
    'workload_balance': 'workload_balancing',
}
# Ports apart from the tests' and the quickstart's, so the benchmark can
# run beside them.
PORTS = {
    'WATCHER_API_PORT': '39422', 'WATCHER_CLOUD_PORT': '38280',
    'PROMETHEUS_PORT': '39290', 'RABBIT_PORT': '45672',
    'RABBIT_DIST_PORT': '45673', 'RABBIT_EPMD_PORT': '44369',
}
HEADERS = {'X-Roles': 'admin', 'X-User-Id': 'bench',
           'X-Project-Id': 'bench', 'Content-Type': 'application/json',
           'OpenStack-API-Version': 'infra-optim 1.7'}


def call(url, method='GET', body=None, timeout=30):
    request = urllib.request.Request(
        url, method=method, headers=HEADERS,
        data=json.dumps(body).encode() if body is not None else None)
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read() or b'null')


def wait(predicate, timeout, what, interval=0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    sys.exit('bench_audit: timed out after %d s waiting for %s'
             % (timeout, what))


def machine():
    model = ''
    try:
        with open('/proc/cpuinfo') as cpuinfo:
            model = next((line.split(':', 1)[1].strip() for line in cpuinfo
                          if line.startswith('model name')), '')
    except OSError:
        pass
    with open('/proc/meminfo') as meminfo:
        total_kb = int(meminfo.readline().split()[1])
    return '%s, %d cores (%s), %.0f GiB, Python %s, load %s' % (
        platform.machine(), os.cpu_count(), model or 'unknown CPU',
        total_kb / 2 ** 20, platform.python_version(),
        ' '.join('%.1f' % v for v in os.getloadavg()))


def peak_rss_mb(pid):
    with open('/proc/%d/status' % pid) as status:
        for line in status:
            if line.startswith('VmHWM:'):
                return int(line.split()[1]) / 1024.0
    return 0.0


class Suite:
    """The local suite of tools/run-local.sh in a state folder of its own."""

    def __init__(self, args):
        self.state = args.state
        os.makedirs(self.state, exist_ok=True)
        self.env = dict(os.environ, WATCHER_STATE=self.state,
                        WATCHER_CLOUD='emulated', WATCHER_DB='sqlite',
                        WATCHER_CLOUD_TOPOLOGY=self.topology(args), **PORTS)
        self.api = 'http://127.0.0.1:%s' % PORTS['WATCHER_API_PORT']

    def topology(self, args):
        """The emulated cloud's generated topology (hardware and flavor
        mix, servers spread as Nova's default weighers place them), as a
        file for run-local.sh."""
        from watcher.emulated_cloud import generator
        path = os.path.join(self.state, 'bench-topology-%dx%d-%d.json' % (
            args.hosts, args.servers, args.seed))
        if not os.path.exists(path):
            data = generator.generate(args.hosts, args.servers,
                                      seed=args.seed, ironic=False,
                                      storage=False)
            with open(path, 'w') as stream:
                json.dump(data, stream)
        return path

    def run_local(self, verb):
        subprocess.run([os.path.join(REPO, 'tools', 'run-local.sh'), verb],
                       env=self.env, check=True)

    def log(self, name):
        path = os.path.join(self.state, 'logs', '%s.log' % name)
        with open(path, errors='replace') as stream:
            return stream.read()

    def pid(self, name):
        with open(os.path.join(self.state, 'pids', '%s.pid' % name)) as f:
            return int(f.read())

    def model_build(self):
        match = re.search(r'compute cluster data model synchronized in '
                          r'([0-9.]+) s', self.log('decision_engine'), re.I)
        return float(match.group(1)) if match else None

    def wait_for_metrics(self, timeout):
        subprocess.run(
            [sys.executable, os.path.join(REPO, 'tools', 'quickstart',
                                          'wait_metrics.py'),
             'http://127.0.0.1:%s' % PORTS['PROMETHEUS_PORT'],
             'http://127.0.0.1:%s' % PORTS['WATCHER_CLOUD_PORT'],
             '--timeout', str(timeout)], check=True)

    def actions_of(self, plan_uuid):
        path = os.path.join(self.state, 'watcher.sqlite')
        with sqlite3.connect(path) as conn:
            return conn.execute(
                'SELECT count(*) FROM actions a JOIN action_plans p '
                'ON a.action_plan_id = p.id WHERE p.uuid = ?',
                (plan_uuid,)).fetchone()[0]

    def audit(self, strategy):
        """(wall seconds, audit, plan) of one ONESHOT audit."""
        # "name+flag" audits strategy "name" with boolean parameter "flag".
        name, __, flag = strategy.partition('+')
        body = {'goal': GOALS[name], 'strategy': name,
                'audit_type': 'ONESHOT'}
        if flag:
            body['parameters'] = {flag: True}
        started = time.monotonic()
        audit = call(self.api + '/v1/audits', 'POST', body)

        def done():
            current = call(self.api + '/v1/audits/' + audit['uuid'])
            return current if current['state'] in (
                'SUCCEEDED', 'FAILED', 'CANCELLED') else None
        final = wait(done, 600, 'audit %s' % audit['uuid'], interval=0.05)
        elapsed = time.monotonic() - started
        plans = call(self.api + '/v1/action_plans?audit_uuid=%s'
                     % audit['uuid'])['action_plans']
        return elapsed, final, plans[0] if plans else None

    def engine_split(self, audit_uuid):
        # The engine logs the split just after it sets the audit
        # SUCCEEDED: give the line a moment to reach the log.
        pattern = re.compile(r'Audit %s: strategy ([0-9.]+) s, plan and '
                             r'store ([0-9.]+) s' % audit_uuid)
        deadline = time.monotonic() + 3
        while True:
            match = pattern.search(self.log('decision_engine'))
            if match or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        return (float(match.group(1)), float(match.group(2))) \
            if match else (None, None)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--hosts', type=int, default=1000)
    parser.add_argument('--servers', type=int, default=20000)
    parser.add_argument('--strategies', default='vm_workload_consolidation')
    parser.add_argument('--seed', type=int, default=42)
    parser.add_argument('--repeat', type=int, default=2)
    parser.add_argument('--state', default='/tmp/watcher-bench-audit')
    parser.add_argument('--keep', action='store_true',
                        help='leave the suite running afterwards')
    args = parser.parse_args()
    strategies = [s for s in args.strategies.split(',') if s]
    unknown = {s.partition('+')[0] for s in strategies} - set(GOALS)
    if unknown:
        parser.error('unknown strategies: %s' % ', '.join(sorted(unknown)))

    print('machine: %s' % machine())
    suite = Suite(args)
    started = time.monotonic()
    suite.run_local('up')
    try:
        up = time.monotonic() - started
        suite.wait_for_metrics(900)
        print('cloud %d hosts / %d servers: suite up %.1f s, metrics ready '
              'after %.1f s' % (args.hosts, args.servers, up,
                                time.monotonic() - started))
        build = suite.model_build()
        print('compute model built at decision engine start in %s' % (
            '%.2f s' % build if build is not None else
            '- (still building: the first audit waits for it)'))
        print('%-28s %5s %8s %9s %9s %8s %7s %9s' % (
            'strategy', 'model', 'wall s', 'strat s', 'store s', 'actions',
            'state', 'DE RSS MB'))
        for strategy in strategies:
            for _ in range(args.repeat):
                cold = suite.model_build() is None
                elapsed, audit, plan = suite.audit(strategy)
                ran, stored = suite.engine_split(audit['uuid'])
                print('%-28s %5s %8.2f %9s %9s %8s %7s %9.0f' % (
                    strategy, 'cold' if cold else 'warm', elapsed,
                    '%.2f' % ran if ran is not None else '-',
                    '%.2f' % stored if stored is not None else '-',
                    suite.actions_of(plan['uuid']) if plan else '-',
                    audit['state'][:7],
                    peak_rss_mb(suite.pid('decision_engine'))))
                if audit['state'] != 'SUCCEEDED':
                    print('  status_message: %s' % audit.get('status_message'))
                if cold and suite.model_build() is not None:
                    print('  (cold: this audit waited for the compute '
                          'model, built in %.2f s)' % suite.model_build())
    finally:
        if not args.keep:
            suite.run_local('down')


if __name__ == '__main__':
    main()
