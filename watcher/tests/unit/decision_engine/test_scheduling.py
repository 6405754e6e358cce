"""The decision engine's background jobs start, run and stop."""
from watcher.common import service_monitor
from watcher.decision_engine import manager
from watcher.decision_engine import scheduling
from watcher.tests.unit.decision_engine import de_base


class TestSchedulingService(de_base.DecisionEngineTestCase):

    def service(self):
        monitor = service_monitor.ServiceMonitor(
            scheduling.SERVICE_NAME, host=de_base.HOST, interval=3600)
        service = scheduling.DecisionEngineSchedulingService(
            monitor=monitor)
        self.addCleanup(service.stop, timeout=5)
        return service

    def test_start_registers_every_job_and_cleans_up_interrupted_audits(
            self):
        interrupted = self.create_audit(state='ONGOING',
                                        hostname=de_base.HOST)
        collector = self.set_compute_model(de_base.default_model())
        self.patch(collector, 'is_available', lambda: True)
        self.config(collector_plugins=['compute'], group='collector')
        service = self.service()
        service.start()
        self.assertEqual('CANCELLED', self.reload(interrupted).state)
        job_ids = {job.id for job in service.scheduler.get_jobs()}
        for expected in ('action-plan-expiry', 'stale-action-plans',
                         'audit-recovery', 'launch_audits_periodically'):
            self.assertIn(expected, job_ids)
        self.assertIn('collector-compute', job_ids)
        self.assertEqual(3600, service.scheduler.get_job(
            'collector-compute').trigger.interval.total_seconds())

    def test_continuous_audits_run_once_started(self):
        self.config(continuous_audit_interval=1,
                    group='watcher_decision_engine')
        audit = self.create_audit(audit_type='CONTINUOUS', interval='3600')
        service = self.service()
        service.start()
        self.wait_for(lambda: self.plans_of(audit), timeout=10,
                      message='a first continuous run')
        service.stop(timeout=5)
        self.assertEqual('ONGOING', self.reload(audit).state)

    def test_manager_runs_the_jobs(self):
        de_manager = manager.DecisionEngineManager()
        self.assertTrue(any(
            isinstance(job, scheduling.DecisionEngineSchedulingService)
            for job in de_manager.background_jobs))
