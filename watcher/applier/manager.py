"""The applier service description (RPC topic and endpoint).

Background jobs (the applier monitor for failover) are added with
``add_background_job`` by the packages that own them.
"""
import importlib

from oslo_log import log

from watcher import conf
from watcher.common import manager_base

LOG = log.getLogger(__name__)

CONF = conf.CONF

ENDPOINTS = (
    ('watcher.applier.messaging.trigger', 'TriggerActionPlan'),
)


class ApplierManager(manager_base.ManagerBase):

    service_name = 'watcher-applier'

    def __init__(self):
        super().__init__()
        self.conductor_topic = CONF.watcher_applier.conductor_topic
        self.conductor_endpoints = manager_base.load_endpoints(
            ENDPOINTS, self.service_name)
        self._add_failover_monitor()

    def _add_failover_monitor(self):
        """Relaunch this host's queued plans; watch the other appliers."""
        try:
            monitor = importlib.import_module('watcher.applier.monitor')
        except ImportError as exc:
            LOG.error('%s: the failover monitor is not available (%s)',
                      self.service_name, exc)
            return
        self.add_background_job(monitor.ApplierMonitor())
