"""The storage part of an audit scope.

Rules: ``availability_zones`` and ``volume_types`` (``[{"name": str}]``,
``"*"`` alone for all) keep only the backends in those zones or serving
those types (their union); ``exclude`` removes ``storage_pools`` (with
their volumes), ``volumes`` and the volumes of ``projects``.

Zones and types are read from the model itself (a storage node records
its zone and the volume types of its backend), which fixes the
reference's ``volume_types`` rule (a TypeError there). A zone, type or
excluded pool the model does not know raises ``ScopeResourceNotFound``;
an excluded volume that no longer exists is only logged.
"""
from oslo_log import log

from watcher.decision_engine.scope import base

LOG = log.getLogger(__name__)


class StorageScope(base.BaseScope):
    """Storage audit scope handler."""

    PART = 'storage'

    def __init__(self, scope, config=None, osc=None):
        super().__init__(scope, config)
        self._osc = osc

    @staticmethod
    def zone_hosts(entries, nodes):
        names = base.values_of(entries, 'name')
        if base.wildcard(names, 'availability zones'):
            return {node.host for node in nodes}
        base.check_known(names, [node.zone for node in nodes],
                         'storage availability zones')
        return {node.host for node in nodes if node.zone in set(names)}

    @staticmethod
    def volume_type_hosts(entries, nodes):
        names = base.values_of(entries, 'name')
        if base.wildcard(names, 'volume_types'):
            return {node.host for node in nodes}
        base.check_known(names, [vtype for node in nodes
                                 for vtype in node.volume_type],
                         'volume types')
        return {node.host for node in nodes
                if set(node.volume_type) & set(names)}

    def get_scoped_model(self, cluster_model):
        if not cluster_model or not self.rules:
            return cluster_model
        nodes = list(cluster_model.get_all_storage_nodes().values())
        allowed = None
        pools, volumes, projects = [], set(), set()
        for rule in self.rules:
            if 'availability_zones' in rule:
                allowed = (allowed or set()) | self.zone_hosts(
                    rule['availability_zones'], nodes)
            elif 'volume_types' in rule:
                allowed = (allowed or set()) | self.volume_type_hosts(
                    rule['volume_types'], nodes)
            elif 'exclude' in rule:
                for item in rule['exclude'] or ():
                    if 'storage_pools' in item:
                        pools.extend(base.values_of(item['storage_pools'],
                                                    'name'))
                    elif 'volumes' in item:
                        volumes.update(base.values_of(item['volumes'],
                                                      'uuid'))
                    elif 'projects' in item:
                        projects.update(base.values_of(item['projects'],
                                                       'uuid'))
        base.check_known(pools, cluster_model.get_all_pools(),
                         'storage pools')

        if allowed is not None:
            for node in nodes:
                if node.host not in allowed:
                    for pool in cluster_model.get_node_pools(node.host):
                        self._remove_pool(cluster_model, pool.name)
                    cluster_model.remove_node(node.host)
        for name in pools:
            if name in cluster_model.get_all_pools():
                self._remove_pool(cluster_model, name)
        all_volumes = cluster_model.get_all_volumes()
        for uuid in sorted(volumes - set(all_volumes)):
            LOG.info('Excluded volume %s is not in the storage model', uuid)
        for uuid, volume in all_volumes.items():
            if uuid in volumes or volume.project_id in projects:
                cluster_model.remove_volume(uuid)
        return cluster_model

    @staticmethod
    def _remove_pool(cluster_model, name):
        for volume in cluster_model.get_pool_volumes(name):
            cluster_model.remove_volume(volume.uuid)
        cluster_model.remove_pool(name)
