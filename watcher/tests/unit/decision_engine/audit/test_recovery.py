"""Audits of stopped or restarted decision engines never stay stuck."""
import datetime

from oslo_utils import timeutils

from watcher.common import service_monitor
from watcher.decision_engine.audit import continuous
from watcher.decision_engine.audit import recovery
from watcher.decision_engine import scheduling
from watcher import objects
from watcher.tests.unit.decision_engine import de_base

OTHER = 'de-b'


class TestRecovery(de_base.DecisionEngineTestCase):

    def audit(self, audit_type='ONESHOT', state='ONGOING', host=OTHER,
              **values):
        if audit_type == 'CONTINUOUS':
            values.setdefault('interval', '3600')
        return self.create_audit(audit_type=audit_type, state=state,
                                 hostname=host, **values)

    def test_restart_cancels_own_interrupted_oneshot_and_event(self):
        oneshot = self.audit(host=de_base.HOST)
        event = self.audit(audit_type='EVENT', host=de_base.HOST)
        mine_continuous = self.audit(audit_type='CONTINUOUS',
                                     host=de_base.HOST)
        others = self.audit()
        self.assertEqual(sorted([oneshot.uuid, event.uuid]),
                         sorted(recovery.cancel_own_interrupted_audits()))
        oneshot = self.reload(oneshot)
        self.assertEqual('CANCELLED', oneshot.state)
        self.assertIn(de_base.HOST, oneshot.status_message)
        self.assertIn('restarted', oneshot.status_message)
        self.assertEqual('CANCELLED', self.reload(event).state)
        self.assertEqual('ONGOING', self.reload(mine_continuous).state)
        self.assertEqual('ONGOING', self.reload(others).state)

    def test_dead_engine_audits_fail_or_are_released(self):
        oneshot = self.audit()
        event = self.audit(audit_type='EVENT')
        cont = self.audit(audit_type='CONTINUOUS')
        finished = self.audit(state='SUCCEEDED')
        failed, released = recovery.recover_dead_engine(OTHER)
        self.assertEqual(sorted([oneshot.uuid, event.uuid]), sorted(failed))
        self.assertEqual([cont.uuid], released)
        oneshot = self.reload(oneshot)
        self.assertEqual('FAILED', oneshot.state)
        self.assertIn(OTHER, oneshot.status_message)
        self.assertIsNone(self.reload(cont).hostname)
        self.assertEqual('SUCCEEDED', self.reload(finished).state)
        # A live engine picks the released continuous audit up.
        handler = continuous.ContinuousAuditHandler()
        self.addCleanup(handler.stop)
        handler.launch_audits_periodically()
        self.assertEqual(de_base.HOST, self.reload(cont).hostname)

    def test_service_monitor_leader_recovers_a_dead_peer(self):
        now = timeutils.utcnow()
        objects.Service(self.context, name=scheduling.SERVICE_NAME,
                        host=de_base.HOST, last_seen_up=now).create()
        objects.Service(self.context, name=scheduling.SERVICE_NAME,
                        host=OTHER,
                        last_seen_up=now - datetime.timedelta(hours=1)
                        ).create()
        audit = self.audit()
        monitor = service_monitor.ServiceMonitor(
            scheduling.SERVICE_NAME, host=de_base.HOST,
            on_failed=recovery.on_service_failed)
        monitor.check()
        self.assertEqual('FAILED', self.reload(audit).state)

    def test_own_host_is_never_treated_as_dead(self):
        audit = self.audit(host=de_base.HOST)

        class Row(object):
            host = de_base.HOST
        recovery.on_service_failed(Row())
        self.assertEqual('ONGOING', self.reload(audit).state)

    def test_lost_runs_fail_after_the_grace_period(self):
        lost = self.audit(host=de_base.HOST)
        running = self.audit(host=de_base.HOST)
        later = timeutils.utcnow() + datetime.timedelta(minutes=5)
        self.assertEqual([], recovery.fail_lost_runs(running=frozenset()))
        self.assertEqual([lost.uuid], recovery.fail_lost_runs(
            now=later, running=frozenset([running.uuid])))
        self.assertEqual('FAILED', self.reload(lost).state)
        self.assertEqual('ONGOING', self.reload(running).state)

    def test_lost_triggers(self):
        pending = self.audit(state='PENDING', host=None)
        self.audit(state='PENDING', host=None, audit_type='EVENT')
        later = timeutils.utcnow() + datetime.timedelta(minutes=5)
        self.assertEqual([], recovery.find_lost_triggers())
        self.assertEqual([pending.uuid], [
            a.uuid for a in recovery.find_lost_triggers(now=later)])
