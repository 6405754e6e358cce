"""The baremetal collector (entry point ``baremetal``): Ironic nodes.

Ironic sends no notifications Watcher listens to: the model changes only
at each synchronisation.
"""
from oslo_log import log

from watcher.decision_engine.model.collector import base
from watcher.decision_engine.model.collector import retry
from watcher.decision_engine.model import baremetal_root
from watcher.decision_engine.model import element
from watcher.decision_engine.scope import baremetal as baremetal_scope

LOG = log.getLogger(__name__)


def build_ironic_node(node):
    return element.IronicNode(
        uuid=node.id,
        power_state=node.power_state,
        maintenance=bool(node.is_maintenance),
        maintenance_reason=node.maintenance_reason,
        extra=node.extra or {})


class BaremetalClusterDataModelCollector(base.BaseClusterDataModelCollector):
    """Keeps the baremetal model."""

    NAME = 'baremetal'
    SCHEMA = {}
    SERVICE_TYPES = ('baremetal',)

    def get_audit_scope_handler(self, audit_scope):
        return baremetal_scope.BaremetalScope(audit_scope, self.config,
                                              osc=self.osc)

    def new_empty_model(self, stale=False):
        return baremetal_root.BaremetalModelRoot(stale=stale)

    def build_model(self):
        conn = self.connection()
        model = baremetal_root.BaremetalModelRoot()
        nodes = retry.list_all('Listing Ironic nodes', conn.baremetal.nodes,
                               details=True)
        for node in sorted(nodes, key=lambda node: node.id or ''):
            try:
                model.add_node(build_ironic_node(node))
            except Exception as exc:
                LOG.warning('Ignoring Ironic node %s: %s', node.id, exc)
        return model
