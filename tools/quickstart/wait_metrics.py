#!/usr/bin/env python3
"""Wait until Prometheus can compute rates for every host and server.

A consolidation audit reads CPU rates; Prometheus has one only after two
scrapes of a target. Exits 0 once every host of the emulated cloud and
every running server has a rate, 1 with a message after the timeout.

    wait_metrics.py PROMETHEUS_URL CLOUD_URL [--timeout 120]
"""
import argparse
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

HOST_RATES = 'count(rate(node_cpu_seconds_total{mode="idle",cpu="0"}[1m]))'
SERVER_RATES = 'count(rate(ceilometer_cpu[1m]))'


def get_json(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read().decode('utf-8'))


def count(prometheus, query):
    """The value of a count() query, 0 while there is no data."""
    body = get_json('%s/api/v1/query?%s' % (
        prometheus.rstrip('/'), urllib.parse.urlencode({'query': query})))
    result = body.get('data', {}).get('result') or []
    return int(float(result[0]['value'][1])) if result else 0


def expected(cloud):
    state = get_json(cloud.rstrip('/') + '/admin/state')
    running = sum(1 for s in state['servers'].values()
                  if s['status'] == 'ACTIVE')
    return len(state['hosts']), running


def wait(prometheus, cloud, timeout):
    hosts, servers = expected(cloud)
    deadline = time.monotonic() + timeout
    seen = (0, 0)
    while time.monotonic() < deadline:
        try:
            seen = (count(prometheus, HOST_RATES),
                    count(prometheus, SERVER_RATES))
        except (OSError, urllib.error.URLError, ValueError):
            seen = (0, 0)
        if seen[0] >= hosts and seen[1] >= servers:
            return True, (hosts, servers), seen
        time.sleep(1)
    return False, (hosts, servers), seen


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('prometheus_url')
    parser.add_argument('cloud_url')
    parser.add_argument('--timeout', type=float, default=120)
    args = parser.parse_args(argv)
    try:
        ok, want, seen = wait(args.prometheus_url, args.cloud_url,
                              args.timeout)
    except (OSError, urllib.error.URLError, ValueError, KeyError) as exc:
        print('wait_metrics: cannot read the emulated cloud at %s: %s'
              % (args.cloud_url, exc), file=sys.stderr)
        return 1
    if not ok:
        print('wait_metrics: after %.0f s Prometheus has CPU rates for %d/%d '
              'hosts and %d/%d servers' % (args.timeout, seen[0], want[0],
                                           seen[1], want[1]),
              file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
