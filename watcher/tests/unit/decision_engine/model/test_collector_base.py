"""Master model life cycle: lazy build, sync, notifications racing a sync."""
import threading

import testtools

from watcher.decision_engine.model.collector import base
from watcher.decision_engine.model import element
from watcher.decision_engine.model import model_root
from watcher.decision_engine.model.notification import nova as nova_events
from watcher.tests.unit.decision_engine.model import payloads


def cloud_model(instances=('i1',), node_uuids=('n1', 'n2')):
    """A model as a build would read it from the cloud."""
    model = model_root.ModelRoot()
    for uuid in node_uuids:
        model.add_node(element.ComputeNode(uuid=uuid, hostname='host-' + uuid,
                                           vcpus=16, memory=32768,
                                           disk=500))
    for uuid in instances:
        model.map_instance(element.Instance(uuid=uuid, vcpus=2, memory=1024,
                                            disk=10, host='host-n1'), 'n1')
    return model


class FakeCollector(base.BaseClusterDataModelCollector):
    """A collector whose builds return prepared models."""

    NAME = 'compute'

    def __init__(self, builds):
        super().__init__(config={'period': 60})
        self.builds = list(builds)
        self.build_count = 0
        self.build_started = threading.Event()
        self.release_build = threading.Event()
        self.release_build.set()

    def build_model(self):
        self.build_count += 1
        self.build_started.set()
        self.release_build.wait(10)
        result = self.builds.pop(0)
        if isinstance(result, Exception):
            raise result
        return result() if callable(result) else result

    def new_empty_model(self, stale=False):
        return model_root.ModelRoot(stale=stale)

    def get_audit_scope_handler(self, audit_scope):
        raise NotImplementedError()

    def fetch_compute_node(self, hostname):
        return None


class TestLifeCycle(testtools.TestCase):

    def test_a_requested_model_is_built_by_the_next_sync(self):
        collector = FakeCollector([cloud_model()])
        collector.request_model()
        collector.synchronize()
        self.assertEqual(1, collector.build_count)
        self.assertEqual(['i1'], list(collector.cluster_data_model
                                      .get_all_instances()))
        collector.get_latest_cluster_data_model()
        self.assertEqual(1, collector.build_count)

    def test_nothing_is_built_before_someone_asks(self):
        collector = FakeCollector([cloud_model()])
        collector.synchronize()
        self.assertEqual(0, collector.build_count)
        self.assertIsNone(collector.cluster_data_model)
        copy = collector.get_latest_cluster_data_model()
        self.assertEqual(1, collector.build_count)
        self.assertEqual(['i1'], list(copy.get_all_instances()))

    def test_readers_get_independent_copies(self):
        collector = FakeCollector([cloud_model()])
        first = collector.get_latest_cluster_data_model()
        first.remove_instance('i1')
        second = collector.get_latest_cluster_data_model()
        self.assertIn('i1', second.get_all_instances())
        self.assertEqual(1, collector.build_count)

    def test_failed_first_build_gives_a_stale_model(self):
        collector = FakeCollector([RuntimeError('nova down'), cloud_model()])
        model = collector.get_latest_cluster_data_model()
        self.assertFalse(model)
        self.assertTrue(model.stale)
        self.assertEqual('RuntimeError: nova down',
                         collector.last_build_error)
        # The next reader tries again.
        self.assertTrue(collector.get_latest_cluster_data_model())
        self.assertIsNone(collector.last_build_error)

    def test_an_audit_on_a_stale_model_says_why(self):
        from watcher.common import exception
        from watcher.decision_engine.strategy.strategies import dummy_strategy

        class Manager:
            collector = FakeCollector([ConnectionResetError('reset')])

            def get_cluster_model_collector(self, name, osc=None):
                return self.collector

        class Scope:
            @staticmethod
            def get_scoped_model(model):
                return model

        Manager.collector.get_audit_scope_handler = lambda audit_scope: Scope
        strategy = dummy_strategy.DummyStrategy(config={})
        strategy._collector_manager = Manager()
        error = self.assertRaises(exception.ClusterStateStale,
                                  lambda: strategy.compute_model)
        self.assertEqual('The cluster state is stale: building the compute '
                         'model failed (ConnectionResetError: reset)',
                         str(error))

    def test_failed_sync_keeps_the_previous_master(self):
        collector = FakeCollector([cloud_model(), RuntimeError('timeout')])
        collector.get_latest_cluster_data_model()
        master = collector.cluster_data_model
        collector.synchronize()
        self.assertIs(master, collector.cluster_data_model)

    def test_sync_swaps_and_reports_changed_nodes(self):
        collector = FakeCollector([cloud_model(),
                                   cloud_model(instances=('i1', 'i2'))])
        calls = []
        collector.add_change_listener(
            lambda name, nodes: calls.append((name, nodes)))
        collector.get_latest_cluster_data_model()
        calls.clear()
        generation = collector.cluster_data_model.get_node_generation('n1')
        collector.synchronize()
        self.assertEqual([('compute', frozenset({'n1'}))], calls)
        self.assertEqual(generation + 1, collector.cluster_data_model
                         .get_node_generation('n1'))

    def test_changes_are_ignored_without_a_model(self):
        collector = FakeCollector([])
        self.assertFalse(collector.accepting_changes())
        self.assertFalse(collector.apply_change(
            lambda model: model.remove_instance('i1')))

    def test_a_failing_listener_does_not_stop_others(self):
        collector = FakeCollector([cloud_model()])
        collector.get_latest_cluster_data_model()
        seen = []

        def broken(name, nodes):
            raise RuntimeError('boom')

        collector.add_change_listener(broken)
        collector.add_change_listener(lambda name, nodes: seen.append(nodes))
        collector.apply_change(lambda model: model.update_instance(
            'i1', state='stopped'))
        self.assertEqual([frozenset({'n1'})], seen)


