"""Prometheus exporter whose series follow the real Nova inventory.

Every ``--interval`` seconds it reads the nova-compute services (through
Placement inventories for their size) and every server (host,
``instance_name``, flavor, state) from the real cloud with openstacksdk,
then serves them with the emulated cloud's exposition code
(``watcher.emulated_cloud.exposition``) and load model
(``metrics.LoadTracker``): stable pseudo-random per-server CPU load, a
``load.json`` override file, counters integrated over time so a live
migration moves a server's load to its new host. Credentials come from the
OS_* environment (admin-openrc).

    python exporter.py --port 39100 --load-file load.json
"""
import argparse
import http.server
import logging
import threading
import time
import types

import openstack

from watcher.emulated_cloud import exposition
from watcher.emulated_cloud import metrics
from watcher.emulated_cloud import model

LOG = logging.getLogger('integration-exporter')
POWER = {'ACTIVE': model.POWER_RUNNING, 'SHUTOFF': model.POWER_SHUTDOWN}


class NovaInventoryState:
    """The subset of the emulated cloud state LoadTracker reads."""

    def __init__(self):
        self.lock = threading.RLock()
        self.clock = time.time
        self.hosts = {}
        self.servers = {}
        self._before_change = []

    def add_before_change(self, callback):
        self._before_change.append(callback)

    def ordered_servers(self, uuids=None):
        chosen = self.servers if uuids is None else uuids
        return [self.servers[uuid] for uuid in sorted(chosen)
                if uuid in self.servers]

    def replace(self, hosts, servers):
        """Swap in a fresh inventory, integrating the old rates first."""
        with self.lock:
            for callback in self._before_change:
                callback(host_names=list(self.hosts),
                         server_uuids=list(self.servers))
            self.hosts, self.servers = hosts, servers
            for callback in self._before_change:  # new ones start now
                callback(host_names=list(hosts), server_uuids=list(servers))


def read_inventory(conn):
    """(hosts, servers) of the real cloud, as LoadTracker expects them."""
    hosts = {}
    for hypervisor in conn.compute.hypervisors(details=True):
        name = hypervisor.name
        service_host = (hypervisor.service_details or {}).get('host', name)
        size = {'VCPU': 0, 'MEMORY_MB': 0}
        for inventory in conn.placement.resource_provider_inventories(
                hypervisor.id):
            if inventory.resource_class in size:
                size[inventory.resource_class] = inventory.total
        hosts[service_host] = types.SimpleNamespace(
            name=service_host, vcpus=size['VCPU'] or 1,
            memory_mb=size['MEMORY_MB'], base_load=0.02, servers=[])
    servers = {}
    for server in conn.compute.servers(details=True, all_projects=True):
        host = server.compute_host
        if host not in hosts:
            continue
        flavor = server.flavor or {}
        servers[server.id] = types.SimpleNamespace(
            uuid=server.id, name=server.name, host=host,
            instance_name=server.instance_name,
            power_state=POWER.get(server.status, model.POWER_NOSTATE),
            vm_state=(server.vm_state or '').lower(),
            cpu_load=None, memory_load=None,
            flavor=types.SimpleNamespace(vcpus=flavor.get('vcpus', 1),
                                         ram=flavor.get('ram', 512)))
        hosts[host].servers.append(server.id)
    for host in hosts.values():
        host.servers.sort()
    return hosts, servers


class Exporter:
    def __init__(self, conn, load_file, interval):
        self.conn = conn
        self.interval = interval
        self.state = NovaInventoryState()
        self.tracker = metrics.LoadTracker(self.state, load_file=load_file)
        self.refresh()

    def refresh(self):
        hosts, servers = read_inventory(self.conn)
        self.state.replace(hosts, servers)

    def run_refresher(self):
        while True:
            time.sleep(self.interval)
            try:
                self.refresh()
            except Exception:  # keep serving the last inventory
                LOG.exception('could not read the Nova inventory')

    def page(self, path):
        self.tracker.reload_file()
        with self.state.lock:
            parts = path.strip('/').split('/')
            if parts == ['ceilometer']:
                return exposition.ceilometer_text(self.tracker)
            if len(parts) == 2 and parts[1] in self.state.hosts:
                host = self.state.hosts[parts[1]]
                if parts[0] == 'node':
                    return exposition.node_text(self.tracker, host)
                if parts[0] == 'libvirt':
                    return exposition.libvirt_text(self.tracker, host)
        return None


def serve(exporter, port):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = 'HTTP/1.1'

        def log_message(self, fmt, *args):
            pass

        def do_GET(self):
            text = exporter.page(self.path.split('?', 1)[0])
            body = (text or 'not found\n').encode()
            self.send_response(200 if text is not None else 404)
            self.send_header('Content-Type', exposition.CONTENT_TYPE)
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(('127.0.0.1', port), Handler)
    server.daemon_threads = True
    server.serve_forever()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--port', type=int, default=39100)
    parser.add_argument('--load-file')
    parser.add_argument('--interval', type=float, default=10.0)
    parser.add_argument('--scrape-config', metavar='PATH',
                        help='write prometheus.yml for the current hosts '
                             'and exit')
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    conn = openstack.connect(compute_api_version='2.96')
    if args.scrape_config:
        hosts, _servers = read_inventory(conn)
        with open(args.scrape_config, 'w') as handle:
            handle.write(exposition.scrape_config(
                '127.0.0.1:%d' % args.port, sorted(hosts)))
        return
    exporter = Exporter(conn, args.load_file, args.interval)
    threading.Thread(target=exporter.run_refresher, daemon=True).start()
    serve(exporter, args.port)


if __name__ == '__main__':
    main()
