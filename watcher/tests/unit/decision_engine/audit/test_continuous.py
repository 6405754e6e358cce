"""CONTINUOUS audits: claiming, scheduling, runs and their plans."""
import datetime

from oslo_utils import timeutils

from watcher.common import exception
from watcher.decision_engine.audit import continuous
from watcher.tests.unit.decision_engine import de_base

NOW = datetime.datetime(2026, 3, 1, 12, 0, 0)


class TestScheduleTimes(de_base.DecisionEngineTestCase):

    def audit(self, **values):
        return self.create_audit(audit_type='CONTINUOUS', **values)

    def test_new_interval_audit_runs_now(self):
        self.assertEqual(NOW, continuous.first_run_time(
            self.audit(interval='60'), NOW))

    def test_future_stored_time_is_kept(self):
        later = NOW + datetime.timedelta(seconds=30)
        self.assertEqual(later, continuous.first_run_time(
            self.audit(interval='60', next_run_time=later), NOW))

    def test_missed_run_is_realigned_on_the_interval(self):
        # Due at 10:30 every hour, back at 12:00 -> next at 12:30.
        missed = NOW - datetime.timedelta(minutes=90)
        self.assertEqual(NOW + datetime.timedelta(minutes=30),
                         continuous.first_run_time(
                             self.audit(interval='3600',
                                        next_run_time=missed), NOW))

    def test_cron_audit_waits_for_its_time(self):
        self.assertEqual(datetime.datetime(2026, 3, 1, 12, 5),
                         continuous.first_run_time(
                             self.audit(interval='*/5 * * * *'), NOW))
        self.assertEqual(datetime.datetime(2026, 3, 2, 9, 0),
                         continuous.following_run_time(
                             self.audit(interval='0 9 * * *'), NOW))

    def test_invalid_interval(self):
        self.assertRaises(exception.CronFormatIsInvalid,
                          continuous.first_run_time,
                          self.audit(interval='every day'), NOW)


class TestContinuousHandler(de_base.DecisionEngineTestCase):

    def setUp(self):
        super().setUp()
        self.handler = continuous.ContinuousAuditHandler()
        self.addCleanup(self.handler.stop)

    def audit(self, **values):
        values.setdefault('interval', '3600')
        return self.create_audit(audit_type='CONTINUOUS', **values)

    def job_ids(self):
        return sorted(job.id for job in self.handler.scheduler.get_jobs())

    def test_unowned_audit_is_claimed_and_scheduled(self):
        audit = self.audit()
        self.handler.launch_audits_periodically()
        audit = self.reload(audit)
        self.assertEqual(de_base.HOST, audit.hostname)
        self.assertIsNotNone(audit.next_run_time)
        self.assertEqual([continuous.JOB_PREFIX + audit.uuid],
                         self.job_ids())

    def test_audit_of_another_engine_is_left_alone(self):
        audit = self.audit(hostname='de-b', state='ONGOING')
        self.handler.launch_audits_periodically()
        self.assertEqual('de-b', self.reload(audit).hostname)
        self.assertEqual([], self.job_ids())

    def test_claim_is_a_compare_and_swap(self):
        audit = self.audit()
        # Another engine claims it between the read and the write.
        stale = self.reload(audit)
        other = self.reload(audit)
        other.hostname = 'de-b'
        other.save()
        self.patch(continuous.objects.Audit, 'list',
                   classmethod(lambda cls, *a, **k: [stale]))
        self.assertEqual([], self.handler.claim_unowned_audits(
            self.context))
        self.assertEqual('de-b', self.reload(audit).hostname)

    def test_each_run_cancels_the_previous_recommended_plan(self):
        audit = self.audit()
        self.handler.launch_audits_periodically()
        for _run in range(3):
            self.handler.execute_audit(audit.uuid)
        audit = self.reload(audit)
        self.assertEqual('ONGOING', audit.state)
        plans = self.plans_of(audit)
        self.assertEqual(['CANCELLED', 'CANCELLED', 'RECOMMENDED'],
                         [p.state for p in plans])
        # The next run is scheduled one interval after the last run.
        self.assertGreater(audit.next_run_time.replace(tzinfo=None),
                           timeutils.utcnow() +
                           datetime.timedelta(seconds=3500))

    def test_suspended_audit_loses_its_job(self):
        audit = self.audit()
        self.handler.launch_audits_periodically()
        audit = self.reload(audit)
        audit.state = 'SUSPENDED'
        audit.save()
        self.handler.launch_audits_periodically()
        self.assertEqual([], self.job_ids())
        self.handler.execute_audit(audit.uuid)
        self.assertEqual([], self.plans_of(audit))

    def test_end_time_passed_ends_the_audit(self):
        audit = self.audit(
            state='ONGOING', hostname=de_base.HOST,
            end_time=timeutils.utcnow() - datetime.timedelta(minutes=1))
        self.handler.launch_audits_periodically()
        self.assertEqual('SUCCEEDED', self.reload(audit).state)
        self.assertEqual([], self.job_ids())

    def test_start_time_not_reached_waits(self):
        audit = self.audit(
            start_time=timeutils.utcnow() + datetime.timedelta(hours=1))
        self.handler.launch_audits_periodically()
        self.assertEqual([], self.job_ids())
        self.assertEqual('PENDING', self.reload(audit).state)

    def test_interval_change_reschedules(self):
        audit = self.audit(interval='*/5 * * * *')
        self.handler.launch_audits_periodically()
        job = self.handler.scheduler.get_job(continuous.JOB_PREFIX +
                                             audit.uuid)
        self.assertEqual('*/5 * * * *', job.kwargs['interval'])
        audit = self.reload(audit)
        audit.interval = '600'
        audit.save()
        self.handler.launch_audits_periodically()
        job = self.handler.scheduler.get_job(continuous.JOB_PREFIX +
                                             audit.uuid)
        self.assertEqual('600', job.kwargs['interval'])

    def test_failing_run_fails_the_audit_and_stops_it(self):
        audit = self.audit(parameters={'para1': 500})
        self.handler.launch_audits_periodically()
        self.handler.execute_audit(audit.uuid)
        audit = self.reload(audit)
        self.assertEqual('FAILED', audit.state)
        self.assertIn('para1', audit.status_message)
        self.handler.launch_audits_periodically()
        self.assertEqual([], self.job_ids())

    def test_running_scheduler_leaves_one_recommended_plan(self):
        self.config(continuous_audit_interval=1,
                    group='watcher_decision_engine')
        audit = self.audit(interval='1')
        self.handler.start()
        self.wait_for(lambda: len(self.plans_of(audit)) >= 3, timeout=20,
                      message='three runs')
        self.handler.stop(wait=True)
        states = [p.state for p in self.plans_of(audit)]
        self.assertEqual(1, states.count('RECOMMENDED'))
        self.assertEqual('RECOMMENDED', states[-1])
