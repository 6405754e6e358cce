"""Client side of the decision engine RPC API (topic
``[watcher_decision_engine] conductor_topic``, version 1.0)."""
from oslo_utils import uuidutils

from watcher import conf
from watcher.common import exception
from watcher.common import rpc
from watcher.objects import base as objects_base

CONF = conf.CONF


class DecisionEngineAPI(rpc.ServiceAPI):
    """Used by the API (and tools) to reach a decision engine."""

    def get_topic(self):
        return CONF.watcher_decision_engine.conductor_topic

    def get_serializer(self):
        return objects_base.WatcherObjectSerializer()

    def trigger_audit(self, context, audit_uuid=None):
        """Ask a decision engine to run the audit (fire and forget)."""
        if not uuidutils.is_uuid_like(audit_uuid):
            raise exception.InvalidUuidOrName(name=audit_uuid)
        self.client.cast(context, 'trigger_audit', audit_uuid=audit_uuid)

    def get_strategy_info(self, context, strategy_name):
        """The strategy's requirement checks (datasource, metrics...)."""
        return self.client.call(context, 'get_strategy_info',
                                strategy_name=strategy_name)

    def get_data_model_info(self, context, data_model_type='compute',
                            audit=None):
        """The cluster data model, optionally scoped by an audit."""
        return self.client.call(context, 'get_data_model_info',
                                data_model_type=data_model_type,
                                audit=audit)
