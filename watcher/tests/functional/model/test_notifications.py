"""Nova notifications over a real RabbitMQ keep the master model current.

The emulated cloud publishes Nova's versioned notifications (exchange
``nova``, topic ``versioned_notifications``) as it carries out API calls;
the compute collector's endpoints, behind an oslo.messaging notification
listener like the decision engine's, apply them to the master model.
"""
import time
import uuid

from oslo_config import cfg
import oslo_messaging
import oslo_messaging.opts

from watcher.common import clients
from watcher.decision_engine.model.collector import nova
from watcher.tests.functional.fixtures import rabbitmq
from watcher.tests.functional.model import test_cloud_models

VM = 'bbbb0001-0000-0000-0000-000000000001'
SOURCE = 'aaaa0001-0000-0000-0000-000000000001'
DESTINATION = 'aaaa0004-0000-0000-0000-000000000004'


class TestNotificationsOverRabbitMQ(test_cloud_models.CloudTestCase):

    def cloud_options(self):
        self.transport_url = self.useFixture(
            rabbitmq.RabbitMQFixture()).transport_url
        return {'transport_url': self.transport_url}

    def _listen(self, endpoints):
        messaging_conf = cfg.ConfigOpts()
        messaging_conf([], project='watcher-test', default_config_files=[])
        for group, opts in oslo_messaging.opts.list_opts():
            messaging_conf.register_opts(opts, group=group)
        transport = oslo_messaging.get_notification_transport(
            messaging_conf, url=self.transport_url)
        self.addCleanup(transport.cleanup)
        pool = 'watcher-test-%s' % uuid.uuid4().hex
        listener = oslo_messaging.get_notification_listener(
            transport, [oslo_messaging.Target(
                topic='versioned_notifications', exchange='nova')],
            endpoints, executor='threading', pool=pool)
        self.addCleanup(self._delete_queue, pool)
        listener.start()
        self.addCleanup(listener.wait)
        self.addCleanup(listener.stop)

    def _delete_queue(self, name):
        """The listener's private queue outlives it: remove it."""
        import kombu
        with kombu.Connection(self.transport_url.replace(
                'rabbit://', 'amqp://', 1)) as connection:
            channel = connection.channel()
            try:
                channel.queue_delete(name)
            finally:
                channel.close()

    def _wait_for(self, condition, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return True
            time.sleep(0.05)
        return condition()

    def test_migration_and_service_changes_reach_the_master_model(self):
        collector = nova.NovaClusterDataModelCollector(config={})
        collector.get_latest_cluster_data_model()
        touched = []
        collector.add_change_listener(
            lambda name, nodes: touched.append(set(nodes)))
        self._listen(collector.notification_endpoints)

        conn = clients.get_sdk_connection()
        conn.compute.live_migrate_server(VM, host='compute-4',
                                         block_migration='auto')
        service = next(conn.compute.services(host='compute-4',
                                             binary='nova-compute'))
        conn.compute.disable_service(service, host='compute-4',
                                     binary='nova-compute',
                                     disabled_reason='draining')
        self.cloud.flush_notifications()

        master = collector.cluster_data_model
        self.assertTrue(self._wait_for(
            lambda: master.get_node_by_instance_uuid(VM).uuid ==
            DESTINATION and master.get_node_by_uuid(
                DESTINATION).status == 'disabled'))
        self.assertEqual('draining',
                         master.get_node_by_uuid(DESTINATION).disabled_reason)
        self.assertEqual({'vcpu': 4, 'memory': 4096, 'disk': 52},
                         master.get_node_used_resources(SOURCE))
        self.assertEqual({'vcpu': 2, 'memory': 2048, 'disk': 20},
                         master.get_node_used_resources(DESTINATION))
        self.assertIn({SOURCE, DESTINATION}, touched)
        # Readers get the updated model without a new collection.
        copy = collector.get_latest_cluster_data_model()
        self.assertEqual('compute-4',
                         copy.get_node_by_instance_uuid(VM).hostname)
