"""RPC plumbing on oslo.messaging's in-process fake transport."""
import threading

from oslo_config import fixture as config_fixture
import oslo_messaging as messaging
import testtools

from watcher import conf
from watcher.common import context
from watcher.common import exception
from watcher.common import rpc

CONF = conf.CONF


class Recorder:
    """Endpoint that answers calls and records casts."""

    target = messaging.Target(version='1.0')

    def __init__(self):
        self.casts = []
        self.cast_received = threading.Event()

    def echo(self, ctx, value):
        return {'value': value, 'user_id': ctx.user_id,
                'context_class': type(ctx).__name__}

    def remember(self, ctx, value):
        self.casts.append((ctx.project_id, value))
        self.cast_received.set()

    def fail(self, ctx, name):
        raise exception.StrategyNotFound(strategy=name)

    def _hidden(self, ctx):
        return 'secret'


class RPCTestCase(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.conf = self.useFixture(config_fixture.Config(CONF))
        self.conf.config(transport_url='fake:/')
        rpc.cleanup()
        self.addCleanup(rpc.cleanup)


class TestRPC(RPCTestCase):

    def setUp(self):
        super().setUp()
        rpc.init(CONF)
        self.endpoint = Recorder()
        topic = 'test-topic-%s' % self.id()
        self.server = rpc.get_server(
            messaging.Target(topic=topic, server='host-a', version='1.0'),
            [self.endpoint])
        self.server.start()
        self.addCleanup(self._stop_server)
        self.client = rpc.get_client(messaging.Target(topic=topic,
                                                      version='1.0'))
        self.ctx = context.RequestContext(user_id='user-1',
                                          project_id='project-1')

    def _stop_server(self):
        self.server.stop()
        self.server.wait()

    def test_call_returns_result_and_rebuilds_the_context(self):
        result = self.client.call(self.ctx, 'echo', value=42)
        self.assertEqual({'value': 42, 'user_id': 'user-1',
                          'context_class': 'RequestContext'}, result)

    def test_cast_is_delivered(self):
        self.assertIsNone(self.client.cast(self.ctx, 'remember', value='x'))
        self.assertTrue(self.endpoint.cast_received.wait(10))
        self.assertEqual([('project-1', 'x')], self.endpoint.casts)

    def test_remote_watcher_exception_keeps_its_code(self):
        error = self.assertRaises(exception.StrategyNotFound,
                                  self.client.call, self.ctx, 'fail',
                                  name='nope')
        self.assertEqual(404, error.code)

    def test_private_methods_are_not_callable(self):
        self.assertRaises(messaging.NoSuchMethod, self.client.call,
                          self.ctx, '_hidden')

    def test_control_exchange_is_watcher(self):
        self.assertEqual('watcher', CONF.control_exchange)


class TestLifecycle(RPCTestCase):

    def test_using_rpc_before_init_is_a_clear_error(self):
        error = self.assertRaises(RuntimeError, rpc.get_transport)
        self.assertIn('rpc.init()', str(error))

    def test_init_is_idempotent_and_cleanup_resets(self):
        rpc.init(CONF)
        transport = rpc.get_transport()
        rpc.init(CONF)
        self.assertIs(transport, rpc.get_transport())
        rpc.cleanup()
        self.assertFalse(rpc.initialized())

    def test_service_api_builds_its_client_on_first_use(self):
        class Api(rpc.ServiceAPI):
            def get_topic(self):
                return 'lazy-topic'

        api = Api()
        self.assertFalse(rpc.initialized())
        self.assertEqual('lazy-topic', api.client.target.topic)
        self.assertEqual('1.0', api.client.target.version)
        self.assertTrue(rpc.initialized())


class NotificationSink:
    def __init__(self):
        self.received = []
        self.event = threading.Event()

    def info(self, ctxt, publisher_id, event_type, payload, metadata):
        self.received.append((publisher_id, event_type, payload))
        self.event.set()


class TestNotifier(RPCTestCase):

    def _listen(self):
        sink = NotificationSink()
        listener = rpc.get_notification_listener(
            [messaging.Target(topic='notifications')], [sink])
        listener.start()
        self.addCleanup(listener.wait)
        self.addCleanup(listener.stop)
        return sink

    def test_notification_is_sent_with_publisher_id(self):
        self.conf.config(driver=['messagingv2'],
                         group='oslo_messaging_notifications')
        rpc.init(CONF)
        sink = self._listen()
        notifier = rpc.get_notifier('infra-optim:host-a')
        notifier.info(context.RequestContext(), 'audit.create', {'a': 1})
        self.assertTrue(sink.event.wait(10))
        self.assertEqual([('infra-optim:host-a', 'audit.create', {'a': 1})],
                         sink.received)

    def test_empty_notification_level_sends_nothing(self):
        self.conf.config(driver=['messagingv2'],
                         group='oslo_messaging_notifications')
        self.conf.config(notification_level='')
        rpc.init(CONF)
        sink = self._listen()
        rpc.get_notifier('infra-optim:host-a').info(
            context.RequestContext(), 'audit.create', {'a': 1})
        self.assertFalse(sink.event.wait(0.5))


class TestSerializers(testtools.TestCase):

    def test_context_round_trip(self):
        serializer = rpc.RequestContextSerializer()
        ctx = context.RequestContext(user_id='u', project_id='p',
                                     roles=['admin'], show_deleted=True)
        rebuilt = serializer.deserialize_context(
            serializer.serialize_context(ctx))
        self.assertIsInstance(rebuilt, context.RequestContext)
        self.assertEqual(('u', 'p', ['admin'], True),
                         (rebuilt.user_id, rebuilt.project_id,
                          rebuilt.roles, rebuilt.show_deleted))

    def test_json_payload_serializer_makes_primitives(self):
        import datetime
        value = {'when': datetime.datetime(2026, 1, 2, 3, 4, 5),
                 'items': (1, 2)}
        result = rpc.JsonPayloadSerializer().serialize_entity(None, value)
        self.assertEqual({'when': '2026-01-02T03:04:05.000000',
                          'items': [1, 2]}, result)
