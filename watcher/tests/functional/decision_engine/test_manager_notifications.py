"""The decision engine's notification listener keeps its models current.

A decision-engine ``Service`` (RPC server and notification listener on a
real RabbitMQ, no background jobs) serves the endpoints its manager got
from the enabled collectors; a live migration in the emulated cloud then
reaches the compute collector's master model without a new collection.
"""
import logging
import time
import uuid

import fixtures

from watcher.common import clients
from watcher.common import rpc
from watcher.common import service as watcher_service
from watcher import conf
from watcher.decision_engine import manager as de_manager
from watcher.decision_engine.model.collector import manager as cdm_manager
from watcher.decision_engine.model.notification import nova as nova_events
from watcher.tests.functional.fixtures import rabbitmq
from watcher.tests.functional.model import test_cloud_models

CONF = conf.CONF
VM = 'bbbb0001-0000-0000-0000-000000000001'
DESTINATION = 'aaaa0004-0000-0000-0000-000000000004'


class TestDecisionEngineListener(test_cloud_models.CloudTestCase):

    def cloud_options(self):
        self.transport_url = self.useFixture(
            rabbitmq.RabbitMQFixture()).transport_url
        return {'transport_url': self.transport_url}

    def setUp(self):
        super().setUp()
        cdm_manager.reset_collectors()
        self.addCleanup(cdm_manager.reset_collectors)
        self.host = 'de-listener-%s' % uuid.uuid4().hex[:8]
        self.config.config(transport_url=self.transport_url, host=self.host)
        self.config.config(group='watcher_decision_engine',
                           conductor_topic='test.decision.%s' % self.host)
        self.config.config(group='collector', collector_plugins=['compute'])
        rpc.cleanup()
        rpc.init(CONF)
        self.addCleanup(rpc.cleanup)

    def test_listener_serves_the_collectors_endpoints(self):
        manager = de_manager.DecisionEngineManager()
        compute = cdm_manager.CollectorManager().get_cluster_model_collector(
            'compute')
        self.assertEqual(
            [nova_events.InstanceNotificationEndpoint,
             nova_events.ServiceNotificationEndpoint],
            [type(e) for e in manager.notification_endpoints])
        # The same collector the periodic synchronisation uses.
        self.assertTrue(all(e.collector is compute
                            for e in manager.notification_endpoints))

        compute.get_latest_cluster_data_model()
        master = compute.cluster_data_model
        self.assertEqual('compute-1',
                         master.get_node_by_instance_uuid(VM).hostname)
        manager.background_jobs = []  # only RPC and the listener here
        service = watcher_service.Service(manager, heartbeat=False)
        service.start()
        self.addCleanup(service.stop, timeout=5)
        self.assertIsNotNone(service.notification_listener)

        clients.get_sdk_connection().compute.live_migrate_server(
            VM, host='compute-4', block_migration='auto')
        self.cloud.flush_notifications()
        deadline = time.monotonic() + 30
        while (master.get_node_by_instance_uuid(VM).uuid != DESTINATION
               and time.monotonic() < deadline):
            time.sleep(0.1)
        self.assertEqual('compute-4',
                         master.get_node_by_instance_uuid(VM).hostname)

    def test_collectors_that_cannot_load_leave_the_listener_empty(self):
        self.config.config(group='collector',
                           collector_plugins=['no-such-collector'])
        logged = self.useFixture(fixtures.FakeLogger(level=logging.WARNING))
        manager = de_manager.DecisionEngineManager()
        self.assertEqual([], manager.notification_endpoints)
        self.assertIn('no-such-collector', logged.output)
