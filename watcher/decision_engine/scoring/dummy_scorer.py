"""Sample scoring engine: a hand-written workload classifier.

It shows how a scoring engine is written and used; a real one would wrap a
trained model. Input: a JSON list of nine host metrics. Output: a JSON list
``[workload, idle%, cpu%, memory%, disk%]``.
"""
from oslo_serialization import jsonutils

from watcher.decision_engine.scoring import base

MEBIBYTE = 1024 * 1024

FEATURE_COLUMNS = [
    'proc-processor-time-%',
    'mem-total-bytes',
    'mem-avail-bytes',
    'mem-page-reads/sec',
    'mem-page-writes/sec',
    'disk-read-bytes/sec',
    'disk-write-bytes/sec',
    'net-bytes-received/sec',
    'net-bytes-sent/sec',
]
RESULT_COLUMNS = [
    'workload',
    'idle-probability',
    'cpu-probability',
    'memory-probability',
    'disk-probability',
]
WORKLOADS = ['idle', 'cpu-intensive', 'memory-intensive', 'disk-intensive']

WORKLOAD_IDLE, WORKLOAD_CPU, WORKLOAD_MEMORY, WORKLOAD_DISK = range(4)

# Feature positions in the input list.
CPU_PERCENT = 0
PAGE_READS = 3
PAGE_WRITES = 4
DISK_READ_BYTES = 5
DISK_WRITE_BYTES = 6


class DummyScorer(base.ScoringEngine):
    """Classifies a host workload as idle, cpu, memory or disk bound."""

    def get_name(self):
        return 'dummy_scorer'

    def get_description(self):
        return 'Dummy workload classifier'

    def get_metainfo(self):
        return jsonutils.dumps({
            'feature_columns': FEATURE_COLUMNS,
            'result_columns': RESULT_COLUMNS,
            'workloads': WORKLOADS,
        })

    def calculate_score(self, features):
        try:
            values = jsonutils.loads(features)
        except Exception as exc:
            raise ValueError('Unable to parse features: %s' % exc)
        if not isinstance(values, list):
            raise ValueError('JSON list expected in feature argument')
        if len(values) != len(FEATURE_COLUMNS):
            raise ValueError('Invalid number of features, expected %d'
                             % len(FEATURE_COLUMNS))

        idle = cpu = memory = disk = 0.0
        if values[CPU_PERCENT] >= 80:
            workload, cpu = WORKLOAD_CPU, 100.0
        elif values[PAGE_READS] >= 1000 and values[PAGE_WRITES] >= 1000:
            workload, memory = WORKLOAD_MEMORY, 100.0
        elif (values[DISK_READ_BYTES] >= 50 * MEBIBYTE and
              values[DISK_WRITE_BYTES] >= 50 * MEBIBYTE):
            workload, disk = WORKLOAD_DISK, 100.0
        else:
            workload, idle = WORKLOAD_IDLE, 100.0
            if values[CPU_PERCENT] >= 40:
                cpu = 50.0
            if values[PAGE_READS] >= 500 or values[PAGE_WRITES] >= 500:
                memory = 50.0
        return jsonutils.dumps([workload, idle, cpu, memory, disk])
