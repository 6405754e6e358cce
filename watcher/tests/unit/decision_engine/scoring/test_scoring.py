"""Sample scoring engines and the scoring factory."""
import json

import testtools

from watcher.common import exception
from watcher.decision_engine.scoring import dummy_scorer
from watcher.decision_engine.scoring import scoring_factory

MIB = 1024 * 1024


def features(cpu=10, reads=0, writes=0, disk_read=0, disk_write=0):
    return json.dumps([cpu, 8 * 1024 ** 3, 4 * 1024 ** 3, reads, writes,
                       disk_read, disk_write, 0, 0])


class TestDummyScorer(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.scorer = dummy_scorer.DummyScorer()

    def score(self, **kwargs):
        return json.loads(self.scorer.calculate_score(features(**kwargs)))

    def test_cpu_bound(self):
        self.assertEqual([1, 0.0, 100.0, 0.0, 0.0], self.score(cpu=80))

    def test_memory_bound(self):
        self.assertEqual([2, 0.0, 0.0, 100.0, 0.0],
                         self.score(reads=1000, writes=1000))

    def test_disk_bound(self):
        self.assertEqual([3, 0.0, 0.0, 0.0, 100.0],
                         self.score(disk_read=50 * MIB,
                                    disk_write=50 * MIB))

    def test_idle_with_partial_probabilities(self):
        self.assertEqual([0, 100.0, 0.0, 0.0, 0.0], self.score())
        self.assertEqual([0, 100.0, 50.0, 50.0, 0.0],
                         self.score(cpu=40, reads=500, writes=10))

    def test_rejects_bad_input(self):
        self.assertRaises(ValueError, self.scorer.calculate_score, 'nope')
        self.assertRaises(ValueError, self.scorer.calculate_score, '{}')
        self.assertRaises(ValueError, self.scorer.calculate_score, '[1, 2]')

    def test_metainfo_lists_the_workloads(self):
        metainfo = json.loads(self.scorer.get_metainfo())
        self.assertEqual(['idle', 'cpu-intensive', 'memory-intensive',
                          'disk-intensive'], metainfo['workloads'])
        self.assertEqual(9, len(metainfo['feature_columns']))


class TestScoringFactory(testtools.TestCase):

    def setUp(self):
        super().setUp()
        scoring_factory.clear()
        self.addCleanup(scoring_factory.clear)

    def test_engines_from_plugins_and_containers(self):
        names = [e.get_name()
                 for e in scoring_factory.get_scoring_engine_list()]
        self.assertEqual(['dummy_avg_scorer', 'dummy_max_scorer',
                          'dummy_min_scorer', 'dummy_scorer'], names)

    def test_container_engines_aggregate(self):
        values = json.dumps([4, 1, 7])
        get = scoring_factory.get_scoring_engine
        self.assertEqual([1], json.loads(
            get('dummy_min_scorer').calculate_score(values)))
        self.assertEqual([7], json.loads(
            get('dummy_max_scorer').calculate_score(values)))
        self.assertEqual([4.0], json.loads(
            get('dummy_avg_scorer').calculate_score(values)))
        self.assertRaises(ValueError,
                          get('dummy_avg_scorer').calculate_score, '[]')

    def test_unknown_engine(self):
        self.assertRaises(exception.ScoringEngineNotFound,
                          scoring_factory.get_scoring_engine, 'nope')
