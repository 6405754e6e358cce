"""The compute cluster data model.

Plain dictionaries instead of a graph: node uuid -> node, instance uuid ->
instance, node uuid -> set of its instance uuids, instance uuid -> node uuid
and hostname -> node uuids. Every node carries the resources its instances
take, kept up to date on each map/unmap/migrate/remove/update, so
``get_node_free_resources`` never scans instances.

``copy()`` is cheap: records are immutable (see ``element.base``) and are
shared; only the index dictionaries are copied, and a node's instance set is
copied the first time either side changes it. A copy never changes its
master and the master never changes a copy.

Order is deterministic: nodes come sorted by (hostname, uuid), instances by
uuid, whatever the order in which they were added.

Change tracking, for readers that must know whether what they computed
still holds (the stale action-plan checker): ``generation`` grows on every
change, ``get_node_generation(uuid)`` grows whenever the node or anything
hosted on it changes, and ``drain_touched()`` returns the nodes changed
since the previous call. ``inherit_generations(previous)`` carries the
counters over when a freshly collected model replaces an older one. A
copy keeps the counters of the model it was taken from: what a strategy
simulates on its copy (or a scope marks) is not a change of the cluster,
so a plan can record the generations its copy reports and compare them
with the master's later.
"""
import threading

from watcher.common import exception
from watcher.decision_engine.model import element
from watcher.decision_engine.model import serialization

# Keys of the GET /v1/data_model rows (the frozen allow-list of the API).
NODE_LIST_FIELDS = (
    'uuid', 'hostname', 'status', 'disabled_reason', 'state', 'memory',
    'memory_mb_reserved', 'disk', 'disk_gb_reserved', 'vcpus',
    'vcpu_reserved', 'memory_ratio', 'vcpu_ratio', 'disk_ratio')
SERVER_LIST_FIELDS = (
    'uuid', 'watcher_exclude', 'name', 'state', 'memory', 'disk', 'vcpus',
    'metadata', 'project_id', 'locked', 'pinned_az', 'flavor_extra_specs')
# Row keys shown only from a given API microversion on; others since 1.3.
LIST_KEY_MIN_VERSION = {
    'server_pinned_az': (1, 6),
    'server_flavor_extra_specs': (1, 6),
}

_NO_USE = (0, 0, 0)


def list_keys_for_version(major, minor):
    """Row keys the API may show at microversion ``major.minor``."""
    keys = ['node_' + name for name in NODE_LIST_FIELDS]
    keys += ['server_' + name for name in SERVER_LIST_FIELDS]
    return frozenset(key for key in keys
                     if LIST_KEY_MIN_VERSION.get(key, (1, 3)) <=
                     (major, minor))


