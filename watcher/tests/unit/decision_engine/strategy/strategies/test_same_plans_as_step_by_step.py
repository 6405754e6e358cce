"""The fast strategies give the plans of the step-by-step algorithms.

``reference_models`` restates vm_workload_consolidation, basic and
workload_stabilization literally (every node tried in turn, sums
recomputed, host tables deep-copied). On a few hundred random clouds
(mixed sizes, ratios, states, exclusions, missing or zero readings) the
real strategies must produce exactly the same actions and indicators.
"""
import logging

import fixtures
import testtools

from watcher.common import exception
from watcher.decision_engine.strategy.strategies import basic_consolidation
from watcher.decision_engine.strategy.strategies import \
    vm_workload_consolidation
from watcher.decision_engine.strategy.strategies import \
    workload_stabilization
from watcher.tests.unit.decision_engine.strategy import fakes
from watcher.tests.unit.decision_engine.strategy import reference_models

SEEDS = range(200)


class TestSamePlans(testtools.TestCase):

    def setUp(self):
        super().setUp()
        # The random clouds make the strategies log a lot; keep it quiet.
        self.useFixture(fixtures.LoggerFixture(level=logging.CRITICAL))

    def compare(self, strategy_class, oracle, seed, **params):
        model, datasource = reference_models.random_cloud(seed)
        strategy = fakes.new_strategy(strategy_class, model, **params)
        strategy.datasource_backend = datasource
        try:
            solution = strategy.execute()
        except exception.NoMetricData:
            return None
        other_model, other_datasource = reference_models.random_cloud(seed)
        expected = oracle(other_model, other_datasource)
        self.assertEqual(expected[0], fakes.actions_of(solution),
                         'seed %d' % seed)
        self.assertTrue(model.same_content(other_model), 'seed %d' % seed)
        return expected, {i.name: i.value
                          for i in solution.efficacy_indicators}

    def test_vm_workload_consolidation(self):
        moved = 0
        for seed in SEEDS:
            result = self.compare(
                vm_workload_consolidation.VMWorkloadConsolidation,
                reference_models.vm_workload_consolidation, seed)
            if result:
                self.assertEqual(result[0][1], result[1], 'seed %d' % seed)
                moved += result[1]['instance_migrations_count']
        self.assertGreater(moved, 500)

    def test_basic(self):
        moved = 0
        for seed in SEEDS:
            result = self.compare(basic_consolidation.BasicConsolidation,
                                  reference_models.basic, seed)
            if result:
                self.assertEqual(result[0][1], result[1], 'seed %d' % seed)
                moved += result[1]['instance_migrations_count']
        self.assertGreater(moved, 300)

    def test_workload_stabilization(self):
        thresholds = {'instance_cpu_usage': 0.05,
                      'instance_ram_usage': 0.05}
        weights = {'instance_cpu_usage_weight': 1.0,
                   'instance_ram_usage_weight': 0.5}
        moved = 0
        for seed in range(80):
            for choice in ('cycle', 'fullsearch'):
                for metrics in (['instance_cpu_usage'],
                                ['instance_cpu_usage', 'instance_ram_usage']):
                    def oracle(model, datasource):
                        return reference_models.workload_stabilization(
                            model, datasource, metrics, thresholds, weights,
                            choice)
                    result = self.compare(
                        workload_stabilization.WorkloadStabilization, oracle,
                        seed, metrics=metrics, thresholds=thresholds,
                        weights=weights, host_choice=choice)
                    if result:
                        (__, before, after), indicators = result
                        self.assertAlmostEqual(before, indicators[
                            'standard_deviation_before_audit'])
                        self.assertAlmostEqual(after, indicators[
                            'standard_deviation_after_audit'])
                        moved += indicators['instance_migrations_count']
        self.assertGreater(moved, 100)
