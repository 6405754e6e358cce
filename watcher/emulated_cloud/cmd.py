"""``watcher-emulated-cloud``: serve an emulated OpenStack on one port.

    watcher-emulated-cloud --topology cloud.yaml --port 38080
    watcher-emulated-cloud --hosts 1000 --servers 20000 --seed 42 \\
        --transport-url rabbit://guest:guest@127.0.0.1:35672/ \\
        --write-prometheus-config /tmp/prometheus.yml

It prints the endpoints and a watcher.conf snippet, then serves until
SIGINT/SIGTERM.
"""
import argparse
import json
import logging
import signal
import sys
import threading

import yaml

from watcher.emulated_cloud import exposition
from watcher.emulated_cloud import generator
from watcher.emulated_cloud import topology as topology_mod

LOG = logging.getLogger('watcher.emulated_cloud')


def build_parser():
    parser = argparse.ArgumentParser(
        prog='watcher-emulated-cloud',
        description='Serve emulated Keystone, Nova, Placement, Cinder and '
                    'Ironic APIs plus a synthetic Prometheus exporter.')
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument('--topology', metavar='FILE',
                        help='YAML or JSON topology file.')
    source.add_argument('--hosts', type=int, metavar='N',
                        help='Generate a cloud with N compute hosts.')
    parser.add_argument('--servers', type=int, default=0, metavar='M',
                        help='Servers of the generated cloud.')
    parser.add_argument('--seed', type=int, default=0, metavar='S',
                        help='Seed of the generator (same seed, same '
                             'cloud).')
    parser.add_argument('--no-storage', action='store_true',
                        help='Generate no Cinder backends or volumes.')
    parser.add_argument('--no-ironic', action='store_true',
                        help='Generate no Ironic nodes.')
    parser.add_argument('--bind', default='127.0.0.1', metavar='ADDRESS',
                        help='Address to listen on (default 127.0.0.1).')
    parser.add_argument('--port', type=int, default=0, metavar='P',
                        help='Port to listen on (default: any free port).')
    parser.add_argument('--transport-url', metavar='URL',
                        help='oslo.messaging URL to publish Nova versioned '
                             'notifications to (none without it).')
    parser.add_argument('--load-file', metavar='FILE',
                        help='JSON load overrides, re-read when changed: '
                             '{"<server uuid|name>": 0..1, '
                             '"host:<host>": 0..1}.')
    parser.add_argument('--action-delay', type=float, metavar='SECONDS',
                        help='Seconds a migration, resize or power action '
                             'takes (default 0: done within the call).')
    parser.add_argument('--catalog-endpoint', action='append', default=[],
                        metavar='TYPE=URL',
                        help='Extra catalog entry, e.g. '
                             'infra-optim=http://127.0.0.1:9322 '
                             '(repeatable).')
    parser.add_argument('--write-prometheus-config', metavar='FILE',
                        help='Write a prometheus.yml scraping this '
                             'exporter, one target per host.')
    parser.add_argument('--scrape-interval', default='5s',
                        help='Scrape interval of the written config.')
    parser.add_argument('--write-watcher-conf', metavar='FILE',
                        help='Also write the watcher.conf snippet to FILE.')
    parser.add_argument('--dump-topology', metavar='FILE',
                        help='Write the (generated) topology to FILE.')
    parser.add_argument('--debug', action='store_true',
                        help='Log every request at debug level.')
    return parser


def _extra_endpoints(items):
    result = {}
    for item in items:
        kind, sep, url = item.partition('=')
        if not sep or not kind or not url:
            raise ValueError('--catalog-endpoint expects TYPE=URL, got %r'
                             % item)
        result[kind] = url
    return result


def _topology(args):
    if args.topology:
        return topology_mod.load(args.topology)
    return generator.generate(args.hosts, args.servers, seed=args.seed,
                              ironic=not args.no_ironic,
                              storage=not args.no_storage)


def _write(path, text):
    with open(path, 'w', encoding='utf-8') as stream:
        stream.write(text)


def main(argv=None, stop_event=None, out=None):
    """Run the console script; ``stop_event`` lets tests end it."""
    out = out or sys.stdout
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.INFO,
                        format='%(asctime)s %(levelname)s %(name)s '
                               '%(message)s')
    # Handlers first: a SIGTERM that comes while the cloud starts (or
    # just after the banner) ends it cleanly once it is up, instead of
    # killing it by the default action.
    stop_event = stop_event or threading.Event()

    def _stop(signum, frame):
        stop_event.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
    from watcher.emulated_cloud.cloud import EmulatedCloud
    try:
        data = _topology(args)
        cloud = EmulatedCloud(
            data, host=args.bind, port=args.port,
            transport_url=args.transport_url, load_file=args.load_file,
            extra_endpoints=_extra_endpoints(args.catalog_endpoint),
            action_delay=args.action_delay)
        if args.dump_topology:
            text = (json.dumps(data, indent=1)
                    if args.dump_topology.endswith('.json')
                    else yaml.safe_dump(data, sort_keys=False))
            _write(args.dump_topology, text)
        endpoints = cloud.start()
    except (ValueError, OSError) as exc:
        print('watcher-emulated-cloud: error: %s' % exc, file=sys.stderr)
        return 2
    exporter = endpoints.base.split('://', 1)[1]
    if args.write_prometheus_config:
        _write(args.write_prometheus_config, exposition.scrape_config(
            exporter, list(cloud.state.hosts), args.scrape_interval))
    conf = cloud.watcher_conf()
    if args.write_watcher_conf:
        _write(args.write_watcher_conf, conf)
    state = cloud.state
    print('Emulated cloud: %d hosts, %d servers, %d volumes, %d ironic '
          'nodes' % (len(state.hosts), len(state.servers),
                     len(state.volumes), len(state.ironic_nodes)), file=out)
    for name in ('identity', 'compute', 'placement', 'block_storage',
                 'baremetal', 'exporter', 'admin'):
        print('  %-14s %s' % (name, getattr(endpoints, name)), file=out)
    print('  credentials    admin/%s (project admin), watcher/%s (project '
          'service)' % (state.identity['users'].get('admin', {}).get(
              'password'), state.identity['users'].get('watcher', {}).get(
              'password')), file=out)
    print('\n# watcher.conf\n' + conf, file=out)
    out.flush()
    stop_event.wait()
    cloud.stop()
    return 0


if __name__ == '__main__':
    sys.exit(main())
