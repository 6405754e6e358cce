"""RPC endpoint behind ``GET /v1/data_model``.

``get_data_model_info(context, data_model_type='compute', audit=None)``
returns ``{'context': rows}``: the rows of the model (``ModelRoot.to_list``)
trimmed to the scope of the given audit when one is given. The API keeps
only the keys its microversion allows (see
``model_root.list_keys_for_version``).
"""
import importlib

from oslo_log import log
from oslo_utils import uuidutils

from watcher.common import exception
from watcher.decision_engine.model.collector import manager

LOG = log.getLogger(__name__)

LISTABLE_MODEL_TYPES = ('compute',)


class DataModelEndpoint(object):
    """Serves the cluster data model over RPC."""

    def __init__(self, messaging=None):
        self._messaging = messaging
        self._collector_manager = None

    @property
    def collector_manager(self):
        if self._collector_manager is None:
            self._collector_manager = manager.CollectorManager()
        return self._collector_manager

    def get_audit_scope(self, context, audit=None):
        """The scope of audit ``audit`` (a uuid); InvalidIdentity if none."""
        if not audit:
            return []
        if not uuidutils.is_uuid_like(audit):
            raise exception.InvalidIdentity(identity=audit)
        objects = importlib.import_module('watcher.objects')
        try:
            audit_object = objects.Audit.get_by_uuid(context, audit)
        except exception.AuditNotFound:
            raise exception.InvalidIdentity(identity=audit)
        return audit_object.scope or []

    def get_data_model_info(self, context, data_model_type='compute',
                            audit=None):
        if data_model_type not in LISTABLE_MODEL_TYPES:
            raise exception.DataModelTypeNotFound(
                data_model_type=data_model_type)
        scope = self.get_audit_scope(context, audit)
        collector = self.collector_manager.get_cluster_model_collector(
            data_model_type)
        model = collector.get_latest_cluster_data_model()
        if not model:
            LOG.warning('No %s data model available', data_model_type)
            return {'context': []}
        if scope:
            model = collector.get_audit_scope_handler(
                audit_scope=scope).get_scoped_model(model)
        return {'context': model.to_list()}
