"""Cinder notifications -> storage model changes.

``capacity.pool`` (publisher ``capacity.*``) updates a pool's capacities
from ``name_to_id``, ``total``, ``free``, ``provisioned``, ``allocated``
and ``virtual_free``. ``volume.{create,update,attach,detach,resize,
delete}.end`` (publisher ``volume.*``) add, update or remove a volume read
from ``volume_id``, ``display_name``, ``size``, ``status``,
``snapshot_id``, ``tenant_id``, ``metadata``, ``created_at``, ``host``,
``volume_type`` (an id, turned into a name through the API),
``volume_attachment`` and ``glance_metadata`` (bootable when present); the
volume's pool is then re-read from the API.
"""
import oslo_messaging
from oslo_log import log

from watcher.common import exception
from watcher.decision_engine.model import element
from watcher.decision_engine.model.notification import base
from watcher.decision_engine.model import storage_root

LOG = log.getLogger(__name__)

VOLUME_EVENTS = ('volume.create.end', 'volume.update.end',
                 'volume.attach.end', 'volume.detach.end',
                 'volume.resize.end', 'volume.delete.end')


def _plain_metadata(value):
    if isinstance(value, dict):
        return value
    result = {}
    for item in value or ():
        if isinstance(item, dict) and 'key' in item:
            result[item['key']] = item.get('value')
    return result


def upsert_pool(model, pool, node):
    """Add or refresh a pool, and place it on its backend if known."""
    if node is not None:
        try:
            model.get_node_by_name(node.host)
        except exception.StorageNodeNotFound:
            model.add_node(node)
    model.add_pool(pool)
    try:
        model.map_pool(pool.name, storage_root.backend_of(pool.name))
    except exception.StorageNodeNotFound:
        LOG.debug('Pool %s has no known backend', pool.name)


class _StorageEndpoint(base.NotificationEndpoint):

    def _backend_if_unknown(self, pool_name):
        model = self.cluster_data_model
        host = storage_root.backend_of(pool_name or '')
        if not host or model is None:
            return None
        try:
            model.get_node_by_name(host)
            return None
        except exception.StorageNodeNotFound:
            pass
        try:
            return self.collector.fetch_storage_node(host)
        except Exception as exc:
            LOG.warning('Cannot read storage backend %s: %s', host, exc)
            return None


class CapacityNotificationEndpoint(_StorageEndpoint):
    """capacity.pool: the scheduler's view of a pool."""

    filter_rule = oslo_messaging.NotificationFilter(
        publisher_id=r'^capacity.*', event_type=r'^capacity\.pool$')

    def change_for(self, event_type, payload):
        name = payload['name_to_id']
        capacities = {
            'total_capacity_gb': payload.get('total'),
            'free_capacity_gb': payload.get('free'),
            'provisioned_capacity_gb': payload.get('provisioned'),
            'allocated_capacity_gb': payload.get('allocated'),
            'virtual_free': payload.get('virtual_free'),
        }
        capacities = {key: value for key, value in capacities.items()
                      if value is not None}
        element.Pool(name=name, **capacities)  # reject garbage early
        node = self._backend_if_unknown(name)

        def change(model):
            try:
                pool = model.get_pool_by_pool_name(name).replace(
                    **capacities)
            except exception.PoolNotFound:
                pool = element.Pool(name=name, **capacities)
            upsert_pool(model, pool, node)

        return base.ModelChange(change, 'capacity.pool %s' % name)


class VolumeNotificationEndpoint(_StorageEndpoint):
    """volume.*.end events."""

    filter_rule = oslo_messaging.NotificationFilter(
        publisher_id=r'^volume.*',
        event_type='^(%s)$' % '|'.join(
            event.replace('.', r'\.') for event in VOLUME_EVENTS))

    def __init__(self, collector):
        super().__init__(collector)
        self._type_names = {}

    def _type_name(self, type_id):
        if not type_id:
            return ''
        if type_id not in self._type_names:
            try:
                self._type_names[type_id] = \
                    self.collector.volume_type_name(type_id) or type_id
            except Exception as exc:
                LOG.warning('Cannot resolve volume type %s: %s', type_id,
                            exc)
                return type_id
        return self._type_names[type_id]

    def _refreshed_pool(self, name):
        if not name:
            return None
        try:
            return self.collector.fetch_pool(name)
        except Exception as exc:
            LOG.warning('Cannot read storage pool %s: %s', name, exc)
            return None

    def volume_fields(self, payload):
        attachments = [{'server_id': item.get('instance_uuid'),
                        'attachment_id': item.get('id')}
                       for item in payload.get('volume_attachment') or ()
                       if isinstance(item, dict)]
        return {
            'uuid': payload['volume_id'],
            'name': payload.get('display_name') or '',
            'size': payload.get('size') or 0,
            'status': payload.get('status') or 'available',
            'snapshot_id': payload.get('snapshot_id') or '',
            'project_id': payload.get('tenant_id') or '',
            'metadata': _plain_metadata(payload.get('metadata')),
            'created_at': payload.get('created_at') or '',
            'host': payload.get('host') or '',
            'attachments': attachments,
            'bootable': 'true' if payload.get('glance_metadata')
            else 'false',
            'multiattach': bool(payload.get('multiattach', False)),
            'volume_type': self._type_name(payload.get('volume_type')),
        }

    def change_for(self, event_type, payload):
        uuid = payload['volume_id']
        pool_name = payload.get('host') or ''
        pool = self._refreshed_pool(pool_name)
        node = self._backend_if_unknown(pool_name)
        if event_type == 'volume.delete.end':
            def change(model):
                try:
                    model.remove_volume(uuid)
                except exception.VolumeNotFound:
                    pass
                if pool is not None:
                    upsert_pool(model, pool, node)
            return base.ModelChange(change, 'volume.delete.end %s' % uuid)

        fields = self.volume_fields(payload)
        element.Volume(**fields)  # reject garbage early

        def change(model):
            try:
                volume = model.get_volume_by_uuid(uuid).replace(**fields)
            except exception.VolumeNotFound:
                volume = element.Volume(**fields)
            model.add_volume(volume)
            if pool is not None:
                upsert_pool(model, pool, node)
            try:
                model.map_volume(uuid, pool_name)
            except exception.PoolNotFound:
                LOG.debug('Volume %s is in unknown pool %s', uuid,
                          pool_name)

        return base.ModelChange(change, '%s %s' % (event_type, uuid))
