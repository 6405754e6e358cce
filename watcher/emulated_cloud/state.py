"""In-memory state of the emulated cloud, with its indexes and lock.

One :class:`CloudState` holds every record; all API handlers read and write
it under ``state.lock`` (a re-entrant lock), so the emulators are thread-safe
behind a threaded WSGI server. Servers are indexed by uuid and by host, and
the Nova listing order (newest first) is kept ready so that paging through
20,000 servers stays cheap.
"""
import datetime
import threading
import time
import uuid as uuidlib

from watcher.emulated_cloud import errors
from watcher.emulated_cloud import model

# Namespace of the uuid5 identifiers derived from names.
NAMESPACE = uuidlib.UUID('6c8a3f0e-6f0b-4f34-9a55-2a3f7de7c001')


def derived_uuid(kind, name):
    """A stable uuid for a named record (same name, same uuid)."""
    return str(uuidlib.uuid5(NAMESPACE, '%s:%s' % (kind, name)))


def iso(epoch, micro=False):
    stamp = datetime.datetime.fromtimestamp(epoch, tz=datetime.timezone.utc)
    if micro:
        return stamp.strftime('%Y-%m-%dT%H:%M:%S.%f')
    return stamp.strftime('%Y-%m-%dT%H:%M:%SZ')


class CloudState:
    """Every record of the cloud plus the indexes the APIs need."""

    def __init__(self, clock=None):
        self.lock = threading.RLock()
        self.clock = clock or time.time
        self.region = 'RegionOne'
        self.controller_host = 'controller'
        self.allow_resize_to_same_host = False
        self.hosts = {}            # name -> Host, in creation order
        self.hosts_by_uuid = {}
        self.hosts_by_node = {}    # hypervisor_hostname -> Host
        self.flavors = {}          # id -> Flavor
        self.servers = {}          # uuid -> Server
        self.aggregates = {}       # id -> Aggregate
        self.migrations = {}       # id -> Migration
        self.volume_types = {}     # id -> VolumeType
        self.backends = {}         # 'host@backend' -> StorageBackend
        self.pools = {}            # 'host@backend#pool' -> Pool
        self.volumes = {}          # id -> Volume
        self.ironic_nodes = {}     # uuid -> IronicNode
        self.identity = {'users': {}, 'projects': {}}
        self.notifier = None
        # Seconds a move or power action takes; 0 finishes it in the call.
        self.action_delay = 0.0
        self.pending = {}          # key -> threading.Timer of a slow action
        self._before_change = []
        self._order = []           # server uuids, newest first
        self._position = None      # uuid -> index in _order (lazy)
        self._next_server_index = 1
        self._next_migration_id = 1

    def run_later(self, key, work):
        """Run ``work()`` now, or after ``action_delay`` seconds.

        Delayed work runs under the lock and is skipped when its key was
        withdrawn from ``pending`` meanwhile (an aborted migration).
        """
        if self.action_delay <= 0:
            work()
            return

        def run():
            with self.lock:
                if self.pending.pop(key, None) is not None:
                    work()

        timer = threading.Timer(self.action_delay, run)
        timer.daemon = True
        self.pending[key] = timer
        timer.start()

    def cancel_pending(self):
        """Stop background actions (the cloud is shutting down)."""
        with self.lock:
            for timer in self.pending.values():
                timer.cancel()
            self.pending.clear()

    # -- time ---------------------------------------------------------------

    def now(self, micro=False):
        return iso(self.clock(), micro=micro)

    # -- hooks --------------------------------------------------------------

    def add_before_change(self, callback):
        """Call ``callback(host_names, server_uuids)`` before each change.

        The load tracker uses it to close its counters' integration period
        before a server moves, stops or changes load.
        """
        self._before_change.append(callback)

    def before_change(self, hosts=(), servers=()):
        hosts = [h for h in hosts if h]
        for callback in self._before_change:
            callback(hosts, list(servers))

    def notify_instance(self, event_type, server, publisher_host,
                        **extra):
        if self.notifier is not None:
            self.notifier.instance_event(event_type, server, publisher_host,
                                         **extra)

    def notify_service(self, host):
        if self.notifier is not None:
            self.notifier.service_event(host)

    # -- hosts --------------------------------------------------------------

    def add_host(self, host):
        if host.name in self.hosts:
            raise errors.Conflict('Host %s already exists.' % host.name)
        host.hypervisor_hostname = host.hypervisor_hostname or host.name
        host.created_at = host.created_at or self.now(micro=True)
        host.updated_at = host.updated_at or host.created_at
        self.hosts[host.name] = host
        self.hosts_by_uuid[host.uuid] = host
        self.hosts_by_node[host.hypervisor_hostname] = host

    def get_host(self, name):
        host = self.hosts.get(name)
        if host is None:
            raise errors.NotFound('Compute host %s could not be found.'
                                  % name)
        return host

    def host_of(self, server):
        return self.hosts.get(server.host) if server.host else None

    def host_aggregates(self, host_name):
        return [agg for agg in self.aggregates.values()
                if host_name in agg.hosts]

    def service_disabled(self, host):
        return host.status == 'disabled'

    # -- placement allocations ----------------------------------------------

    def allocate(self, consumer, host, resources):
        """Record ``resources`` for ``consumer`` on ``host``'s provider."""
        current = host.allocations.get(consumer)
        if current:
            for rc, amount in current.items():
                host.used[rc] -= amount
        host.allocations[consumer] = dict(resources)
        for rc, amount in resources.items():
            host.used[rc] += amount
        host.generation += 1

    def release(self, consumer, host):
        current = host.allocations.pop(consumer, None)
        if current:
            for rc, amount in current.items():
                host.used[rc] -= amount
            host.generation += 1

    def consumer_allocations(self, consumer):
        """{host: resources} of one consumer (server or migration)."""
        found = {}
        server = self.servers.get(consumer)
        candidates = []
        if server is not None:
            candidates = [self.hosts.get(server.host)]
            if server.resize:
                candidates.append(self.hosts.get(server.resize.source_host))
        else:
            candidates = self.hosts.values()
        for host in candidates:
            if host is not None and consumer in host.allocations:
                found[host.name] = host.allocations[consumer]
        return found

    # -- flavors ------------------------------------------------------------

    def add_flavor(self, flavor):
        self.flavors[flavor.id] = flavor

    def find_flavor(self, ref):
        """A flavor by id (Nova's flavorRef) or by name as a fallback."""
        flavor = self.flavors.get(str(ref))
        if flavor is None:
            text = str(ref).rstrip('/').rsplit('/', 1)[-1]
            flavor = self.flavors.get(text)
        if flavor is None:
            for candidate in self.flavors.values():
                if candidate.name == ref:
                    return candidate
        return flavor

    def get_flavor(self, flavor_id):
        flavor = self.flavors.get(flavor_id)
        if flavor is None:
            raise errors.NotFound('Flavor %s could not be found.'
                                  % flavor_id)
        return flavor

    # -- servers ------------------------------------------------------------

    def new_server_index(self):
        index = self._next_server_index
        self._next_server_index += 1
        return index

    def add_server(self, server, allocate=True):
        """Register ``server`` on its host (and in Placement)."""
        if server.uuid in self.servers:
            raise errors.Conflict('Server %s already exists.' % server.uuid)
        self._next_server_index = max(self._next_server_index,
                                      server.index + 1)
        self.servers[server.uuid] = server
        host = self.host_of(server)
        if host is not None:
            host.servers[server.uuid] = None
            if allocate:
                self.allocate(server.uuid, host,
                              server.flavor.resources(
                                  server.boot_from_volume))
        self._order.insert(0, server.uuid)
        self._position = None

    def sort_servers(self):
        """Nova's default listing order: created_at then id, descending."""
        self._order = sorted(
            self.servers,
            key=lambda u: (self.servers[u].created_at,
                           self.servers[u].index),
            reverse=True)
        self._position = None

    def remove_server(self, server):
        host = self.host_of(server)
        if host is not None:
            host.servers.pop(server.uuid, None)
            self.release(server.uuid, host)
        if server.resize:
            source = self.hosts.get(server.resize.source_host)
            if source is not None:
                self.release(server.resize.migration_uuid, source)
        del self.servers[server.uuid]
        self._order.remove(server.uuid)
        self._position = None

    def move_server(self, server, dest):
        """Point ``server`` at ``dest`` (indexes only, not allocations)."""
        source = self.host_of(server)
        if source is not None:
            source.servers.pop(server.uuid, None)
        dest.servers[server.uuid] = None
        server.host = dest.name
        server.node = dest.hypervisor_hostname
        server.availability_zone = dest.availability_zone

    def get_server(self, server_id):
        server = self.servers.get(server_id)
        if server is None:
            raise errors.NotFound('Instance %s could not be found.'
                                  % server_id)
        return server

    def touch(self, server):
        server.updated_at = self.now()
        server.revision += 1

    def ordered_servers(self, uuids=None):
        """Servers in listing order, optionally only those in ``uuids``."""
        if uuids is None:
            return [self.servers[u] for u in self._order]
        position = self.positions()
        return [self.servers[u]
                for u in sorted(uuids, key=position.__getitem__)]

    def positions(self):
        if self._position is None:
            self._position = {u: i for i, u in enumerate(self._order)}
        return self._position

    # -- migrations ---------------------------------------------------------

    def new_migration(self, server, migration_type, source, dest,
                      new_flavor=None, status='running'):
        migration_id = self._next_migration_id
        self._next_migration_id += 1
        now = self.now(micro=True)
        migration = model.Migration(
            id=migration_id,
            uuid=derived_uuid('migration', '%s:%d' % (server.uuid,
                                                      migration_id)),
            server_uuid=server.uuid, migration_type=migration_type,
            source_compute=source.name,
            dest_compute=dest.name if dest else None,
            source_node=source.hypervisor_hostname,
            dest_node=dest.hypervisor_hostname if dest else None,
            old_flavor_id=server.flavor.id,
            new_flavor_id=(new_flavor or server.flavor).id,
            status=status, project_id=server.project_id,
            user_id=server.user_id, created_at=now, updated_at=now)
        self.migrations[migration_id] = migration
        return migration

    # -- storage ------------------------------------------------------------

    def get_volume(self, volume_id):
        volume = self.volumes.get(volume_id)
        if volume is None:
            raise errors.NotFound('Volume %s could not be found.'
                                  % volume_id)
        return volume

    def find_volume_type(self, ref):
        vtype = self.volume_types.get(ref)
        if vtype is not None:
            return vtype
        for candidate in self.volume_types.values():
            if candidate.name == ref:
                return candidate
        return None

    def pool_allocated(self, pool):
        return sum(self.volumes[v].size for v in pool.volumes)

    # -- baremetal ----------------------------------------------------------

    def find_ironic_node(self, ident):
        node = self.ironic_nodes.get(ident)
        if node is None:
            for candidate in self.ironic_nodes.values():
                if candidate.name == ident:
                    return candidate
            raise errors.NotFound('Node %s could not be found.' % ident)
        return node

    # -- summaries for tests and the admin API ------------------------------

    def placement_map(self):
        """{server uuid: host name} for every server."""
        with self.lock:
            return {u: s.host for u, s in self.servers.items()}
