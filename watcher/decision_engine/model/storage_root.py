"""The storage cluster data model: backends, pools and volumes.

Storage nodes are keyed by ``host`` (``hostname@backend``), pools by
``name`` (``hostname@backend#pool``) and volumes by uuid. Records are
immutable and shared by copies, like in the compute model; listings come
sorted by key.
"""
import threading

from watcher.common import exception
from watcher.decision_engine.model import element
from watcher.decision_engine.model import serialization


def backend_of(name):
    """``host@backend#pool`` -> ``host@backend``."""
    return name.split('#', 1)[0]


class StorageModelRoot(object):
    """Storage nodes, their pools and the volumes in each pool."""

    MODEL_TYPE = 'storage'

    def __init__(self, stale=False):
        self.stale = stale
        self._lock = threading.RLock()
        self._nodes = {}
        self._pools = {}
        self._volumes = {}
        self._pool_node = {}
        self._node_pools = {}
        self._volume_pool = {}
        self._pool_volumes = {}
        self._generation = 0

    def __bool__(self):
        return not self.stale

    def copy(self):
        """An independent model sharing the (immutable) records."""
        with self._lock:
            other = type(self)(stale=self.stale)
            other._nodes = dict(self._nodes)
            other._pools = dict(self._pools)
            other._volumes = dict(self._volumes)
            other._pool_node = dict(self._pool_node)
            other._volume_pool = dict(self._volume_pool)
            other._node_pools = {key: set(value) for key, value
                                 in self._node_pools.items()}
            other._pool_volumes = {key: set(value) for key, value
                                   in self._pool_volumes.items()}
            other._generation = self._generation
            return other

    def __copy__(self):
        return self.copy()

    def __deepcopy__(self, memo):
        return self.copy()

    @property
    def generation(self):
        return self._generation

    def _changed(self):
        self._generation += 1

    @staticmethod
    def _check(obj, cls):
        if not isinstance(obj, cls):
            raise exception.IllegalArgumentException(
                message="'obj' argument type is not valid: %s" % type(obj))

    def _node_host(self, node):
        host = node if isinstance(node, str) else node.host
        host = backend_of(host)
        if host not in self._nodes:
            raise exception.StorageNodeNotFound(name=host)
        return host

    def _pool_name(self, pool):
        name = pool if isinstance(pool, str) else pool.name
        if name not in self._pools:
            raise exception.PoolNotFound(name=name)
        return name

    def _volume_uuid(self, volume):
        uuid = volume if isinstance(volume, str) else volume.uuid
        if uuid not in self._volumes:
            raise exception.VolumeNotFound(name=uuid)
        return uuid

    # -- storage nodes -------------------------------------------------------

    def add_node(self, node):
        self._check(node, element.StorageNode)
        with self._lock:
            if node.host not in self._nodes:
                self._node_pools[node.host] = set()
            self._nodes[node.host] = node
            self._changed()

    def update_node(self, node, **changes):
        with self._lock:
            host = self._node_host(node)
            new_node = self._nodes[host].replace(**changes)
            if new_node.host != host:
                raise exception.IllegalArgumentException(
                    message="a storage node's host cannot change")
            self.add_node(new_node)
            return new_node

    def remove_node(self, node):
        """Remove a node; its pools stay, unmapped."""
        with self._lock:
            host = self._node_host(node)
            for name in self._node_pools.pop(host):
                del self._pool_node[name]
            del self._nodes[host]
            self._changed()

    # -- pools ---------------------------------------------------------------

    def add_pool(self, pool):
        self._check(pool, element.Pool)
        with self._lock:
            if pool.name not in self._pools:
                self._pool_volumes[pool.name] = set()
            self._pools[pool.name] = pool
            self._changed()

    def update_pool(self, pool, **changes):
        with self._lock:
            name = self._pool_name(pool)
            new_pool = self._pools[name].replace(**changes)
            if new_pool.name != name:
                raise exception.IllegalArgumentException(
                    message="a pool's name cannot change")
            self.add_pool(new_pool)
            return new_pool

    def remove_pool(self, pool):
        """Remove a pool; its volumes stay, unmapped."""
        with self._lock:
            name = self._pool_name(pool)
            host = self._pool_node.pop(name, None)
            if host is not None:
                self._node_pools[host].discard(name)
            for uuid in self._pool_volumes.pop(name):
                del self._volume_pool[uuid]
            del self._pools[name]
            self._changed()

    def map_pool(self, pool, node):
        with self._lock:
            if isinstance(pool, element.Pool) and \
                    self._pools.get(pool.name) != pool:
                self.add_pool(pool)
            name = self._pool_name(pool)
            host = self._node_host(node)
            current = self._pool_node.get(name)
            if current == host:
                return
            if current is not None:
                self._node_pools[current].discard(name)
            self._pool_node[name] = host
            self._node_pools[host].add(name)
            self._changed()

    def unmap_pool(self, pool, node):
        with self._lock:
            name = self._pool_name(pool)
            host = self._node_host(node)
            if self._pool_node.get(name) != host:
                raise exception.PoolNotFound(name=name)
            del self._pool_node[name]
            self._node_pools[host].discard(name)
            self._changed()

    # -- volumes -------------------------------------------------------------

    def add_volume(self, volume):
        self._check(volume, element.Volume)
        with self._lock:
            self._volumes[volume.uuid] = volume
            self._changed()

    def update_volume(self, volume, **changes):
        with self._lock:
            uuid = self._volume_uuid(volume)
            new_volume = self._volumes[uuid].replace(**changes)
            self.add_volume(new_volume)
            return new_volume

    def remove_volume(self, volume):
        with self._lock:
            uuid = self._volume_uuid(volume)
            name = self._volume_pool.pop(uuid, None)
            if name is not None:
                self._pool_volumes[name].discard(uuid)
            del self._volumes[uuid]
            self._changed()

    def delete_volume(self, volume):
        self.remove_volume(volume)

    def map_volume(self, volume, pool):
        with self._lock:
            if isinstance(volume, element.Volume) and \
                    self._volumes.get(volume.uuid) != volume:
                self.add_volume(volume)
            uuid = self._volume_uuid(volume)
            name = self._pool_name(pool)
            current = self._volume_pool.get(uuid)
            if current == name:
                return
            if current is not None:
                self._pool_volumes[current].discard(uuid)
            self._volume_pool[uuid] = name
            self._pool_volumes[name].add(uuid)
            self._changed()

    def unmap_volume(self, volume, pool):
        with self._lock:
            uuid = self._volume_uuid(volume)
            name = self._pool_name(pool)
            if self._volume_pool.get(uuid) != name:
                raise exception.VolumeNotFound(name=uuid)
            del self._volume_pool[uuid]
            self._pool_volumes[name].discard(uuid)
            self._changed()

    # -- queries -------------------------------------------------------------

    def get_all_storage_nodes(self):
        """host -> storage node, sorted by host."""
        with self._lock:
            return {host: self._nodes[host] for host in sorted(self._nodes)}

    def get_node_by_name(self, name):
        """The node of ``host@backend`` (a ``#pool`` suffix is ignored)."""
        try:
            return self._nodes[backend_of(name)]
        except KeyError:
            raise exception.StorageNodeNotFound(name=name)

    def get_pool_by_pool_name(self, name):
        try:
            return self._pools[name]
        except KeyError:
            raise exception.PoolNotFound(name=name)

    def get_all_pools(self):
        with self._lock:
            return {name: self._pools[name] for name in sorted(self._pools)}

    def get_volume_by_uuid(self, uuid):
        try:
            return self._volumes[uuid]
        except KeyError:
            raise exception.VolumeNotFound(name=uuid)

    def get_node_by_pool_name(self, pool_name):
        with self._lock:
            name = self._pool_name(pool_name)
            host = self._pool_node.get(name)
            if host is None:
                raise exception.StorageNodeNotFound(name=pool_name)
            return self._nodes[host]

    def get_node_pools(self, node):
        """Pools of a node, sorted by name."""
        with self._lock:
            host = self._node_host(node)
            return [self._pools[name]
                    for name in sorted(self._node_pools[host])]

    def get_pool_by_volume(self, volume):
        with self._lock:
            uuid = self._volume_uuid(volume)
            name = self._volume_pool.get(uuid)
            if name is None:
                raise exception.PoolNotFound(name=uuid)
            return self._pools[name]

    def get_all_volumes(self):
        """uuid -> volume, sorted by uuid."""
        with self._lock:
            return {uuid: self._volumes[uuid]
                    for uuid in sorted(self._volumes)}

    def get_pool_volumes(self, pool):
        """Volumes of a pool, sorted by uuid."""
        with self._lock:
            name = self._pool_name(pool)
            return [self._volumes[uuid]
                    for uuid in sorted(self._pool_volumes[name])]

    # -- comparison and serialisation ----------------------------------------

    def same_content(self, other):
        with self._lock, other._lock:
            return (self._nodes == other._nodes and
                    self._pools == other._pools and
                    self._volumes == other._volumes and
                    self._pool_node == other._pool_node and
                    self._volume_pool == other._volume_pool)

    @classmethod
    def is_isomorphic(cls, model1, model2):
        return model1.same_content(model2)

    def to_xml(self):
        return serialization.storage_to_xml(self)

    def to_string(self):
        return self.to_xml()

    @classmethod
    def from_xml(cls, data):
        return serialization.storage_from_xml(cls, data)

    def __repr__(self):
        return '<StorageModelRoot nodes=%d pools=%d volumes=%d>' % (
            len(self._nodes), len(self._pools), len(self._volumes))
