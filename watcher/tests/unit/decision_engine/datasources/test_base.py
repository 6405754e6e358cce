"""The shared datasource behaviour: cache, bulk queries, retries."""
import fixtures
from oslo_config import fixture as config_fixture
import testtools

from watcher.common import exception
from watcher import conf
from watcher.decision_engine.datasources import base
from watcher.decision_engine.datasources import cache
from watcher.decision_engine.model.element import compute

CONF = conf.CONF


class CountingSource(base.DataSourceBase):
    """Answers ``values[uuid]`` and counts the backend queries."""

    NAME = 'counting'
    METRIC_MAP = dict(base.DataSourceBase.METRIC_MAP,
                      host_cpu_usage='cpu', instance_cpu_usage='vm_cpu')

    def __init__(self, values, metric_map=None):
        super().__init__(metric_map)
        self.values = values
        self.queries = []

    def _statistic_aggregation(self, resource, resource_type, meter_name,
                               period, aggregate, granularity):
        self.queries.append((resource.uuid, meter_name, aggregate))
        return self.values.get(resource.uuid)

    def list_metrics(self):
        return {'cpu'}

    def check_availability(self):
        return base.AVAILABLE


def node(uuid, hostname=None):
    return compute.ComputeNode(uuid=uuid, hostname=hostname or uuid)


class TestMetricDataCache(testtools.TestCase):

    def test_key_has_every_part_but_the_resource_type(self):
        self.assertEqual('u1:host_cpu_usage:mean:300:60',
                         cache.cache_key('u1', 'host_cpu_usage', 'mean', 300,
                                         60))

    def test_cached_none_is_a_miss_but_absent_is_a_hit(self):
        store = cache.MetricDataCache()
        store.put('a', None)
        store.put_absent('b')
        self.assertEqual((False, None), store.lookup('a'))
        self.assertEqual((True, None), store.lookup('b'))
        self.assertNotIn('a', store)
        self.assertIn('b', store)
        self.assertEqual(2, len(store))

    def test_remove_by_resource_and_meter(self):
        store = cache.MetricDataCache()
        for meter in ('cpu', 'ram'):
            store.put(cache.cache_key('u1', meter, 'mean', 300, 300), 1.0)
        store.put(cache.cache_key('u10', 'cpu', 'mean', 300, 300), 2.0)
        store.remove('u1', 'cpu')
        self.assertEqual(2, len(store))
        store.remove('u1')
        self.assertEqual(1, len(store))
        # u10 shares the u1 prefix but is another resource.
        self.assertEqual(2.0, store.get('u10:cpu:mean:300:300'))

    def test_clear_simulated_keeps_measured_values(self):
        store = cache.MetricDataCache()
        store.put('measured', 1.0)
        store.put('simulated', 2.0, simulated=True)
        self.assertTrue(store.is_simulated('simulated'))
        self.assertFalse(store.is_simulated('measured'))
        store.clear_simulated()
        self.assertEqual([1.0, None], [store.get('measured'),
                                       store.get('simulated')])
        store.clear()
        self.assertEqual(0, len(store))


