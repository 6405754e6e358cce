"""Nova versioned notifications -> compute model changes.

Instance events add, update, re-place or delete an instance; service events
update the state/status of a compute node (or add it, asking Nova and
Placement about it, or remove it). Payload fields read, from
``InstanceActionPayload``/``InstanceUpdatePayload``: uuid, display_name,
state, flavor (memory_mb, vcpus, root_gb, ephemeral_gb, swap,
extra_specs), image_uuid, metadata, tenant_id, host, node, created_at,
locked; from ``ServiceStatusPayload``: host, binary, disabled,
disabled_reason, forced_down.
"""
import oslo_messaging
from oslo_log import log

from watcher.common import exception
from watcher import conf
from watcher.decision_engine.model import element
from watcher.decision_engine.model.notification import base

CONF = conf.CONF
LOG = log.getLogger(__name__)

INSTANCE_UPDATE_EVENTS = (
    'instance.create.end',
    'instance.lock',
    'instance.unlock',
    'instance.pause.end',
    'instance.power_off.end',
    'instance.power_on.end',
    'instance.resize_confirm.end',
    'instance.restore.end',
    'instance.resume.end',
    'instance.shelve.end',
    'instance.shutdown.end',
    'instance.suspend.end',
    'instance.unpause.end',
    'instance.unrescue.end',
    'instance.unshelve.end',
    'instance.rebuild.end',
    'instance.rescue.end',
    'instance.update',
    'instance.live_migration_force_complete.end',
    'instance.live_migration_post_dest.end',
)
INSTANCE_DELETE_EVENTS = ('instance.delete.end', 'instance.soft_delete.end')
SERVICE_EVENTS = ('service.create', 'service.update', 'service.delete')
COMPUTE_BINARY = 'nova-compute'


def _exact(events):
    return '^(%s)$' % '|'.join(event.replace('.', r'\.')
                               for event in events)


def instance_fields(payload):
    """Instance field values carried by an instance notification."""
    data = base.payload_data(payload)
    flavor = base.payload_data(data.get('flavor') or {})
    fields = {
        'uuid': data['uuid'],
        'name': data.get('display_name') or '',
        'state': data.get('state') or element.InstanceState.ACTIVE.value,
        'memory': flavor.get('memory_mb') or 0,
        'vcpus': flavor.get('vcpus') or 0,
        'disk': element.instance_disk_gb(
            flavor.get('root_gb'), flavor.get('ephemeral_gb'),
            flavor.get('swap'), boot_from_volume=not data.get('image_uuid')),
        'metadata': data.get('metadata') or {},
        'project_id': data.get('tenant_id') or '',
        'host': data.get('host') or '',
        'hypervisor_hostname': data.get('node') or '',
        'created': data.get('created_at'),
    }
    if 'locked' in data:
        fields['locked'] = bool(data['locked'])
    if (CONF.compute_model.enable_extended_attributes and
            'extra_specs' in flavor):
        fields['flavor_extra_specs'] = flavor.get('extra_specs') or {}
    return fields


def place_instance(model, fields, fetched_node):
    """Add or update an instance and map it to its host's node."""
    uuid = fields['uuid']
    try:
        instance = model.get_instance_by_uuid(uuid).replace(**fields)
    except exception.InstanceNotFound:
        instance = element.Instance(**fields)
    model.add_instance(instance)
    host = fields['host']
    node = None
    if host:
        try:
            node = model.get_node_by_name(host)
        except exception.ComputeNodeNotFound:
            if fetched_node is not None:
                model.add_node(fetched_node)
                node = fetched_node
    if node is not None:
        model.map_instance(uuid, node.uuid)
        return
    try:
        current = model.get_node_by_instance_uuid(uuid)
        model.unmap_instance(uuid, current.uuid)
    except (exception.InstanceNotMapped, exception.InstanceNotFound):
        pass
    if host:
        LOG.warning('Instance %s is on %s, a host Nova lists no hypervisor '
                    'for: left unplaced', uuid, host)


