"""The compute part of an audit scope.

Rules: ``host_aggregates`` (``[{"id": int | "*"} | {"name": str}]``) and
``availability_zones`` (``[{"name": str}]``) keep only the hosts they
name (their union); ``exclude`` removes ``compute_nodes`` and the hosts of
``host_aggregates``, and marks ``instances``, instances matching
``instance_metadata`` and instances of ``projects`` with
``watcher_exclude=True`` (they stay in the model; strategies skip them).

A removed node goes with its instances. Naming an aggregate, a zone or an
excluded compute node the cloud does not have raises
``ScopeResourceNotFound`` (the audit fails with that message) instead of
silently planning for something else. Instance metadata exclusion always
applies when given (the reference gated it on an option it could not
read): an instance is excluded when it matches one of the listed
mappings, i.e. has every key of it with an equal value (compared as
case-insensitive strings).
"""
from oslo_log import log

from watcher.common import clients
from watcher.decision_engine.model.collector import nova_api
from watcher.decision_engine.scope import base

LOG = log.getLogger(__name__)


def metadata_matches(metadata, wanted):
    """Whether ``metadata`` has every key of ``wanted`` with equal value."""
    if not wanted:
        return False
    for key, value in wanted.items():
        if key not in metadata:
            return False
        if str(metadata[key]).lower() != str(value).lower():
            return False
    return True


class ComputeScope(base.BaseScope):
    """Compute audit scope handler."""

    PART = 'compute'

    def __init__(self, scope, config=None, osc=None, inventory=None):
        super().__init__(scope, config)
        self._osc = osc
        self._inventory = inventory
        self._aggregates = None
        self._services = None

    # -- what Nova knows -------------------------------------------------

    @property
    def inventory(self):
        if self._inventory is None:
            conn = self._osc or clients.get_sdk_connection()
            self._inventory = nova_api.NovaInventory(conn)
        return self._inventory

    def _all_aggregates(self):
        if self._aggregates is None:
            self._aggregates = self.inventory.aggregates()
        return self._aggregates

    def _all_services(self):
        if self._services is None:
            self._services = self.inventory.compute_services()
        return self._services

    def aggregate_hosts(self, entries):
        """Hosts of the aggregates named by id or name."""
        ids = base.values_of(entries, 'id')
        names = base.values_of(entries, 'name')
        include_all = any([base.wildcard(ids, 'host aggregates'),
                           base.wildcard(names, 'host aggregates')])
        aggregates = self._all_aggregates()
        if include_all:
            return {host for agg in aggregates for host in agg.hosts}
        base.check_known(ids, [agg.id for agg in aggregates],
                         'host aggregates')
        base.check_known(names, [agg.name for agg in aggregates],
                         'host aggregates')
        wanted_ids = {str(value) for value in ids}
        wanted_names = set(names)
        return {host for agg in aggregates
                if str(agg.id) in wanted_ids or agg.name in wanted_names
                for host in agg.hosts}

    def zone_hosts(self, entries):
        """Compute hosts of the availability zones named."""
        names = base.values_of(entries, 'name')
        services = self._all_services()
        if base.wildcard(names, 'availability zones'):
            return {svc.host for svc in services}
        base.check_known(names, [svc.zone for svc in services],
                         'availability zones')
        return {svc.host for svc in services if svc.zone in set(names)}

    # -- trimming ----------------------------------------------------------

    def _read_rules(self):
        allowed = None
        excluded_hosts = set()
        excluded_names = []
        instances, metadata, projects = set(), [], set()
        for rule in self.rules:
            if 'host_aggregates' in rule:
                allowed = (allowed or set()) | self.aggregate_hosts(
                    rule['host_aggregates'])
            elif 'availability_zones' in rule:
                allowed = (allowed or set()) | self.zone_hosts(
                    rule['availability_zones'])
            elif 'exclude' in rule:
                for item in rule['exclude'] or ():
                    if 'instances' in item:
                        instances.update(base.values_of(item['instances'],
                                                        'uuid'))
                    elif 'compute_nodes' in item:
                        excluded_names.extend(base.values_of(
                            item['compute_nodes'], 'name'))
                    elif 'host_aggregates' in item:
                        excluded_hosts |= self.aggregate_hosts(
                            item['host_aggregates'])
                    elif 'instance_metadata' in item:
                        metadata.extend(entry for entry in
                                        item['instance_metadata'] or ()
                                        if isinstance(entry, dict))
                    elif 'projects' in item:
                        projects.update(base.values_of(item['projects'],
                                                       'uuid'))
        return (allowed, excluded_hosts, excluded_names, instances,
                metadata, projects)

    def get_scoped_model(self, cluster_model):
        """Trim ``cluster_model`` (a copy) to the scope; return it."""
        if not cluster_model or not self.rules:
            return cluster_model
        (allowed, excluded_hosts, excluded_names, instances, metadata,
         projects) = self._read_rules()
        nodes = cluster_model.get_all_compute_nodes()
        model_hosts = {node.hostname for node in nodes.values()}
        base.check_known(excluded_names, model_hosts, 'compute nodes')

        remove = set(excluded_names) | excluded_hosts
        if allowed is not None:
            remove |= model_hosts - allowed
        for uuid, node in nodes.items():
            if node.hostname in remove:
                cluster_model.remove_node_and_instances(uuid)

        marked = set()
        for uuid, instance in cluster_model.get_all_instances().items():
            if (uuid in instances or instance.project_id in projects or
                    any(metadata_matches(instance.metadata, wanted)
                        for wanted in metadata)):
                marked.add(uuid)
        missing = instances - marked
        if missing:
            LOG.info('Excluded instances not in the scoped model: %s',
                     ', '.join(sorted(missing)))
        for uuid in sorted(marked):
            cluster_model.update_instance(uuid, watcher_exclude=True)
        return cluster_model
