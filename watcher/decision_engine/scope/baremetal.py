"""The baremetal part of an audit scope.

Only ``exclude: [{"ironic_nodes": [{"uuid": ...}]}]``: those nodes leave
the model. An unknown node raises ``ScopeResourceNotFound``.
"""
from watcher.decision_engine.scope import base


class BaremetalScope(base.BaseScope):
    """Baremetal audit scope handler."""

    PART = 'baremetal'

    def __init__(self, scope, config=None, osc=None):
        super().__init__(scope, config)
        self._osc = osc

    def get_scoped_model(self, cluster_model):
        if not cluster_model or not self.rules:
            return cluster_model
        excluded = []
        for rule in self.rules:
            for item in rule.get('exclude') or ():
                excluded.extend(base.values_of(item.get('ironic_nodes'),
                                               'uuid'))
        base.check_known(excluded, cluster_model.get_all_ironic_nodes(),
                         'ironic nodes')
        for uuid in sorted(set(excluded)):
            cluster_model.remove_node(uuid)
        return cluster_model
