"""Applier RPC client: validation happens before anything is sent."""
import threading

from oslo_config import fixture as config_fixture
import oslo_messaging as messaging
import testtools

from watcher import conf
from watcher.applier import rpcapi
from watcher.common import context
from watcher.common import exception
from watcher.common import rpc

CONF = conf.CONF
PLAN = '2d1ee8b0-9a4e-4f7e-8fb5-0e3b8bcbd9a1'


class Trigger:
    target = messaging.Target(version='1.0')

    def __init__(self):
        self.received = []
        self.event = threading.Event()

    def launch_action_plan(self, ctx, action_plan_uuid):
        self.received.append(action_plan_uuid)
        self.event.set()


class TestApplierAPI(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(config_fixture.Config(CONF)).config(
            transport_url='fake:/')
        rpc.cleanup()
        self.addCleanup(rpc.cleanup)
        self.ctx = context.RequestContext()

    def test_invalid_uuid_is_rejected_without_sending(self):
        api = rpcapi.ApplierAPI()
        for bad in (None, '', 'plan-1', '1234'):
            self.assertRaises(exception.InvalidUuidOrName,
                              api.launch_action_plan, self.ctx, bad)
        self.assertFalse(rpc.initialized())

    def test_launch_is_cast_to_the_applier_topic(self):
        rpc.init(CONF)
        endpoint = Trigger()
        server = rpc.get_server(
            messaging.Target(topic=CONF.watcher_applier.conductor_topic,
                             server='applier-host', version='1.0'),
            [endpoint])
        server.start()
        self.addCleanup(server.wait)
        self.addCleanup(server.stop)
        self.assertIsNone(rpcapi.ApplierAPI().launch_action_plan(
            self.ctx, PLAN))
        self.assertTrue(endpoint.event.wait(10))
        self.assertEqual([PLAN], endpoint.received)