class ModelRoot(object):
    """Compute nodes, instances and who hosts what."""

    MODEL_TYPE = 'compute'

    def __init__(self, stale=False):
        self.stale = stale
        self._lock = threading.RLock()
        self._nodes = {}
        self._hostnames = {}
        self._instances = {}
        self._instance_node = {}
        self._node_instances = {}
        self._owned = set()
        self._used = {}
        self._generation = 0
        self._node_generation = {}
        self._touched = set()
        self._tracking = True
        self._sorted_node_uuids = None
        self._sorted_instance_uuids = None

    def __bool__(self):
        return not self.stale

    # -- copies ------------------------------------------------------------

    def copy(self):
        """An independent model sharing the (immutable) records."""
        with self._lock:
            other = type(self)(stale=self.stale)
            other._nodes = dict(self._nodes)
            other._hostnames = dict(self._hostnames)
            other._instances = dict(self._instances)
            other._instance_node = dict(self._instance_node)
            other._node_instances = dict(self._node_instances)
            other._used = dict(self._used)
            other._generation = self._generation
            other._node_generation = dict(self._node_generation)
            other._tracking = False
            other._sorted_node_uuids = self._sorted_node_uuids
            other._sorted_instance_uuids = self._sorted_instance_uuids
            # From now on both sides share every instance set: whoever
            # changes one first takes a private copy of it.
            self._owned = set()
            return other

    def __copy__(self):
        return self.copy()

    def __deepcopy__(self, memo):
        return self.copy()

    # -- argument helpers --------------------------------------------------

    @staticmethod
    def assert_node(obj):
        if not isinstance(obj, element.ComputeNode):
            raise exception.IllegalArgumentException(
                message="'obj' argument type is not valid: %s" % type(obj))

    @staticmethod
    def assert_instance(obj):
        if not isinstance(obj, element.Instance):
            raise exception.IllegalArgumentException(
                message="'obj' argument type is not valid: %s" % type(obj))

    def _node_uuid(self, node):
        uuid = node if isinstance(node, str) else getattr(node, 'uuid', None)
        if uuid is None:
            self.assert_node(node)
        if uuid not in self._nodes:
            raise exception.ComputeNodeNotFound(name=uuid)
        return uuid

    def _instance_uuid(self, instance):
        if isinstance(instance, str):
            uuid = instance
        else:
            self.assert_instance(instance)
            uuid = instance.uuid
        if uuid not in self._instances:
            raise exception.InstanceNotFound(name=uuid)
        return uuid

    # -- bookkeeping -------------------------------------------------------

    def _touch(self, node_uuid=None):
        if not self._tracking:
            return
        self._generation += 1
        if node_uuid is not None:
            self._node_generation[node_uuid] = (
                self._node_generation.get(node_uuid, 0) + 1)
            self._touched.add(node_uuid)

    def _writable_members(self, node_uuid):
        members = self._node_instances[node_uuid]
        if node_uuid not in self._owned:
            members = set(members)
            self._node_instances[node_uuid] = members
            self._owned.add(node_uuid)
        return members

    def _account(self, node_uuid, resources, sign):
        vcpu, memory, disk = self._used[node_uuid]
        self._used[node_uuid] = (vcpu + sign * resources[0],
                                 memory + sign * resources[1],
                                 disk + sign * resources[2])

    def _index_hostname(self, hostname, uuid, add):
        uuids = set(self._hostnames.get(hostname, ()))
        if add:
            uuids.add(uuid)
        else:
            uuids.discard(uuid)
        if uuids:
            self._hostnames[hostname] = tuple(sorted(uuids))
        else:
            self._hostnames.pop(hostname, None)

    def _attach(self, instance_uuid, node_uuid):
        self._writable_members(node_uuid).add(instance_uuid)
        self._instance_node[instance_uuid] = node_uuid
        self._account(node_uuid, self._instances[instance_uuid].resources, 1)
        self._touch(node_uuid)

    def _detach(self, instance_uuid):
        node_uuid = self._instance_node.pop(instance_uuid)
        self._writable_members(node_uuid).discard(instance_uuid)
        self._account(node_uuid, self._instances[instance_uuid].resources,
                      -1)
        self._touch(node_uuid)
        return node_uuid

    # -- nodes -------------------------------------------------------------

    def add_node(self, node):
        """Add a node, or replace the record of a node already known."""
        self.assert_node(node)
        with self._lock:
            old = self._nodes.get(node.uuid)
            self._nodes[node.uuid] = node
            if old is None:
                self._node_instances[node.uuid] = set()
                self._owned.add(node.uuid)
                self._used[node.uuid] = _NO_USE
            if old is None or old.hostname != node.hostname:
                if old is not None:
                    self._index_hostname(old.hostname, old.uuid, False)
                self._index_hostname(node.hostname, node.uuid, True)
                self._sorted_node_uuids = None
            self._touch(node.uuid)

    def update_node(self, node, **changes):
        """Replace some fields of a node; return the new record."""
        if 'uuid' in changes:
            raise exception.IllegalArgumentException(
                message="a node's uuid cannot change")
        with self._lock:
            uuid = self._node_uuid(node)
            new_node = self._nodes[uuid].replace(**changes)
            self.add_node(new_node)
            return new_node

    def remove_node(self, node):
        """Remove a node; the instances it hosted stay, unmapped."""
        with self._lock:
            uuid = self._node_uuid(node)
            for instance_uuid in self._node_instances[uuid]:
                del self._instance_node[instance_uuid]
            old = self._nodes.pop(uuid)
            self._index_hostname(old.hostname, uuid, False)
            del self._node_instances[uuid]
            del self._used[uuid]
            self._owned.discard(uuid)
            self._sorted_node_uuids = None
            if self._tracking:
                self._node_generation.pop(uuid, None)
                self._touched.add(uuid)
                self._generation += 1

    def remove_node_and_instances(self, node):
        """Remove a node and every instance it hosts (used by scopes)."""
        with self._lock:
            uuid = self._node_uuid(node)
            for instance_uuid in list(self._node_instances[uuid]):
                self.remove_instance(instance_uuid)
            self.remove_node(uuid)

    # -- instances ---------------------------------------------------------

    def add_instance(self, instance):
        """Add an instance, or replace the record of a known one."""
        self.assert_instance(instance)
        with self._lock:
            uuid = instance.uuid
            old = self._instances.get(uuid)
            self._instances[uuid] = instance
            if old is None:
                self._sorted_instance_uuids = None
            node_uuid = self._instance_node.get(uuid)
            if node_uuid is not None:
                if old.resources != instance.resources:
                    self._account(node_uuid, old.resources, -1)
                    self._account(node_uuid, instance.resources, 1)
                self._touch(node_uuid)
            else:
                self._touch()

    def update_instance(self, instance, **changes):
        """Replace some fields of an instance; return the new record.

        A change of vcpus, memory or disk (a resize) moves the accounting
        of its node by the difference.
        """
        if 'uuid' in changes:
            raise exception.IllegalArgumentException(
                message="an instance's uuid cannot change")
        with self._lock:
            uuid = self._instance_uuid(instance)
            new_instance = self._instances[uuid].replace(**changes)
            self.add_instance(new_instance)
            return new_instance

    def remove_instance(self, instance):
        with self._lock:
            uuid = self._instance_uuid(instance)
            if uuid in self._instance_node:
                self._detach(uuid)
            del self._instances[uuid]
            self._sorted_instance_uuids = None
            self._touch()

    def delete_instance(self, instance, node=None):
        """Remove an instance wherever it is (``node`` is ignored)."""
        self.remove_instance(instance)

    def map_instance(self, instance, node):
        """Place an instance on a node (adding it to the model if needed).

        An instance mapped elsewhere is moved; mapping it where it already
        is changes nothing.
        """
        with self._lock:
            if isinstance(instance, element.Instance):
                stored = self._instances.get(instance.uuid)
                if stored is None or stored != instance:
                    self.add_instance(instance)
            instance_uuid = self._instance_uuid(instance)
            node_uuid = self._node_uuid(node)
            current = self._instance_node.get(instance_uuid)
            if current == node_uuid:
                return
            if current is not None:
                self._detach(instance_uuid)
            self._attach(instance_uuid, node_uuid)

    def unmap_instance(self, instance, node):
        with self._lock:
            instance_uuid = self._instance_uuid(instance)
            node_uuid = self._node_uuid(node)
            if self._instance_node.get(instance_uuid) != node_uuid:
                raise exception.InstanceNotMapped(uuid=instance_uuid)
            self._detach(instance_uuid)

    def migrate_instance(self, instance, source_node, destination_node):
        """Move an instance; False when source and destination are equal.

        Raises InstanceNotMapped when the instance is not on the source.
        """
        with self._lock:
            instance_uuid = self._instance_uuid(instance)
            source_uuid = self._node_uuid(source_node)
            destination_uuid = self._node_uuid(destination_node)
            if source_uuid == destination_uuid:
                return False
            if self._instance_node.get(instance_uuid) != source_uuid:
                raise exception.InstanceNotMapped(uuid=instance_uuid)
            self._detach(instance_uuid)
            self._attach(instance_uuid, destination_uuid)
            return True

    # -- queries -----------------------------------------------------------

    def _node_order(self):
        order = self._sorted_node_uuids
        if order is None:
            nodes = self._nodes
            order = tuple(sorted(
                nodes, key=lambda uuid: (nodes[uuid].hostname, uuid)))
            self._sorted_node_uuids = order
        return order

    def _instance_order(self):
        order = self._sorted_instance_uuids
        if order is None:
            order = tuple(sorted(self._instances))
            self._sorted_instance_uuids = order
        return order

    def get_all_compute_nodes(self):
        """uuid -> node, in (hostname, uuid) order."""
        with self._lock:
            nodes = self._nodes
            return {uuid: nodes[uuid] for uuid in self._node_order()}

    def get_node_by_uuid(self, uuid):
        try:
            return self._nodes[uuid]
        except KeyError:
            raise exception.ComputeNodeNotFound(name=uuid)

    def get_node_by_name(self, name):
        """The node whose hostname is ``name`` (lowest uuid if several)."""
        uuids = self._hostnames.get(name)
        if not uuids:
            raise exception.ComputeNodeNotFound(name=name)
        return self._nodes[uuids[0]]

    def get_instance_by_uuid(self, uuid):
        try:
            return self._instances[uuid]
        except KeyError:
            raise exception.InstanceNotFound(name=uuid)

    def get_node_by_instance_uuid(self, instance_uuid):
        with self._lock:
            if instance_uuid not in self._instances:
                raise exception.InstanceNotFound(name=instance_uuid)
            node_uuid = self._instance_node.get(instance_uuid)
            if node_uuid is None:
                raise exception.InstanceNotMapped(uuid=instance_uuid)
            return self._nodes[node_uuid]

    def get_all_instances(self):
        """uuid -> instance, in uuid order (mapped or not)."""
        with self._lock:
            instances = self._instances
            return {uuid: instances[uuid] for uuid in self._instance_order()}

    def get_node_instances(self, node):
        """Instances hosted by ``node``, sorted by uuid."""
        with self._lock:
            uuid = self._node_uuid(node)
            instances = self._instances
            return [instances[instance_uuid] for instance_uuid
                    in sorted(self._node_instances[uuid])]

    def get_node_used_resources(self, node):
        """Resources the node's instances take: {vcpu, memory, disk}."""
        vcpu, memory, disk = self._used[self._node_uuid(node)]
        return {'vcpu': vcpu, 'memory': memory, 'disk': disk}

    def get_node_free_resources(self, node):
        """Capacity minus used: {vcpu, memory, disk} (may be negative)."""
        uuid = self._node_uuid(node)
        record = self._nodes[uuid]
        vcpu, memory, disk = self._used[uuid]
        return {'vcpu': record.vcpu_capacity - vcpu,
                'memory': record.memory_mb_capacity - memory,
                'disk': record.disk_gb_capacity - disk}

    def invalidate_node_resource_cache(self, node=None):
        """Kept for callers written against the reference: usage is always
        exact here, so there is nothing to invalidate."""

    def invalidate_resource_cache(self):
        """See ``invalidate_node_resource_cache``."""

    # -- change tracking ---------------------------------------------------

    @property
    def generation(self):
        """Grows on every change of this model (a copy: of its origin)."""
        return self._generation

    def enable_change_tracking(self):
        """Count changes from now on (a copy promoted to master model)."""
        self._tracking = True

    def get_node_generation(self, node_uuid):
        """Change counter of a node and what it hosts; None if unknown."""
        if node_uuid not in self._nodes:
            return None
        return self._node_generation.get(node_uuid, 0)

    def drain_touched(self):
        """Node uuids changed (or removed) since the previous call."""
        with self._lock:
            touched, self._touched = frozenset(self._touched), set()
            return touched

    def _node_signature(self, uuid):
        return (self._nodes[uuid],
                frozenset(self._node_instances[uuid]))

    def inherit_generations(self, previous):
        """Continue ``previous``'s counters; return the changed node uuids.

        A node counts as changed when its record, its instance set or one
        of its instances differs, or when it appeared or disappeared.
        """
        with self._lock:
            if previous is None or previous.stale:
                self._touched = set()
                return frozenset(self._nodes)
            with previous._lock:
                changed = set(previous._nodes) - set(self._nodes)
                for uuid in self._nodes:
                    counter = previous._node_generation.get(uuid, 0)
                    if (uuid not in previous._nodes or
                            self._node_differs(previous, uuid)):
                        changed.add(uuid)
                        counter += 1
                    self._node_generation[uuid] = counter
                self._generation = previous._generation + (
                    1 if changed or self._instances_differ(previous) else 0)
            self._touched = set()
            return frozenset(changed)

    def _node_differs(self, previous, uuid):
        if self._node_signature(uuid) != previous._node_signature(uuid):
            return True
        mine, theirs = self._instances, previous._instances
        return any(mine[i] != theirs[i] for i in self._node_instances[uuid])

    def _instances_differ(self, previous):
        unmapped = set(self._instances) - set(self._instance_node)
        unmapped_before = (set(previous._instances) -
                           set(previous._instance_node))
        if unmapped != unmapped_before:
            return True
        return any(self._instances[i] != previous._instances[i]
                   for i in unmapped)

    # -- comparison and serialisation ---------------------------------------

    def same_content(self, other):
        """Same nodes, instances and placements (counters ignored)."""
        with self._lock, other._lock:
            return (self._nodes == other._nodes and
                    self._instances == other._instances and
                    self._instance_node == other._instance_node)

    @classmethod
    def is_isomorphic(cls, model1, model2):
        return model1.same_content(model2)

    def to_list(self):
        """GET /v1/data_model rows: one per instance, one per empty node.

        Sorted by node uuid then instance uuid; keys limited to the API's
        frozen allow-list (``node_*``/``server_*``).
        """
        rows = []
        with self._lock:
            for node_uuid in sorted(self._nodes):
                record = self._nodes[node_uuid]
                node_row = {'node_' + name: element.base.plain(
                    getattr(record, name)) for name in NODE_LIST_FIELDS}
                members = sorted(self._node_instances[node_uuid])
                if not members:
                    rows.append(node_row)
                for instance_uuid in members:
                    instance = self._instances[instance_uuid]
                    row = dict(node_row)
                    for name in SERVER_LIST_FIELDS:
                        row['server_' + name] = element.base.plain(
                            getattr(instance, name))
                    rows.append(row)
        return rows

    def to_xml(self):
        return serialization.compute_to_xml(self)

    def to_string(self):
        return self.to_xml()

    @classmethod
    def from_xml(cls, data):
        return serialization.compute_from_xml(cls, data)

    def to_dict(self):
        return serialization.compute_to_dict(self)

    @classmethod
    def from_dict(cls, data):
        return serialization.compute_from_dict(cls, data)

    def __repr__(self):
        return '<ModelRoot compute nodes=%d instances=%d stale=%s>' % (
            len(self._nodes), len(self._instances), self.stale)

    # Names the storage and baremetal models are imported under, as in the
    # reference (``model_root.StorageModelRoot``); see the end of the file.


from watcher.decision_engine.model.baremetal_root import \
    BaremetalModelRoot  # noqa: E402
from watcher.decision_engine.model.storage_root import \
    StorageModelRoot  # noqa: E402

__all__ = ('ModelRoot', 'StorageModelRoot', 'BaremetalModelRoot',
           'NODE_LIST_FIELDS', 'SERVER_LIST_FIELDS', 'LIST_KEY_MIN_VERSION',
           'list_keys_for_version')
