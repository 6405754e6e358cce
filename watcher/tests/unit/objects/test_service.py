"""Service status computed from the last heartbeat."""
import datetime

from oslo_config import fixture as config_fixture
from oslo_utils import timeutils
import testtools

from watcher import conf
from watcher import objects
from watcher.objects import service as service_obj

NOW = datetime.datetime(2026, 5, 1, 12, 0, 0)


def _service(**values):
    return objects.Service(name='watcher-applier', host='node-1', **values)


class TestServiceStatus(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.conf = self.useFixture(config_fixture.Config(conf.CONF))

    def test_recent_heartbeat_is_active(self):
        service = _service(last_seen_up=NOW - datetime.timedelta(seconds=90))
        self.assertEqual('ACTIVE', service_obj.get_status(service, now=NOW))

    def test_old_heartbeat_is_failed(self):
        service = _service(last_seen_up=NOW - datetime.timedelta(seconds=91))
        self.assertEqual('FAILED', service_obj.get_status(service, now=NOW))

    def test_service_down_time_option_is_used(self):
        self.conf.config(service_down_time=300)
        service = _service(last_seen_up=NOW - datetime.timedelta(
            seconds=200))
        self.assertEqual('ACTIVE', service_obj.get_status(service, now=NOW))

    def test_clock_ahead_on_the_service_host_is_tolerated(self):
        service = _service(last_seen_up=NOW + datetime.timedelta(seconds=30))
        self.assertEqual('ACTIVE', service_obj.get_status(service, now=NOW))

    def test_falls_back_on_updated_then_created_at(self):
        aware = (NOW - datetime.timedelta(seconds=10)).replace(
            tzinfo=datetime.timezone.utc)
        self.assertEqual('ACTIVE', service_obj.get_status(
            _service(last_seen_up=None, updated_at=aware), now=NOW))
        self.assertEqual('ACTIVE', service_obj.get_status(
            _service(created_at=aware), now=NOW))
        self.assertEqual('FAILED', service_obj.get_status(
            _service(created_at=aware), now=NOW + datetime.timedelta(
                hours=1)))

    def test_never_seen_service_is_failed(self):
        self.assertEqual('FAILED', service_obj.get_status(_service(),
                                                          now=NOW))

    def test_status_property_uses_the_current_time(self):
        fresh = _service(last_seen_up=timeutils.utcnow())
        self.assertEqual(objects.service.ServiceStatus.ACTIVE, fresh.status)
        stale = _service(last_seen_up=datetime.datetime(2000, 1, 1))
        self.assertEqual(objects.service.ServiceStatus.FAILED, stale.status)
