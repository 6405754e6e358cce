"""Dummy strategy that asks the sample scoring engines for a result.

The reference feeds the scorers unseeded random numbers, so its plans
differ on every run. Here the generator is seeded with the audit uuid
(or a constant without an audit): an audit always yields the same plan,
and different audits still see different "telemetry".
"""
import random

from oslo_log import log
from oslo_serialization import jsonutils

from watcher._i18n import _
from watcher.decision_engine.scoring import scoring_factory
from watcher.decision_engine.strategy.strategies import base

LOG = log.getLogger(__name__)

WORKLOAD_SCORER = 'dummy_scorer'
AVERAGE_SCORER = 'dummy_avg_scorer'
DEFAULT_SEED = 'dummy_with_scorer'


class DummyWithScorer(base.DummyBaseStrategy):
    """nop greeting, detected workload, average score, then sleep 5."""

    def __init__(self, config=None, osc=None):
        super().__init__(config, osc)
        self._workload_scorer = scoring_factory.get_scoring_engine(
            WORKLOAD_SCORER)
        self._average_scorer = scoring_factory.get_scoring_engine(
            AVERAGE_SCORER)
        metainfo = jsonutils.loads(self._workload_scorer.get_metainfo())
        self._workloads = dict(enumerate(metainfo['workloads']))

    @classmethod
    def get_name(cls):
        return 'dummy_with_scorer'

    @classmethod
    def get_display_name(cls):
        return _('Dummy Strategy using sample Scoring Engines')

    @classmethod
    def get_translatable_display_name(cls):
        return 'Dummy Strategy using sample Scoring Engines'

    @classmethod
    def get_schema(cls):
        return {
            'properties': {
                'param1': {
                    'description': 'number parameter example',
                    'type': 'number',
                    'default': 3.2,
                    'minimum': 1.0,
                    'maximum': 10.2,
                },
                'param2': {
                    'description': 'string parameter example',
                    'type': 'string',
                    'default': 'hello',
                },
            },
        }

    @staticmethod
    def _telemetry(rng):
        """Nine made-up host metrics, in the scorer's feature order."""
        memory_total = rng.randint(1, 64) * 1024 ** 3
        return [
            rng.uniform(0, 100),                    # cpu %
            memory_total,                           # memory total bytes
            rng.randint(0, memory_total),           # memory available
            rng.uniform(0, 2000),                   # page reads/s
            rng.uniform(0, 2000),                   # page writes/s
            rng.uniform(0, 100 * 1024 ** 2),        # disk read bytes/s
            rng.uniform(0, 100 * 1024 ** 2),        # disk write bytes/s
            rng.uniform(0, 100 * 1024 ** 2),        # network rx bytes/s
            rng.uniform(0, 100 * 1024 ** 2),        # network tx bytes/s
        ]

    def do_execute(self, audit=None):
        seed = getattr(audit, 'uuid', None) or DEFAULT_SEED
        rng = random.Random(seed)

        workload_result = jsonutils.loads(self._workload_scorer
                                          .calculate_score(jsonutils.dumps(
                                              self._telemetry(rng))))
        workload = self._workloads.get(workload_result[0], 'unknown')

        samples = [rng.randint(0, 999) for _unused in range(20)]
        average = jsonutils.loads(self._average_scorer.calculate_score(
            jsonutils.dumps(samples)))[0]

        add = self.solution.add_action
        add('nop', input_parameters={
            'message': 'Hello from Dummy Strategy with Scorer!'})
        add('nop', input_parameters={
            'message': 'Detected Workload: %s' % workload})
        add('nop', input_parameters={
            'message': 'AVG Scorer result: %s' % average})
        add('sleep', input_parameters={'duration': 5.0})
