"""The storage collector (entry point ``storage``): Cinder.

Nodes are the cinder-volume services, pools come from the scheduler's pool
statistics (mapped to the backend named before '#'), volumes from one
paginated listing of all projects (mapped to the pool named by their
``os-vol-host-attr:host``). A pool with a non-numeric capacity is logged
and left out, with its volumes unplaced.
"""
from oslo_log import log

from watcher.common import exception
from watcher.decision_engine.model.collector import base
from watcher.decision_engine.model.collector import cinder_api
from watcher.decision_engine.model.notification import cinder as events
from watcher.decision_engine.model import storage_root
from watcher.decision_engine.scope import schemas
from watcher.decision_engine.scope import storage as storage_scope

LOG = log.getLogger(__name__)


class CinderModelBuilder(object):
    """Builds one StorageModelRoot from an SDK connection."""

    def __init__(self, conn):
        self.conn = conn

    def execute(self):
        model = storage_root.StorageModelRoot()
        backend_types = cinder_api.types_by_backend(
            cinder_api.list_volume_types(self.conn))
        for service in sorted(cinder_api.list_volume_services(self.conn),
                              key=lambda service: service.get('host') or ''):
            if not service.get('host'):
                continue
            model.add_node(cinder_api.build_storage_node(service,
                                                         backend_types))
        for pool in sorted(cinder_api.list_pools(self.conn),
                           key=lambda pool: pool.get('name') or ''):
            if not pool.get('name'):
                continue
            try:
                record = cinder_api.build_pool(pool.get('name'),
                                               pool.get('capabilities'))
            except exception.InvalidPoolAttributeValue as exc:
                LOG.warning('Ignoring storage pool: %s', exc)
                continue
            model.add_pool(record)
            try:
                model.map_pool(record.name, storage_root.backend_of(
                    record.name))
            except exception.StorageNodeNotFound:
                LOG.debug('Pool %s has no cinder-volume service',
                          record.name)
        for volume in cinder_api.list_volumes(self.conn):
            try:
                record = cinder_api.build_volume(volume)
            except Exception as exc:
                LOG.warning('Ignoring volume %s: %s', volume.get('id'), exc)
                continue
            model.add_volume(record)
            if record.host:
                try:
                    model.map_volume(record.uuid, record.host)
                except exception.PoolNotFound:
                    LOG.debug('Volume %s is in unknown pool %s',
                              record.uuid, record.host)
        return model


class CinderClusterDataModelCollector(base.BaseClusterDataModelCollector):
    """Keeps the storage model: backends, pools and volumes."""

    NAME = 'storage'
    SCHEMA = schemas.STORAGE_SCOPE_SCHEMA
    SERVICE_TYPES = ('block-storage', 'volumev3')

    @property
    def notification_endpoints(self):
        return [events.CapacityNotificationEndpoint(self),
                events.VolumeNotificationEndpoint(self)]

    def get_audit_scope_handler(self, audit_scope):
        return storage_scope.StorageScope(audit_scope, self.config,
                                          osc=self.osc)

    def new_empty_model(self, stale=False):
        return storage_root.StorageModelRoot(stale=stale)

    def build_model(self):
        return CinderModelBuilder(self.connection()).execute()

    def fetch_storage_node(self, host):
        return cinder_api.fetch_storage_node(self.connection(), host)

    def fetch_pool(self, name):
        return cinder_api.fetch_pool(self.connection(), name)

    def volume_type_name(self, type_id):
        return cinder_api.volume_type_name(self.connection(), type_id)
