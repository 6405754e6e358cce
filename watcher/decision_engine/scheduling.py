"""Background jobs of the decision engine, on one APScheduler scheduler.

Started with the service (``DecisionEngineManager`` adds it as a
background job):

* at start, this host's ONESHOT/EVENT audits interrupted by the previous
  stop are CANCELLED (``recovery``);
* each enabled cluster-data-model collector synchronises every
  ``[watcher_cluster_data_model_collectors.<name>] period`` seconds, the
  first time at start (``[collector] build_models_at_start``);
* the action-plan expiry check every ``check_periodic_interval`` seconds
  (``stale_plans``), and the launch / model-change checks every
  ``continuous_audit_interval`` seconds;
* the continuous-audit pass every ``continuous_audit_interval`` seconds;
* every ``[DEFAULT] periodic_interval`` seconds: lost runs and lost
  triggers (``recovery``);
* the service monitor: when another decision engine stops heartbeating,
  its audits are recovered.

All jobs run on native threads; a failing job is logged and runs again at
its next time.
"""
import importlib
import threading

from oslo_log import log
from oslo_utils import timeutils

from watcher.common import context as watcher_context
from watcher.common import service_monitor
from watcher import conf
from watcher.decision_engine.audit import continuous
from watcher.decision_engine.audit import recovery
from watcher.decision_engine.audit import runner
from watcher.decision_engine import stale_plans

CONF = conf.CONF
LOG = log.getLogger(__name__)

SERVICE_NAME = 'watcher-decision-engine'


def _logged(job, name):
    def run():
        try:
            job()
        except Exception:
            LOG.exception('Background job %s failed', name)
    run.__name__ = name
    return run


def collector_manager():
    """The model package's collector manager, or None if unavailable."""
    try:
        module = importlib.import_module(
            'watcher.decision_engine.model.collector.manager')
        return module.CollectorManager()
    except Exception as exc:
        LOG.error('Cluster data model collectors unavailable: %s', exc)
        return None


class DecisionEngineSchedulingService(object):
    """Owns the scheduler and every periodic job of the engine."""

    def __init__(self, scheduler=None, monitor=None):
        self.scheduler = scheduler or continuous.new_scheduler()
        self.continuous_handler = continuous.ContinuousAuditHandler(
            scheduler=self.scheduler)
        self.monitor = monitor or service_monitor.ServiceMonitor(
            SERVICE_NAME, on_failed=recovery.on_service_failed,
            on_status_change=self._on_status_change)
        self._collectors = {}

    # -- jobs --------------------------------------------------------------

    def _every(self, seconds, job, name, first_run_now=True):
        kwargs = {'next_run_time': timeutils.utcnow(with_timezone=True)}
        self.scheduler.add_job(
            _logged(job, name), 'interval', seconds=max(1, int(seconds)),
            id=name, replace_existing=True,
            **(kwargs if first_run_now else {}))

    def add_collector_jobs(self):
        manager = collector_manager()
        if manager is None:
            return
        try:
            self._collectors = dict(manager.get_collectors())
        except Exception:
            LOG.exception('Cannot load the cluster data model collectors')
            return
        for name, collector in sorted(self._collectors.items()):
            if CONF.collector.build_models_at_start:
                collector.request_model()
            self._every(collector.period, collector.synchronize,
                        'collector-%s' % name)
            if name == 'compute':
                collector.add_change_listener(
                    stale_plans.TRACKER.on_model_change)

    def check_stale_plans(self):
        stale_plans.check_launched()
        compute = self._collectors.get('compute')
        if compute is not None:
            stale_plans.check_model_changes(compute.cluster_data_model)

    def recover_lost_audits(self):
        recovery.fail_lost_runs()
        audit_runner = runner.get_runner()
        for audit in recovery.find_lost_triggers():
            LOG.warning('Audit %s was never started; running it here',
                        audit.uuid)
            audit_runner.submit(audit.uuid)

    def _on_status_change(self, service, old_status, new_status):
        """``service.update`` when a decision engine fails or comes back
        (not for the first sighting of a service)."""
        if old_status is None:
            return
        try:
            from watcher.notifications import service as service_notify
            service_notify.send_service_update(
                watcher_context.get_admin_context(), service,
                state=new_status, old_state=old_status)
        except Exception as exc:
            LOG.debug('service.update not sent for %s: %s', service.host,
                      exc)

    # -- life cycle ----------------------------------------------------------

    def start(self):
        try:
            recovery.cancel_own_interrupted_audits()
        except Exception:
            LOG.exception('Cannot check the audits interrupted by the '
                          'previous stop')
        options = CONF.watcher_decision_engine
        self.add_collector_jobs()
        self._every(options.check_periodic_interval,
                    stale_plans.check_expired, 'action-plan-expiry')
        self._every(options.continuous_audit_interval,
                    self.check_stale_plans, 'stale-action-plans',
                    first_run_now=False)
        self._every(CONF.periodic_interval, self.recover_lost_audits,
                    'audit-recovery', first_run_now=False)
        self.continuous_handler.start()
        self.scheduler.start()
        self.monitor.start()
        LOG.info('Decision engine background jobs started')

    def stop(self, timeout=None):
        """Stop scheduling; give running jobs ``timeout`` seconds."""
        self.monitor.stop()
        self.scheduler.stop(wait=False)
        waiter = threading.Thread(target=self.scheduler.stop,
                                  kwargs={'wait': True}, daemon=True)
        waiter.start()
        waiter.join(timeout)
