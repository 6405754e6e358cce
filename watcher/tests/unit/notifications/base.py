"""Base of the notification tests: a real oslo.messaging notifier (built
by ``watcher.common.rpc``) on the fake transport with the ``test`` driver,
which keeps every message it would have put on the bus."""
from oslo_config import fixture as config_fixture
from oslo_messaging.notify import _impl_test

from watcher.common import rpc
from watcher import conf
import watcher.notifications  # noqa: F401  (registers the listener)
from watcher.tests.unit.objects import base as objects_base

CONF = conf.CONF


class NotificationTestCase(objects_base.ObjectsTestCase):

    def setUp(self):
        super().setUp()
        self.conf = self.useFixture(config_fixture.Config(CONF))
        self.conf.config(transport_url='fake:/', host='node0')
        self.conf.config(driver=['test'], topics=['notifications'],
                         group='oslo_messaging_notifications')
        rpc.cleanup()
        rpc.init(CONF)
        self.addCleanup(rpc.cleanup)
        _impl_test.reset()
        self.addCleanup(_impl_test.reset)

    def sent(self):
        """Messages as the driver received them: (priority, message)."""
        return [(priority, message)
                for _ctx, message, priority, _retry
                in _impl_test.NOTIFICATIONS]

    def event_types(self):
        return [message['event_type'] for _p, message in self.sent()]

    def last(self, event_type):
        """The last message of ``event_type``."""
        for priority, message in reversed(self.sent()):
            if message['event_type'] == event_type:
                return priority, message
        self.fail('%s was not sent; sent: %s' % (event_type,
                                                 self.event_types()))

    def reset_messages(self):
        _impl_test.reset()
