"""Building the compute model from Nova and Placement in bulk.

One paginated ``os-hypervisors/detail?with_servers`` listing, one paginated
``servers/detail?all_tenants`` listing (large pages, flavors embedded since
compute microversion 2.47) and one Placement inventory read per hypervisor,
the latter run ``[watcher_decision_engine] max_general_workers`` at a time
together with the server listing. The whole collection must finish within
``[collector] compute_resources_collector_timeout`` seconds.

Bad data never breaks the model: a hypervisor or server that cannot be
read, a server on an unknown host or with an unknown flavor is logged and
left out. Ironic hypervisors (and their servers) are not part of it.
"""
import threading

import futurist
from futurist import waiters
from oslo_log import log

from watcher.common import exception
from watcher import conf
from watcher.decision_engine.model.collector import nova_api
from watcher.decision_engine.model.collector import retry
from watcher.decision_engine.model import model_root

CONF = conf.CONF
LOG = log.getLogger(__name__)

_LOGGED_EXAMPLES = 5


class NovaModelBuilder(object):
    """Builds one compute ModelRoot from an SDK connection."""

    def __init__(self, conn, max_workers=None, timeout=None):
        self.conn = conn
        self.max_workers = max_workers or \
            CONF.watcher_decision_engine.max_general_workers
        self.timeout = timeout or \
            CONF.collector.compute_resources_collector_timeout
        self._flavors = None

    def execute(self):
        hypervisors = nova_api.list_hypervisors(self.conn)
        compute, ironic_hosts = [], set()
        for hypervisor in hypervisors:
            if nova_api.is_ironic(hypervisor):
                ironic_hosts.add(nova_api.service_host(hypervisor))
            elif not hypervisor.get('id'):
                LOG.warning('Ignoring hypervisor %s without id',
                            hypervisor.get('hypervisor_hostname'))
            else:
                compute.append(hypervisor)
        compute.sort(key=lambda hypervisor: str(hypervisor['id']))
        servers, inventories = self._collect(compute)

        model = model_root.ModelRoot()
        placements = {}
        for hypervisor in compute:
            try:
                node = nova_api.build_compute_node(
                    hypervisor, inventories.get(hypervisor['id'], {}))
            except Exception as exc:
                LOG.warning('Ignoring hypervisor %s: %s', hypervisor['id'],
                            exc)
                continue
            model.add_node(node)
            for server in hypervisor.get('servers') or ():
                if isinstance(server, dict) and server.get('uuid'):
                    placements[server['uuid']] = node.uuid
        self._add_instances(model, servers, placements, ironic_hosts)
        model.drain_touched()
        return model

    @staticmethod
    def _abortable(aborted, func, *args):
        if aborted.is_set():
            raise exception.ClusterDataModelCollectionError(cdm='compute')
        with retry.abort_on(aborted):
            return func(*args)

    def _collect(self, hypervisors):
        """Servers and {hypervisor id: inventories}, read concurrently."""
        pool = futurist.ThreadPoolExecutor(max_workers=self.max_workers)
        aborted = threading.Event()
        try:
            servers_future = pool.submit(self._abortable, aborted,
                                         self._read_servers)
            inventory_futures = {
                hypervisor['id']: pool.submit(
                    self._abortable, aborted, nova_api.get_inventories,
                    self.conn, hypervisor['id'])
                for hypervisor in hypervisors}
            futures = [servers_future] + list(inventory_futures.values())
            _done, not_done = waiters.wait_for_all(futures,
                                                   timeout=self.timeout)
            if not_done:
                aborted.set()
                for future in not_done:
                    future.cancel()
                LOG.error('Collecting compute resources took more than %s '
                          's ([collector] compute_resources_collector_'
                          'timeout); %d request(s) unfinished',
                          self.timeout, len(not_done))
                raise exception.ClusterDataModelCollectionError(
                    cdm='compute')
        finally:
            pool.shutdown(wait=False)
        inventories = {}
        for uuid, future in inventory_futures.items():
            try:
                inventories[uuid] = future.result()
            except Exception as exc:
                LOG.warning('No Placement inventory for %s (using the '
                            'hypervisor totals): %s', uuid, exc)
        return servers_future.result(), inventories

    def _flavors_by_id(self):
        if self._flavors is None:
            self._flavors = {flavor.get('id'): flavor for flavor
                             in nova_api.list_flavors(self.conn)}
        return self._flavors

    def _read_servers(self):
        """(uuid, host, Instance) of every live server, page by page.

        Bodies are turned into records as each page arrives and then
        dropped: 20,000 raw server bodies would weigh far more than the
        model. A server that cannot be read is logged and skipped.
        """
        records = []

        def take(page):
            for server in page:
                uuid = server.get('id')
                if not uuid or \
                        server.get('OS-EXT-STS:vm_state') == 'deleted':
                    continue
                try:
                    flavors = None
                    if nova_api.needs_flavor_lookup(server):
                        flavors = self._flavors_by_id()
                    instance = nova_api.build_instance(server, flavors)
                except Exception as exc:
                    LOG.warning('Ignoring server %s: %s', uuid, exc)
                    continue
                records.append((uuid, server.get('OS-EXT-SRV-ATTR:host'),
                                instance))

        nova_api.list_servers(self.conn, on_page=take)
        return records

    def _add_instances(self, model, servers, placements, ironic_hosts):
        unknown_hosts = []
        servers.sort(key=lambda record: record[0])
        for uuid, host, instance in servers:
            node_uuid = placements.get(uuid)
            if node_uuid is None:
                if not host or host in ironic_hosts:
                    continue
                try:
                    node_uuid = model.get_node_by_name(host).uuid
                except exception.ComputeNodeNotFound:
                    unknown_hosts.append('%s@%s' % (uuid, host))
                    continue
            model.map_instance(instance, node_uuid)
        if unknown_hosts:
            LOG.warning('Ignoring %d server(s) on hosts Nova lists no '
                        'hypervisor for, e.g. %s', len(unknown_hosts),
                        ', '.join(unknown_hosts[:_LOGGED_EXAMPLES]))
