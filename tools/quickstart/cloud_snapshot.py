#!/usr/bin/env python3
"""Record what the emulated cloud looks like right now, as JSON.

The quickstart takes one snapshot before and one after applying the action
plan, then prints and charts them. Placement (which server runs where, the
service status) comes from the emulator's admin API; the load comes from
the same exporter Prometheus scrapes: CPU utilisation is measured from two
readings of ``node_cpu_seconds_total`` one interval apart, so it reflects
the servers a host runs at that moment.

    cloud_snapshot.py http://127.0.0.1:38080 > before.json
"""
import argparse
import datetime
import json
import sys
import time
import urllib.error
import urllib.request


def fetch(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode('utf-8')


def parse_node_metrics(text):
    """(busy cpu seconds, total cpu seconds, cpu count, MemTotal bytes)."""
    busy = total = mem_total = 0.0
    cpus = set()
    for line in text.splitlines():
        if not line or line.startswith('#'):
            continue
        name_labels, _, value = line.rpartition(' ')
        if name_labels.startswith('node_cpu_seconds_total{'):
            labels = dict(part.split('=', 1) for part in
                          name_labels[len('node_cpu_seconds_total{'):-1]
                          .split(','))
            cpus.add(labels['cpu'].strip('"'))
            seconds = float(value)
            total += seconds
            if labels['mode'].strip('"') != 'idle':
                busy += seconds
        elif name_labels == 'node_memory_MemTotal_bytes':
            mem_total = float(value)
    return busy, total, len(cpus), mem_total


def cpu_utilisation(first, second):
    """Percent of CPU time spent busy between two readings."""
    elapsed = second[1] - first[1]
    if elapsed <= 0:
        return 0.0
    return round(100.0 * (second[0] - first[0]) / elapsed, 1)


def take(cloud_url, interval=1.0):
    """A snapshot dict: per host placement, allocation and load."""
    base = cloud_url.rstrip('/')
    state = json.loads(fetch(base + '/admin/state'))
    names = sorted(state['hosts'], key=_host_order)
    first = {name: parse_node_metrics(fetch('%s/node/%s' % (base, name)))
             for name in names}
    time.sleep(interval)
    second = {name: parse_node_metrics(fetch('%s/node/%s' % (base, name)))
              for name in names}
    servers = state['servers']
    hosts = {}
    for name in names:
        host = state['hosts'][name]
        _, _, cpus, mem_total = second[name]
        ram_mb = mem_total / (1024 * 1024)
        used = host.get('used') or {}
        hosts[name] = {
            'status': host['status'],
            'state': host['state'],
            'servers': sorted(servers[uuid]['name'] for uuid in
                              host['servers'] if uuid in servers),
            'cpus': cpus,
            'vcpus_used': used.get('VCPU', 0),
            'ram_mb': int(ram_mb),
            'ram_used_mb': used.get('MEMORY_MB', 0),
            'ram_allocated': round(100.0 * used.get('MEMORY_MB', 0) / ram_mb,
                                   1) if ram_mb else 0.0,
            'cpu_utilisation': cpu_utilisation(first[name], second[name]),
        }
    return {
        'taken_at': datetime.datetime.now(datetime.timezone.utc)
        .strftime('%Y-%m-%dT%H:%M:%SZ'),
        'hosts': hosts,
        'servers': {uuid: {'name': server['name'], 'host': server['host']}
                    for uuid, server in sorted(servers.items())},
    }


def _host_order(name):
    """compute-2 before compute-10."""
    prefix = name.rstrip('0123456789')
    suffix = name[len(prefix):]
    return prefix, int(suffix) if suffix else -1, name


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('cloud_url', help='emulated cloud base URL')
    parser.add_argument('--interval', type=float, default=1.0,
                        help='seconds between the two CPU readings')
    args = parser.parse_args(argv)
    try:
        snapshot = take(args.cloud_url, args.interval)
    except (OSError, urllib.error.URLError, ValueError, KeyError) as exc:
        print('cloud_snapshot: cannot read the emulated cloud at %s: %s'
              % (args.cloud_url, exc), file=sys.stderr)
        return 1
    json.dump(snapshot, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
