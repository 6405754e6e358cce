"""Nova-style versioned notifications, received on a fake transport."""
import threading
import time
import unittest

from watcher.emulated_cloud import notifications
from watcher.emulated_cloud import topology
from watcher.tests.unit.emulated_cloud import utils

import oslo_messaging  # noqa: E402  (after notifications picks threading)

VM1 = '11111111-1111-1111-1111-000000000001'
VM2 = '11111111-1111-1111-1111-000000000002'


class Collector:
    """A notification endpoint that keeps what it receives."""

    def __init__(self):
        self.received = []
        self.lock = threading.Lock()

    def info(self, ctxt, publisher_id, event_type, payload, metadata):
        with self.lock:
            self.received.append((publisher_id, event_type, payload))


class PayloadTest(unittest.TestCase):

    def setUp(self):
        self.state = topology.build(utils.small_topology())

    def test_instance_action_payload(self):
        server = self.state.servers[VM2]
        payload = notifications.instance_payload(
            server, 'instance.live_migration_post_dest.end')
        self.assertEqual(('InstanceActionPayload', '1.7', 'nova'),
                         (payload['nova_object.name'],
                          payload['nova_object.version'],
                          payload['nova_object.namespace']))
        data = payload['nova_object.data']
        self.assertEqual((VM2, 'vm-2', 'p2', 'compute-1', 'compute-1'),
                         (data['uuid'], data['display_name'],
                          data['tenant_id'], data['host'], data['node']))
        self.assertEqual(('active', 'running', True, {'role': 'db'}, ''),
                         (data['state'], data['power_state'],
                          data['locked'], data['metadata'],
                          data['image_uuid']))
        flavor = data['flavor']['nova_object.data']
        self.assertEqual((4, 4096, 40, 10, 1500),
                         (flavor['vcpus'], flavor['memory_mb'],
                          flavor['root_gb'], flavor['ephemeral_gb'],
                          flavor['swap']))
        self.assertEqual('FlavorPayload', data['flavor']['nova_object.name'])
        self.assertIsNone(data['fault'])
        self.assertEqual('22222222-2222-2222-2222-000000000001',
                         data['block_devices'][0]['nova_object.data'][
                             'volume_id'])

    def test_update_and_create_payloads(self):
        server = self.state.servers[VM1]
        update = notifications.instance_payload(
            server, 'instance.update', old_state='stopped')
        self.assertEqual('InstanceUpdatePayload', update['nova_object.name'])
        state_update = update['nova_object.data']['state_update']
        self.assertEqual(('stopped', 'active'), (
            state_update['nova_object.data']['old_state'],
            state_update['nova_object.data']['state']))
        create = notifications.instance_payload(server,
                                                'instance.create.end')
        self.assertEqual(('InstanceCreatePayload', 'instance-00000001'),
                         (create['nova_object.name'],
                          create['nova_object.data']['instance_name']))

    def test_service_payload(self):
        host = self.state.hosts['compute-2']
        host.status, host.disabled_reason = 'disabled', 'why'
        payload = notifications.service_payload(host, 'now')
        data = payload['nova_object.data']
        self.assertEqual(('ServiceStatusPayload', '1.1'),
                         (payload['nova_object.name'],
                          payload['nova_object.version']))
        self.assertEqual(('compute-2', 'nova-compute', True, 'why', False,
                          host.service_uuid),
                         (data['host'], data['binary'], data['disabled'],
                          data['disabled_reason'], data['forced_down'],
                          data['uuid']))


class FakeTransportTest(unittest.TestCase):
    """Operations through the API reach a listener as Nova's would."""

    def setUp(self):
        conf = notifications.make_conf()
        self.transport = oslo_messaging.get_notification_transport(
            conf, url='fake:')
        self.collector = Collector()
        self.listener = oslo_messaging.get_notification_listener(
            self.transport,
            [oslo_messaging.Target(topic='versioned_notifications',
                                   exchange='nova')],
            [self.collector], executor='threading')
        self.listener.start()
        self.addCleanup(self.listener.wait)
        self.addCleanup(self.listener.stop)
        self.cloud = utils.make_cloud(
            notification_transport=self.transport)
        self.addCleanup(self.cloud.stop)

    def wait_for(self, event_type, count=1):
        self.cloud.flush_notifications()
        deadline = time.time() + 5
        while time.time() < deadline:
            with self.collector.lock:
                found = [r for r in self.collector.received
                         if r[1] == event_type]
            if len(found) >= count:
                return found
            time.sleep(0.02)
        self.fail('%s not received: %s' % (event_type,
                                           self.collector.received))

    def test_live_migration_and_service_update(self):
        status, _, _ = utils.call(
            self.cloud.app, 'POST', '/compute/v2.1/servers/%s/action' % VM1,
            {'os-migrateLive': {'host': 'compute-2',
                                'block_migration': 'auto'}},
            headers=utils.nova('2.30'))
        self.assertEqual(202, status)
        [(publisher, _, payload)] = self.wait_for(
            'instance.live_migration_post_dest.end')
        self.assertEqual('nova-compute:compute-2', publisher)
        self.assertEqual('compute-2', payload['nova_object.data']['host'])
        service = self.cloud.state.hosts['compute-3'].service_uuid
        status, _, _ = utils.call(
            self.cloud.app, 'PUT', '/compute/v2.1/os-services/%s' % service,
            {'status': 'disabled', 'disabled_reason': 'maintenance'},
            headers=utils.nova())
        self.assertEqual(200, status)
        [(publisher, _, payload)] = self.wait_for('service.update')
        self.assertEqual('nova-compute:compute-3', publisher)
        self.assertEqual((True, 'maintenance'), (
            payload['nova_object.data']['disabled'],
            payload['nova_object.data']['disabled_reason']))

    def test_stop_confirm_and_delete_events(self):
        for action in ({'os-stop': None}, {'migrate': None},
                       {'confirmResize': None}):
            status, _, body = utils.call(
                self.cloud.app, 'POST',
                '/compute/v2.1/servers/%s/action' % VM1, action,
                headers=utils.nova())
            self.assertIn(status, (202, 204), body)
        self.wait_for('instance.power_off.end')
        [(_, _, payload)] = self.wait_for('instance.resize_confirm.end')
        self.assertEqual('stopped', payload['nova_object.data']['state'])
        status, _, _ = utils.call(self.cloud.app, 'DELETE',
                                  '/compute/v2.1/servers/%s' % VM1,
                                  headers=utils.nova())
        self.assertEqual(204, status)
        [(_, _, payload)] = self.wait_for('instance.delete.end')
        self.assertEqual('deleted', payload['nova_object.data']['state'])
        updates = self.wait_for('instance.update', 3)
        self.assertEqual('active', updates[0][2]['nova_object.data'][
            'state_update']['nova_object.data']['old_state'])

    def test_no_notifier_without_transport(self):
        cloud = utils.make_cloud()
        self.assertIsNone(cloud.notifier)
        self.assertIsNone(cloud.state.notifier)
