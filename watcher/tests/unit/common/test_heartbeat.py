"""The heartbeat keeps one ``services`` row per (name, host) alive."""
import datetime
import time

from oslo_config import fixture as config_fixture
from oslo_utils import timeutils
import testtools

from watcher import conf
from watcher.common import context
from watcher.common import service
from watcher.common import service_monitor
from watcher import objects
from watcher.tests import db_fixture

CONF = conf.CONF


def naive(value):
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value


class TestHeartbeat(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(config_fixture.Config(CONF)).config(
            host='host-1', service_down_time=90)
        self.useFixture(db_fixture.Database())
        self.ctx = context.get_admin_context()

    def rows(self):
        return objects.Service.list(self.ctx)

    def test_first_beat_creates_an_active_row(self):
        before = timeutils.utcnow()
        service.ServiceHeartbeat('watcher-applier').beat()
        rows = self.rows()
        self.assertEqual([('watcher-applier', 'host-1')],
                         [(r.name, r.host) for r in rows])
        self.assertGreaterEqual(naive(rows[0].last_seen_up),
                                before.replace(microsecond=0))
        self.assertEqual('ACTIVE',
                         service_monitor.get_service_status(rows[0]))

    def test_later_beats_update_the_same_row(self):
        heartbeat = service.ServiceHeartbeat('watcher-applier')
        first = heartbeat.beat()
        time.sleep(1.1)
        second = heartbeat.beat()
        rows = self.rows()
        self.assertEqual([first.id], [r.id for r in rows])
        self.assertGreater(naive(second.last_seen_up),
                           naive(first.last_seen_up))

    def test_services_and_hosts_get_their_own_rows(self):
        service.ServiceHeartbeat('watcher-applier').beat()
        service.ServiceHeartbeat('watcher-applier', host='host-2').beat()
        service.ServiceHeartbeat('watcher-decision-engine').beat()
        self.assertEqual(
            [('watcher-applier', 'host-1'), ('watcher-applier', 'host-2'),
             ('watcher-decision-engine', 'host-1')],
            sorted((r.name, r.host) for r in self.rows()))

    def test_thread_beats_periodically_until_stopped(self):
        heartbeat = service.ServiceHeartbeat('watcher-applier',
                                             interval=0.3)
        heartbeat.start()
        self.addCleanup(heartbeat.stop)
        first = naive(self.rows()[0].last_seen_up)
        deadline = time.monotonic() + 10
        while naive(self.rows()[0].last_seen_up) == first:
            self.assertLess(time.monotonic(), deadline, 'no second beat')
            time.sleep(0.1)
        heartbeat.stop()
        stopped_at = naive(self.rows()[0].last_seen_up)
        time.sleep(1.2)
        self.assertEqual(stopped_at, naive(self.rows()[0].last_seen_up))
