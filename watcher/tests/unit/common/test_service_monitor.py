"""Service status, leader election and failure callbacks."""
import datetime
import types

from oslo_config import fixture as config_fixture
import testtools

from watcher import conf
from watcher.common import service_monitor

CONF = conf.CONF
NOW = datetime.datetime(2026, 11, 22, 12, 0, 0)


def row(host, seconds_ago, id_=None, name='watcher-applier'):
    seen = NOW - datetime.timedelta(seconds=seconds_ago)
    return types.SimpleNamespace(id=id_ or hash(host) % 1000, name=name,
                                 host=host, last_seen_up=seen,
                                 updated_at=None, created_at=None)


class ListedMonitor(service_monitor.ServiceMonitor):
    """Monitor whose rows come from a list the test controls."""

    rows = ()

    def _list_services(self):
        return list(self.rows)


class TestStatus(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(config_fixture.Config(CONF)).config(
            service_down_time=90)

    def test_recent_heartbeat_is_active(self):
        self.assertEqual('ACTIVE', service_monitor.get_service_status(
            row('a', 90), now=NOW))

    def test_old_heartbeat_is_failed(self):
        self.assertEqual('FAILED', service_monitor.get_service_status(
            row('a', 91), now=NOW))

    def test_falls_back_to_updated_then_created(self):
        service = types.SimpleNamespace(
            last_seen_up=None, updated_at=None,
            created_at=NOW - datetime.timedelta(seconds=10))
        self.assertEqual('ACTIVE', service_monitor.get_service_status(
            service, now=NOW))
        service.created_at = None
        self.assertEqual('FAILED', service_monitor.get_service_status(
            service, now=NOW))

    def test_timezone_aware_values_are_compared_in_utc(self):
        aware = (NOW - datetime.timedelta(seconds=30)).replace(
            tzinfo=datetime.timezone.utc)
        service = types.SimpleNamespace(last_seen_up=aware)
        self.assertEqual('ACTIVE', service_monitor.get_service_status(
            service, now=NOW, down_time=60))


class TestMonitor(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(config_fixture.Config(CONF)).config(
            service_down_time=90)
        self.failed = []
        self.changes = []

    def monitor(self, host, rows):
        monitor = ListedMonitor(
            'watcher-applier', host=host,
            on_failed=lambda s: self.failed.append(s.host),
            on_status_change=lambda s, old, new: self.changes.append(
                (s.host, old, new)))
        monitor.rows = rows
        return monitor

    def test_leader_is_first_active_host_alphabetically(self):
        rows = [row('charlie', 5, 1), row('alpha', 500, 2),
                row('bravo', 5, 3)]
        monitor = self.monitor('bravo', rows)
        monitor.check(now=NOW)
        self.assertEqual('bravo', monitor.leader)
        self.assertTrue(monitor.is_leader())

    def test_only_the_leader_runs_callbacks(self):
        rows = [row('alpha', 5, 1), row('bravo', 5, 2)]
        follower = self.monitor('bravo', rows)
        follower.check(now=NOW)
        self.assertFalse(follower.is_leader())
        self.assertEqual([], self.changes)

    def test_leader_reports_a_service_going_failed_once(self):
        rows = [row('alpha', 5, 1), row('bravo', 5, 2)]
        leader = self.monitor('alpha', rows)
        leader.check(now=NOW)
        self.assertEqual([('alpha', None, 'ACTIVE'),
                          ('bravo', None, 'ACTIVE')], self.changes)
        self.assertEqual([], self.failed)

        leader.rows = [row('alpha', 5, 1), row('bravo', 200, 2)]
        leader.check(now=NOW)
        leader.check(now=NOW)
        self.assertEqual(['bravo'], self.failed)
        self.assertEqual(('bravo', 'ACTIVE', 'FAILED'), self.changes[-1])

    def test_new_leader_takes_over_when_the_leader_fails(self):
        rows = [row('alpha', 5, 1), row('bravo', 5, 2)]
        bravo = self.monitor('bravo', rows)
        bravo.check(now=NOW)
        bravo.rows = [row('alpha', 200, 1), row('bravo', 5, 2)]
        bravo.check(now=NOW)
        self.assertTrue(bravo.is_leader())
        self.assertEqual(['alpha'], self.failed)

    def test_no_leader_without_active_service(self):
        monitor = self.monitor('alpha', [row('alpha', 500, 1)])
        monitor.check(now=NOW)
        self.assertIsNone(monitor.leader)
        self.assertEqual([], self.failed)

    def test_failing_callback_does_not_stop_the_monitor(self):
        def broken(service):
            raise ValueError('boom')
        monitor = ListedMonitor('watcher-applier', host='alpha',
                                on_failed=broken)
        monitor.rows = [row('alpha', 5, 1), row('bravo', 500, 2)]
        changes = monitor.check(now=NOW)
        self.assertEqual(2, len(changes))
