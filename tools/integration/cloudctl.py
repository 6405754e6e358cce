"""One-process helpers for env.sh (each openstack CLI call costs ~2.5 s).

    python cloudctl.py ready --computes 3 [--timeout 120]
        wait until that many nova-computes are up, are hypervisors and
        have Placement inventories, then create the standard flavors.

Credentials come from the OS_* environment (admin-openrc).
"""
import argparse
import sys
import time

import openstack

FLAVORS = (('m1.small', 2, 2048, 10), ('m1.medium', 4, 4096, 20),
           ('m1.large', 8, 8192, 20))


def computes_ready(conn, wanted):
    services = [s for s in conn.compute.services(binary='nova-compute')
                if s.state == 'up']
    hypervisors = list(conn.compute.hypervisors())
    providers = [p for p in conn.placement.resource_providers()
                 if any(True for _ in
                        conn.placement.resource_provider_inventories(p))]
    print('up: %d services, %d hypervisors, %d providers with inventory'
          % (len(services), len(hypervisors), len(providers)), flush=True)
    return min(len(services), len(hypervisors), len(providers)) >= wanted


def ensure_flavors(conn):
    existing = {flavor.name for flavor in conn.compute.flavors()}
    for name, vcpus, ram, disk in FLAVORS:
        if name not in existing:
            conn.compute.create_flavor(name=name, vcpus=vcpus, ram=ram,
                                       disk=disk, is_public=True)


def ready(args):
    conn = openstack.connect(compute_api_version='2.96')
    deadline = time.monotonic() + args.timeout
    while True:
        try:
            if computes_ready(conn, args.computes):
                break
        except openstack.exceptions.SDKException as exc:
            print('not yet: %s' % exc, flush=True)
        if time.monotonic() > deadline:
            sys.exit('fewer than %d nova-computes ready after %d s'
                     % (args.computes, args.timeout))
        time.sleep(2)
    ensure_flavors(conn)
    print('ready')


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest='command', required=True)
    cmd = sub.add_parser('ready')
    cmd.add_argument('--computes', type=int, required=True)
    cmd.add_argument('--timeout', type=int, default=120)
    args = parser.parse_args()
    ready(args)


if __name__ == '__main__':
    main()
