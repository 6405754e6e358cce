"""The decision engine's background jobs start, run and stop."""
import time

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

    def _start_with_unbuilt_compute_collector(self):
        collector = self.set_compute_model(None)
        collector.reset()
        # The collector is a process-wide singleton: forget earlier readers.
        self.patch(collector, '_requested', False)
        builds = []
        self.patch(collector, 'is_available', lambda: True)
        self.patch(collector, 'build_model',
                   lambda: builds.append(1) or de_base.default_model())
        self.config(collector_plugins=['compute'], group='collector')
        service = self.service()
        service.start()
        # The first synchronisation runs at start, then every hour.
        job = service.scheduler.get_job('collector-compute')
        self.wait_for(lambda: (job.next_run_time.timestamp() -
                               time.time()) > 3000,
                      timeout=10, message='the first synchronisation')
        return collector, builds

    def test_models_are_built_at_start(self):
        collector, builds = self._start_with_unbuilt_compute_collector()
        self.wait_for(lambda: collector.cluster_data_model is not None,
                      timeout=10, message='the compute model built at start')
        self.assertEqual([1], builds)
        self.assertTrue(collector.get_latest_cluster_data_model())
        self.assertEqual([1], builds)

    def test_models_wait_for_an_audit_as_in_the_reference_if_asked(self):
        self.config(build_models_at_start=False, group='collector')
        collector, builds = self._start_with_unbuilt_compute_collector()
        self.assertEqual([], builds)
        self.assertIsNone(collector.cluster_data_model)
        self.assertTrue(collector.get_latest_cluster_data_model())
        self.assertEqual([1], builds)

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
