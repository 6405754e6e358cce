#!/usr/bin/env python3
"""Write the quickstart's emulated-cloud topology (YAML).

A small cloud where consolidation has visible work to do: servers spread
evenly over every host (as a "spread" scheduler would place them) with
uneven CPU loads, so most hosts are lightly used. Deterministic: the same
arguments always give the same file.

    topology.py --hosts 8 --servers 40 --seed 7 > cloud.yaml
"""
import argparse
import random
import sys

import yaml

FLAVORS = [
    {'id': '1', 'name': 'm1.small', 'vcpus': 1, 'ram': 2048, 'disk': 20},
    {'id': '2', 'name': 'm1.medium', 'vcpus': 2, 'ram': 4096, 'disk': 40},
    {'id': '3', 'name': 'm1.large', 'vcpus': 4, 'ram': 8192, 'disk': 80},
]
# Relative frequency of each flavor above.
FLAVOR_WEIGHTS = [3, 2, 1]


def host_profile(index, count):
    """(low, high) CPU utilisation of the servers of host ``index``.

    A quarter of the hosts are busy, the rest nearly idle: the uneven
    picture a consolidation audit is meant to fix.
    """
    if index < max(1, count // 4):
        return 0.5, 0.9
    return 0.05, 0.25


def build(hosts, servers, seed):
    if hosts < 1 or servers < 0:
        raise ValueError('need at least one host and no negative servers')
    rng = random.Random(seed)
    host_entries = [{'name': 'compute-%d' % (i + 1), 'vcpus': 16,
                     'memory_mb': 65536, 'disk_gb': 1000,
                     'memory_mb_reserved': 512,
                     'cpu_allocation_ratio': 4.0, 'base_load': 0.02}
                    for i in range(hosts)]
    server_entries = []
    for i in range(servers):
        host_index = i % hosts  # spread: round robin over the hosts
        flavor = rng.choices(FLAVORS, weights=FLAVOR_WEIGHTS)[0]
        low, high = host_profile(host_index, hosts)
        server_entries.append({
            'name': 'vm-%02d' % (i + 1),
            'flavor': flavor['name'],
            'host': host_entries[host_index]['name'],
            'project_id': 'demo',
            'cpu_load': round(rng.uniform(low, high), 2),
            'memory_load': round(rng.uniform(0.3, 0.8), 2),
        })
    return {'region': 'RegionOne', 'hosts': host_entries,
            'flavors': FLAVORS, 'servers': server_entries}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--hosts', type=int, default=8)
    parser.add_argument('--servers', type=int, default=40)
    parser.add_argument('--seed', type=int, default=7)
    args = parser.parse_args(argv)
    try:
        data = build(args.hosts, args.servers, args.seed)
    except ValueError as exc:
        parser.error(str(exc))
    yaml.safe_dump(data, sys.stdout, sort_keys=False,
                   default_flow_style=None, width=120)
    return 0


if __name__ == '__main__':
    sys.exit(main())
