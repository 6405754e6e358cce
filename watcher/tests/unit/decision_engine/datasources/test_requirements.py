"""The datasource lines of the strategy state report."""
import testtools

from watcher.decision_engine.datasources import base
from watcher.decision_engine.datasources import requirements


class Backend(base.DataSourceBase):
    NAME = 'fake'
    METRIC_MAP = dict(base.DataSourceBase.METRIC_MAP,
                      host_cpu_usage='cpu',
                      instance_cpu_usage={'query': 'SELECT 1'})

    def __init__(self, metrics=(), availability=base.AVAILABLE):
        super().__init__()
        self.metrics = metrics
        self.availability = availability

    def _statistic_aggregation(self, *args):
        return None

    def list_metrics(self):
        if isinstance(self.metrics, Exception):
            raise self.metrics
        return self.metrics

    def check_availability(self):
        if isinstance(self.availability, Exception):
            raise self.availability
        return self.availability


class TestRequirements(testtools.TestCase):

    def test_datasource_line(self):
        self.assertEqual('fake: available',
                         requirements.datasource_state(Backend()))
        self.assertEqual('fake: not available', requirements.datasource_state(
            Backend(availability=base.NOT_AVAILABLE)))
        self.assertEqual('fake: not available', requirements.datasource_state(
            Backend(availability=ConnectionError('refused'))))

    def test_metric_lines_use_backend_names(self):
        # A structured map entry (Grafana) is shown by its watcher name.
        self.assertEqual(
            [{'cpu': 'available'}, {'instance_cpu_usage': 'not available'}],
            requirements.metrics_state(Backend({'cpu'}),
                                       ['host_cpu_usage',
                                        'instance_cpu_usage']))

    def test_backend_that_cannot_list(self):
        for metrics in (None, ConnectionError('refused')):
            self.assertEqual(
                [{'cpu': 'not available'}],
                requirements.metrics_state(Backend(metrics),
                                           ['host_cpu_usage']))
