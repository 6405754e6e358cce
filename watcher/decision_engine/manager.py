"""The decision engine service description (RPC topic and endpoints).

Background jobs (continuous audits, action plan expiry, collectors, the
service monitor) are added with ``add_background_job`` by the packages
that own them. The notification listener serves the enabled collectors'
endpoints (Nova, Cinder... events keep their models current).
"""
from oslo_log import log

from watcher import conf
from watcher.common import manager_base
from watcher.decision_engine import scheduling

CONF = conf.CONF
LOG = log.getLogger(__name__)

ENDPOINTS = (
    ('watcher.decision_engine.messaging.audit_endpoint', 'AuditEndpoint'),
    ('watcher.decision_engine.messaging.strategy_endpoint',
     'StrategyEndpoint'),
    ('watcher.decision_engine.messaging.data_model_endpoint',
     'DataModelEndpoint'),
)


class DecisionEngineManager(manager_base.ManagerBase):

    service_name = 'watcher-decision-engine'

    def __init__(self):
        super().__init__()
        options = CONF.watcher_decision_engine
        self.conductor_topic = options.conductor_topic
        self.notification_topics = list(options.notification_topics)
        self.conductor_endpoints = manager_base.load_endpoints(
            ENDPOINTS, self.service_name)
        self.notification_endpoints = collector_notification_endpoints()
        self.add_background_job(scheduling.DecisionEngineSchedulingService())


def collector_notification_endpoints():
    """The enabled collectors' endpoints; none if they cannot be loaded.

    The collectors are per-process singletons, so these endpoints update
    the same master models the periodic synchronisation rebuilds.
    """
    manager = scheduling.collector_manager()
    if manager is None:
        return []
    try:
        return manager.get_notification_endpoints()
    except Exception:
        LOG.exception('Cluster data model notifications will not be '
                      'handled: the collectors cannot be loaded')
        return []
