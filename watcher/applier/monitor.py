"""Applier failover: the plans of a dead applier are not left hanging.

A background job of ``watcher-applier``. At start it launches again the
plans this host had received but not started before its last stop. Then,
every ``[DEFAULT] periodic_interval`` seconds, the leader (alphabetically
first ACTIVE applier) closes the running plans of an applier that stopped
sending heartbeats and launches its PENDING plans again (see
``recovery``).
"""
from oslo_log import log

from watcher.applier import recovery
from watcher.common import context as watcher_context
from watcher.common import service_monitor
from watcher import conf

CONF = conf.CONF
LOG = log.getLogger(__name__)

SERVICE_NAME = 'watcher-applier'


class ApplierMonitor:
    """Start/stop job wrapping a ``ServiceMonitor`` of the appliers."""

    def __init__(self, host=None, interval=None, applier_api=None):
        self.host = host or CONF.host
        self._applier_api = applier_api
        self.monitor = service_monitor.ServiceMonitor(
            SERVICE_NAME, host=self.host, on_failed=self.on_failed,
            on_status_change=self.on_status_change, interval=interval)

    def _context(self):
        return watcher_context.get_admin_context()

    def start(self):
        try:
            recovery.requeue_pending_plans(self._context(), self.host,
                                           self._applier_api)
        except Exception:
            LOG.exception('Could not launch again the plans queued on %s '
                          'before its last stop', self.host)
        self.monitor.start()

    def stop(self):
        self.monitor.stop()

    def on_status_change(self, service, old_status, new_status):
        if old_status is None:
            return
        try:
            from watcher.notifications import service as service_notify
            service_notify.send_service_update(
                self._context(), service, state=new_status,
                old_state=old_status)
        except Exception as exc:
            LOG.debug('service.update not sent for %s: %s', service.host,
                      exc)

    def on_failed(self, service):
        if service.host == self.host:
            return
        cancelled, requeued = recovery.recover_host(
            self._context(), service.host, self._applier_api)
        if cancelled or requeued:
            LOG.warning('Applier %s is down: cancelled plan(s) %s, launched '
                        'again %s', service.host, cancelled or 'none',
                        requeued or 'none')
