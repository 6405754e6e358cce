"""The baremetal cluster data model: Ironic nodes, keyed by uuid."""
import threading

from watcher.common import exception
from watcher.decision_engine.model import element
from watcher.decision_engine.model import serialization


class BaremetalModelRoot(object):
    """Ironic nodes (no relations between them)."""

    MODEL_TYPE = 'baremetal'

    def __init__(self, stale=False):
        self.stale = stale
        self._lock = threading.RLock()
        self._nodes = {}
        self._generation = 0

    def __bool__(self):
        return not self.stale

    def copy(self):
        with self._lock:
            other = type(self)(stale=self.stale)
            other._nodes = dict(self._nodes)
            other._generation = self._generation
            return other

    def __copy__(self):
        return self.copy()

    def __deepcopy__(self, memo):
        return self.copy()

    @property
    def generation(self):
        return self._generation

    def add_node(self, node):
        if not isinstance(node, element.IronicNode):
            raise exception.IllegalArgumentException(
                message="'obj' argument type is not valid: %s" % type(node))
        with self._lock:
            self._nodes[node.uuid] = node
            self._generation += 1

    def update_node(self, node, **changes):
        with self._lock:
            new_node = self.get_node_by_uuid(
                node if isinstance(node, str) else node.uuid).replace(
                    **changes)
            self.add_node(new_node)
            return new_node

    def remove_node(self, node):
        uuid = node if isinstance(node, str) else node.uuid
        with self._lock:
            if self._nodes.pop(uuid, None) is None:
                raise exception.IronicNodeNotFound(uuid=uuid)
            self._generation += 1

    def get_all_ironic_nodes(self):
        """uuid -> node, sorted by uuid."""
        with self._lock:
            return {uuid: self._nodes[uuid] for uuid in sorted(self._nodes)}

    def get_node_by_uuid(self, uuid):
        try:
            return self._nodes[uuid]
        except KeyError:
            raise exception.IronicNodeNotFound(uuid=uuid)

    def same_content(self, other):
        return self._nodes == other._nodes

    @classmethod
    def is_isomorphic(cls, model1, model2):
        return model1.same_content(model2)

    def to_xml(self):
        return serialization.baremetal_to_xml(self)

    def to_string(self):
        return self.to_xml()

    @classmethod
    def from_xml(cls, data):
        return serialization.baremetal_from_xml(cls, data)

    def __repr__(self):
        return '<BaremetalModelRoot nodes=%d>' % len(self._nodes)
