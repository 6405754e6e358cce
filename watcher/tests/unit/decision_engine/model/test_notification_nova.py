"""Nova versioned notifications update the master compute model."""
import time

from oslo_config import cfg
from oslo_config import fixture as config_fixture
import oslo_messaging
import testtools

from watcher import conf
from watcher.decision_engine.model import element
from watcher.decision_engine.model.notification import nova as nova_events
from watcher.tests.unit.decision_engine.model import payloads
from watcher.tests.unit.decision_engine.model import test_collector_base

CONF = conf.CONF


class NovaCollector(test_collector_base.FakeCollector):
    """Master model set up front; Nova answers for unknown hosts."""

    def __init__(self, model, known_hosts=None):
        super().__init__([])
        self.set_cluster_data_model(model)
        self.known_hosts = known_hosts or {}
        self.fetched = []

    def fetch_compute_node(self, hostname):
        self.fetched.append(hostname)
        return self.known_hosts.get(hostname)


class NotificationTestCase(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.config = self.useFixture(config_fixture.Config(CONF))
        self.collector = NovaCollector(test_collector_base.cloud_model())
        self.instances = nova_events.InstanceNotificationEndpoint(
            self.collector)
        self.services = nova_events.ServiceNotificationEndpoint(
            self.collector)

    @property
    def model(self):
        return self.collector.cluster_data_model

    def instance_event(self, event_type, payload):
        self.instances.info({}, 'nova-compute:host-n1', event_type, payload,
                            {})

    def service_event(self, event_type, payload):
        self.services.info({}, 'nova-compute:%s' % payload[
            'nova_object.data']['host'], event_type, payload, {})


class TestInstanceEvents(NotificationTestCase):

    def test_create_adds_and_places_the_instance(self):
        self.instance_event('instance.create.end', payloads.instance_payload(
            'i2', host='host-n2', vcpus=4, memory_mb=4096, root_gb=40,
            ephemeral_gb=10, swap=1536, locked=True,
            metadata={'optimize': 'true'}))
        instance = self.model.get_instance_by_uuid('i2')
        self.assertEqual('n2', self.model.get_node_by_instance_uuid('i2').uuid)
        self.assertEqual(40 + 10 + 2, instance.disk)
        self.assertEqual((4, 4096), (instance.vcpus, instance.memory))
        self.assertTrue(instance.locked)
        self.assertEqual('project-a', instance.project_id)
        self.assertEqual('vm-i2', instance.name)
        self.assertEqual({'optimize': 'true'}, dict(instance.metadata))
        self.assertEqual({'vcpu': 4, 'memory': 4096, 'disk': 52},
                         self.model.get_node_used_resources('n2'))

    def test_boot_from_volume_counts_no_root_disk(self):
        self.instance_event('instance.create.end', payloads.instance_payload(
            'i2', host='host-n2', image_uuid='', root_gb=40, ephemeral_gb=5,
            swap=512))
        self.assertEqual(6, self.model.get_instance_by_uuid('i2').disk)

    def test_state_change(self):
        self.instance_event('instance.power_off.end',
                            payloads.instance_payload('i1', host='host-n1',
                                                      state='stopped'))
        self.assertEqual('stopped',
                         self.model.get_instance_by_uuid('i1').state)

    def test_live_migration_moves_the_instance_and_its_usage(self):
        self.instance_event(
            'instance.live_migration_post_dest.end',
            payloads.instance_payload('i1', host='host-n2', vcpus=2,
                                      memory_mb=1024, root_gb=10))
        self.assertEqual('n2', self.model.get_node_by_instance_uuid('i1').uuid)
        self.assertEqual({'vcpu': 0, 'memory': 0, 'disk': 0},
                         self.model.get_node_used_resources('n1'))
        self.assertEqual({'vcpu': 2, 'memory': 1024, 'disk': 10},
                         self.model.get_node_used_resources('n2'))

    def test_resize_confirm_updates_usage(self):
        self.instance_event('instance.resize_confirm.end',
                            payloads.instance_payload(
                                'i1', host='host-n1', vcpus=8,
                                memory_mb=8192, root_gb=80))
        self.assertEqual({'vcpu': 8, 'memory': 8192, 'disk': 80},
                         self.model.get_node_used_resources('n1'))

    def test_delete_and_soft_delete_remove_the_instance(self):
        self.instance_event('instance.delete.end',
                            payloads.instance_payload('i1'))
        self.assertEqual({}, self.model.get_all_instances())
        self.instance_event('instance.soft_delete.end',
                            payloads.instance_payload('unknown'))
        self.assertEqual({'vcpu': 0, 'memory': 0, 'disk': 0},
                         self.model.get_node_used_resources('n1'))

    def test_building_instances_are_ignored_on_update(self):
        self.instance_event('instance.update', payloads.instance_payload(
            'i9', host='host-n1', state='building'))
        self.assertNotIn('i9', self.model.get_all_instances())

    def test_unknown_host_is_read_from_nova(self):
        new_node = element.ComputeNode(uuid='n3', hostname='host-n3',
                                       vcpus=8)
        self.collector.known_hosts['host-n3'] = new_node
        self.instance_event('instance.create.end',
                            payloads.instance_payload('i3', host='host-n3'))
        self.assertEqual(['host-n3'], self.collector.fetched)
        self.assertEqual('n3', self.model.get_node_by_instance_uuid('i3').uuid)

    def test_host_nova_does_not_know_leaves_the_instance_unplaced(self):
        self.instance_event('instance.create.end',
                            payloads.instance_payload('i4', host='ghost'))
        self.assertIn('i4', self.model.get_all_instances())
        self.assertRaises(Exception, self.model.get_node_by_instance_uuid,
                          'i4')

    def test_extra_specs_only_with_extended_attributes(self):
        payload = payloads.instance_payload('i5', host='host-n1',
                                            extra_specs={'hw:numa': '1'})
        self.instance_event('instance.create.end', payload)
        self.assertEqual({}, dict(self.model.get_instance_by_uuid(
            'i5').flavor_extra_specs))
        self.config.config(enable_extended_attributes=True,
                           group='compute_model')
        self.instance_event('instance.update', payload)
        self.assertEqual({'hw:numa': '1'}, dict(
            self.model.get_instance_by_uuid('i5').flavor_extra_specs))

    def test_garbage_is_dropped_and_the_model_stays_usable(self):
        self.instance_event('instance.create.end', {'nova_object.data': {}})
        bad_flavor = payloads.instance_payload('i6', host='host-n1',
                                               vcpus=-4)
        self.instance_event('instance.create.end', bad_flavor)
        self.instance_event('instance.create.end', 'not a payload')
        self.assertEqual(['i1'], list(self.model.get_all_instances()))
        self.assertEqual({'vcpu': 2, 'memory': 1024, 'disk': 10},
                         self.model.get_node_used_resources('n1'))

    def test_ignored_while_there_is_no_model(self):
        collector = NovaCollector(None)
        endpoint = nova_events.InstanceNotificationEndpoint(collector)
        endpoint.info({}, 'nova-compute:h', 'instance.create.end',
                      payloads.instance_payload('i1'), {})
        self.assertIsNone(collector.cluster_data_model)
        self.assertEqual([], collector.fetched)


class TestServiceEvents(NotificationTestCase):

    def test_disable_and_force_down(self):
        self.service_event('service.update', payloads.service_payload(
            'host-n1', disabled=True, disabled_reason='maintenance',
            forced_down=True))
        node = self.model.get_node_by_uuid('n1')
        self.assertEqual(('disabled', 'maintenance', 'down'),
                         (node.status, node.disabled_reason, node.state))
        self.service_event('service.update',
                           payloads.service_payload('host-n1'))
        node = self.model.get_node_by_uuid('n1')
        self.assertEqual(('enabled', None, 'up'),
                         (node.status, node.disabled_reason, node.state))

    def test_other_binaries_are_ignored(self):
        self.service_event('service.update', payloads.service_payload(
            'host-n1', binary='nova-scheduler', disabled=True))
        self.assertEqual('enabled', self.model.get_node_by_uuid('n1').status)
        self.assertEqual([], self.collector.fetched)

    def test_new_service_adds_the_node_nova_reports(self):
        self.collector.known_hosts['host-n3'] = element.ComputeNode(
            uuid='n3', hostname='host-n3', vcpus=32)
        self.service_event('service.create',
                           payloads.service_payload('host-n3'))
        self.assertEqual(32, self.model.get_node_by_name('host-n3').vcpus)

    def test_delete_removes_the_node(self):
        self.service_event('service.delete',
                           payloads.service_payload('host-n2'))
        self.assertEqual(['n1'], list(self.model.get_all_compute_nodes()))


class TestThroughOsloMessaging(testtools.TestCase):
    """The endpoints' filters and signature work with a real listener."""

    def test_fake_transport_dispatch(self):
        messaging_conf = cfg.ConfigOpts()
        messaging_conf([])
        transport = oslo_messaging.get_notification_transport(
            messaging_conf, url='fake:/')
        self.addCleanup(transport.cleanup)
        collector = NovaCollector(test_collector_base.cloud_model())
        listener = oslo_messaging.get_notification_listener(
            transport,
            [oslo_messaging.Target(topic='versioned_notifications')],
            [nova_events.InstanceNotificationEndpoint(collector),
             nova_events.ServiceNotificationEndpoint(collector)],
            executor='threading')
        listener.start()
        self.addCleanup(listener.wait)
        self.addCleanup(listener.stop)

        nova = oslo_messaging.Notifier(transport, 'nova-compute:host-n2',
                                       driver='messaging',
                                       topics=['versioned_notifications'])
        other = oslo_messaging.Notifier(transport, 'glance-api:h',
                                        driver='messaging',
                                        topics=['versioned_notifications'])
        other.info({}, 'instance.create.end',
                   payloads.instance_payload('from-glance', host='host-n2'))
        nova.info({}, 'instance.create.end',
                  payloads.instance_payload('i2', host='host-n2'))
        nova.info({}, 'service.update', payloads.service_payload(
            'host-n2', disabled=True, disabled_reason='upgrade'))

        model = collector.cluster_data_model
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if (model.get_node_by_uuid('n2').status == 'disabled' and
                    'i2' in model.get_all_instances()):
                break
            time.sleep(0.02)
        self.assertEqual('disabled', model.get_node_by_uuid('n2').status)
        self.assertEqual('n2', model.get_node_by_instance_uuid('i2').uuid)
        self.assertNotIn('from-glance', model.get_all_instances())