class TestStatisticAggregation(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.source = CountingSource({'n1': 10.0, 'n2': 20.0})

    def test_second_call_is_served_from_the_cache(self):
        self.assertEqual(10.0, self.source.get_host_cpu_usage(node('n1')))
        self.assertEqual(10.0, self.source.get_host_cpu_usage(node('n1')))
        self.assertEqual(1, len(self.source.queries))
        # Another aggregate is another value.
        self.source.get_host_cpu_usage(node('n1'), aggregate='max')
        self.assertEqual(2, len(self.source.queries))

    def test_none_is_asked_again(self):
        self.assertIsNone(self.source.get_host_cpu_usage(node('n3')))
        self.assertIsNone(self.source.get_host_cpu_usage(node('n3')))
        self.assertEqual(2, len(self.source.queries))

    def test_resource_without_uuid_bypasses_the_cache(self):
        self.source.values[''] = 5.0
        self.assertEqual(5.0, self.source.get_host_cpu_usage(node('')))
        self.assertEqual(5.0, self.source.get_host_cpu_usage(node('')))
        self.assertEqual(2, len(self.source.queries))
        self.assertEqual(0, len(self.source.cache))

    def test_injected_value_is_never_queried(self):
        self.source.inject_metric('n1', 'host_cpu_usage', 'mean', 600, 99.0,
                                  granularity=300, simulated=True)
        self.assertEqual(99.0, self.source.get_host_cpu_usage(
            node('n1'), period=600))
        self.assertEqual([], self.source.queries)
        self.assertTrue(self.source.cache.is_simulated(
            'n1:host_cpu_usage:mean:600:300'))

    def test_wrappers_use_their_resource_type_and_metric(self):
        calls = []
        self.source._statistic_aggregation = (
            lambda *args: calls.append(args[1:3]))
        for metric, resource_type in base.METRIC_RESOURCE_TYPES.items():
            getattr(self.source, 'get_' + metric)(node('x'))
        self.assertEqual([(t, m) for m, t in
                          base.METRIC_RESOURCE_TYPES.items()], calls)


class TestBulk(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.source = CountingSource({'n1': 10.0, 'n2': 20.0})

    def test_bulk_warms_the_per_resource_path(self):
        nodes = [node('n1'), node('n2'), node('n3'), node('n1')]
        self.assertEqual({'n1': 10.0, 'n2': 20.0, 'n3': None},
                         self.source.statistic_aggregation_bulk(
                             nodes, 'compute_node', 'host_cpu_usage'))
        self.assertEqual(3, len(self.source.queries))
        for each in nodes:
            self.source.get_host_cpu_usage(each)
        # n3 had no data in the bulk answer: not asked again either.
        self.assertEqual(3, len(self.source.queries))

    def test_bulk_asks_only_what_is_not_cached(self):
        self.source.get_host_cpu_usage(node('n1'))
        self.source.statistic_aggregation_bulk(
            [node('n1'), node('n2')], 'compute_node', 'host_cpu_usage')
        self.assertEqual(['n1', 'n2'], [q[0] for q in self.source.queries])

    def test_failed_bulk_caches_nothing(self):
        self.source._statistic_aggregation_bulk = lambda *args: None
        self.assertEqual({'n1': None}, self.source.statistic_aggregation_bulk(
            [node('n1')], 'compute_node', 'host_cpu_usage'))
        self.assertEqual(10.0, self.source.get_host_cpu_usage(node('n1')))

    def test_resources_left_out_of_a_bulk_answer_are_not_cached(self):
        self.source._statistic_aggregation_bulk = lambda *args: {'n1': 1.0}
        self.assertEqual({'n1': 1.0, 'n2': None},
                         self.source.statistic_aggregation_bulk(
                             [node('n1'), node('n2')], 'compute_node',
                             'host_cpu_usage'))
        self.assertEqual(20.0, self.source.get_host_cpu_usage(node('n2')))


class TestQueryRetry(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.config = self.useFixture(config_fixture.Config(CONF))
        self.config.config(group='watcher_datasources', query_max_retries=3,
                           query_interval=2)
        self.sleeps = []
        self.useFixture(fixtures.MonkeyPatch(
            'watcher.decision_engine.datasources.base.time.sleep',
            self.sleeps.append))
        self.source = CountingSource({})

    def test_bounded_retries_then_none(self):
        attempts = []

        def broken():
            attempts.append(1)
            raise ConnectionError('down')

        self.assertIsNone(self.source.query_retry(broken))
        self.assertEqual(3, len(attempts))
        self.assertEqual([2, 2], self.sleeps)

    def test_success_after_a_failure(self):
        outcomes = [ConnectionError('blip'), 'ok']

        def flaky():
            outcome = outcomes.pop(0)
            if isinstance(outcome, Exception):
                raise outcome
            return outcome

        self.assertEqual('ok', self.source.query_retry(flaky))
        self.assertEqual([2], self.sleeps)

    def test_ignored_exception_returns_none_at_once(self):
        attempts = []

        def not_found():
            attempts.append(1)
            raise KeyError('gone')

        self.assertIsNone(self.source.query_retry(not_found,
                                                  ignored_exc=KeyError))
        self.assertEqual(1, len(attempts))
        self.assertEqual([], self.sleeps)


class TestMetricsAvailability(testtools.TestCase):

    def test_reports_backend_names(self):
        source = CountingSource({})
        self.assertEqual(
            [{'cpu': 'available'}, {'vm_cpu': 'not available'}],
            source.metrics_availability(['host_cpu_usage',
                                         'instance_cpu_usage']))

    def test_none_from_list_metrics_means_not_available(self):
        source = CountingSource({})
        source.list_metrics = lambda: None
        self.assertRaises(exception.DataSourceNotAvailable,
                          source.metrics_availability, ['host_cpu_usage'])