def remove_instance(model, uuid):
    try:
        model.remove_instance(uuid)
    except exception.InstanceNotFound:
        LOG.debug('Deleted instance %s was not in the model', uuid)


def _node_known(model, hostname):
    try:
        model.get_node_by_name(hostname)
        return True
    except exception.ComputeNodeNotFound:
        return False


class InstanceNotificationEndpoint(base.NotificationEndpoint):
    """instance.* events from nova-* publishers."""

    filter_rule = oslo_messaging.NotificationFilter(
        publisher_id=r'^nova-.*',
        event_type=_exact(INSTANCE_UPDATE_EVENTS + INSTANCE_DELETE_EVENTS))

    def _fetch_node(self, hostname):
        model = self.cluster_data_model
        if not hostname or (model is not None and _node_known(model,
                                                              hostname)):
            return None
        try:
            return self.collector.fetch_compute_node(hostname)
        except Exception as exc:
            LOG.warning('Cannot read compute node %s from Nova: %s',
                        hostname, exc)
            return None

    def change_for(self, event_type, payload):
        data = base.payload_data(payload)
        uuid = data['uuid']
        if event_type in INSTANCE_DELETE_EVENTS:
            return base.ModelChange(
                lambda model: remove_instance(model, uuid),
                '%s %s' % (event_type, uuid))
        fields = instance_fields(payload)
        element.Instance(**fields)  # reject garbage before touching a model
        if (fields['state'] == element.InstanceState.BUILDING.value and
                event_type != 'instance.create.end'):
            LOG.debug('Instance %s still building: %s ignored', uuid,
                      event_type)
            return None
        fetched_node = self._fetch_node(fields['host'])
        return base.ModelChange(
            lambda model: place_instance(model, fields, fetched_node),
            '%s %s' % (event_type, uuid))


def apply_service_status(model, hostname, fields, fetched_node):
    nodes = [node for node in model.get_all_compute_nodes().values()
             if node.hostname == hostname]
    if not nodes and fetched_node is not None:
        model.add_node(fetched_node)
        nodes = [fetched_node]
    for node in nodes:
        model.update_node(node.uuid, **fields)


def remove_service_nodes(model, hostname):
    for node in list(model.get_all_compute_nodes().values()):
        if node.hostname == hostname:
            model.remove_node(node.uuid)


class ServiceNotificationEndpoint(base.NotificationEndpoint):
    """service.create/update/delete of nova-compute services."""

    filter_rule = oslo_messaging.NotificationFilter(
        publisher_id=r'^nova-.*', event_type=_exact(SERVICE_EVENTS))

    def change_for(self, event_type, payload):
        data = base.payload_data(payload)
        if data.get('binary') != COMPUTE_BINARY:
            return None
        hostname = data['host']
        if event_type == 'service.delete':
            return base.ModelChange(
                lambda model: remove_service_nodes(model, hostname),
                'service.delete %s' % hostname)
        disabled = bool(data.get('disabled'))
        fields = {
            'state': (element.ServiceState.OFFLINE.value
                      if data.get('forced_down')
                      else element.ServiceState.ONLINE.value),
            'status': (element.ServiceState.DISABLED.value if disabled
                       else element.ServiceState.ENABLED.value),
            'disabled_reason': (data.get('disabled_reason')
                                if disabled else None),
        }
        fetched_node = None
        model = self.cluster_data_model
        if model is not None and not _node_known(model, hostname):
            try:
                fetched_node = self.collector.fetch_compute_node(hostname)
            except Exception as exc:
                LOG.warning('Cannot read compute node %s from Nova: %s',
                            hostname, exc)
        return base.ModelChange(
            lambda model: apply_service_status(model, hostname, fields,
                                               fetched_node),
            '%s %s' % (event_type, hostname))
