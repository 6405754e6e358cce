"""Notifications reach a listener through a real RabbitMQ broker.

The listener is set up the way Watcher's decision engine listens: exchange
``nova``, topic ``versioned_notifications``, publisher ``nova-compute:*``.
"""
import threading
import time
import unittest

from watcher.emulated_cloud import cloud as cloud_mod
from watcher.emulated_cloud import notifications
from watcher.tests.functional.fixtures import rabbitmq
from watcher.tests.unit.emulated_cloud import utils

import oslo_messaging  # noqa: E402  (after notifications picks threading)

VM1 = '11111111-1111-1111-1111-000000000001'


class Endpoint:
    filter_rule = oslo_messaging.NotificationFilter(
        publisher_id='^nova-.*')

    def __init__(self):
        self.received = []
        self.lock = threading.Lock()

    def info(self, ctxt, publisher_id, event_type, payload, metadata):
        with self.lock:
            self.received.append((publisher_id, event_type, payload))


class RabbitNotificationsTest(unittest.TestCase):

    def setUp(self):
        url = rabbitmq.ensure_broker()
        conf = notifications.make_conf()
        transport = oslo_messaging.get_notification_transport(conf, url=url)
        self.addCleanup(transport.cleanup)
        self.endpoint = Endpoint()
        listener = oslo_messaging.get_notification_listener(
            transport, [oslo_messaging.Target(
                exchange='nova', topic='versioned_notifications')],
            [self.endpoint], executor='threading',
            pool='emulated-cloud-test-%d' % id(self))
        listener.start()
        self.addCleanup(listener.wait)
        self.addCleanup(listener.stop)
        self.cloud = cloud_mod.EmulatedCloud(utils.small_topology(),
                                             transport_url=url)
        self.cloud.start()
        self.addCleanup(self.cloud.stop)

    def test_live_migration_is_announced(self):
        conn = self.cloud.connection()
        self.addCleanup(conn.close)
        conn.compute.live_migrate_server(VM1, host='compute-2',
                                         block_migration='auto')
        self.cloud.flush_notifications()
        deadline = time.time() + 20
        while time.time() < deadline:
            with self.endpoint.lock:
                found = [r for r in self.endpoint.received
                         if r[1] == 'instance.live_migration_post_dest.end']
            if found:
                break
            time.sleep(0.1)
        self.assertTrue(found, self.endpoint.received)
        publisher, _, payload = found[0]
        self.assertEqual('nova-compute:compute-2', publisher)
        self.assertEqual((VM1, 'compute-2'), (
            payload['nova_object.data']['uuid'],
            payload['nova_object.data']['host']))