class TestNotificationDuringSync(testtools.TestCase):
    """A notification handled while a rebuild runs must survive the swap."""

    def _start_slow_sync(self, collector):
        collector.release_build.clear()
        collector.build_started.clear()
        thread = threading.Thread(target=collector.synchronize)
        thread.start()
        self.assertTrue(collector.build_started.wait(10))
        return thread

    def _notify(self, collector, event_type, payload):
        endpoint = nova_events.InstanceNotificationEndpoint(collector)
        endpoint.info({}, 'nova-compute:host-n1', event_type, payload, {})

    def test_updates_during_a_rebuild_are_replayed_on_the_new_model(self):
        # The rebuild read the cloud before i2 was created and i1 deleted.
        collector = FakeCollector([cloud_model(), cloud_model()])
        collector.get_latest_cluster_data_model()
        thread = self._start_slow_sync(collector)

        self._notify(collector, 'instance.create.end',
                     payloads.instance_payload('i2', host='host-n2'))
        self._notify(collector, 'instance.delete.end',
                     payloads.instance_payload('i1', host='host-n1'))
        # Readers see the updates at once, before the rebuild ends.
        during = collector.get_latest_cluster_data_model()
        self.assertEqual(['i2'], list(during.get_all_instances()))

        old_master = collector.cluster_data_model
        collector.release_build.set()
        thread.join(10)
        self.assertIsNot(old_master, collector.cluster_data_model)
        after = collector.get_latest_cluster_data_model()
        self.assertEqual(['i2'], list(after.get_all_instances()))
        self.assertEqual('n2', after.get_node_by_instance_uuid('i2').uuid)
        self.assertEqual({'vcpu': 0, 'memory': 0, 'disk': 0},
                         after.get_node_used_resources('n1'))

    def test_replay_is_harmless_when_the_rebuild_already_saw_it(self):
        # The rebuild read the cloud after i2 was created.
        collector = FakeCollector([cloud_model(),
                                   cloud_model(instances=('i1', 'i2'))])
        collector.get_latest_cluster_data_model()
        thread = self._start_slow_sync(collector)
        self._notify(collector, 'instance.create.end',
                     payloads.instance_payload('i2', host='host-n1',
                                               vcpus=2, memory_mb=1024,
                                               root_gb=10))
        collector.release_build.set()
        thread.join(10)
        after = collector.get_latest_cluster_data_model()
        self.assertEqual(['i1', 'i2'], list(after.get_all_instances()))
        self.assertEqual({'vcpu': 4, 'memory': 2048, 'disk': 20},
                         after.get_node_used_resources('n1'))

    def test_notifications_during_the_first_build_are_kept(self):
        collector = FakeCollector([cloud_model()])
        collector._requested = True
        thread = self._start_slow_sync(collector)
        self.assertTrue(collector.accepting_changes())
        self._notify(collector, 'instance.update',
                     payloads.instance_payload('i1', host='host-n1',
                                               state='stopped'))
        collector.release_build.set()
        thread.join(10)
        model = collector.get_latest_cluster_data_model()
        self.assertEqual('stopped', model.get_instance_by_uuid('i1').state)


class TestConcurrentReaders(testtools.TestCase):

    def test_readers_arriving_during_the_first_build_share_it(self):
        collector = FakeCollector([cloud_model(), cloud_model()])
        collector.release_build.clear()
        results = []

        def read():
            results.append(collector.get_latest_cluster_data_model())

        readers = [threading.Thread(target=read) for _ in range(3)]
        readers[0].start()
        self.assertTrue(collector.build_started.wait(10))
        for reader in readers[1:]:
            reader.start()
        collector.release_build.set()
        for reader in readers:
            reader.join(10)
        self.assertEqual(1, collector.build_count)
        self.assertEqual(3, len(results))
        self.assertTrue(all(results))
