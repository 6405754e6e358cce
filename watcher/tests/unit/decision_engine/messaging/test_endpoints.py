"""The decision engine's RPC endpoints over the in-memory transport."""
import oslo_messaging as messaging

from watcher.common import rpc
from watcher import conf
from watcher.decision_engine.audit import runner
from watcher.decision_engine.datasources import base as datasources_base
from watcher.decision_engine.messaging import audit_endpoint
from watcher.decision_engine.messaging import strategy_endpoint
from watcher.decision_engine import rpcapi
from watcher.tests.unit.decision_engine import de_base

CONF = conf.CONF


class TestRpc(de_base.DecisionEngineTestCase):

    def setUp(self):
        super().setUp()
        self.runner = runner.AuditRunner()
        self.addCleanup(self.runner.stop, timeout=10)
        target = messaging.Target(
            topic=CONF.watcher_decision_engine.conductor_topic,
            server=de_base.HOST, version='1.0')
        server = rpc.get_server(
            target, [audit_endpoint.AuditEndpoint(self.runner),
                     strategy_endpoint.StrategyEndpoint()],
            serializer=rpc.JsonPayloadSerializer())
        server.start()
        self.addCleanup(server.wait)
        self.addCleanup(server.stop)
        self.api = rpcapi.DecisionEngineAPI()

    def test_trigger_audit_runs_a_oneshot_audit(self):
        audit = self.create_audit()
        self.api.trigger_audit(self.context, audit.uuid)
        self.wait_for(lambda: self.reload(audit).state == 'SUCCEEDED',
                      message='audit SUCCEEDED')
        [plan] = self.plans_of(audit)
        self.assertEqual(['nop', 'nop', 'sleep'],
                         [a.action_type for a in self.actions_of(plan)])

    def test_trigger_audit_of_a_failing_audit(self):
        audit = self.create_audit(parameters={'para2': 42})
        self.api.trigger_audit(self.context, audit.uuid)
        audit = self.wait_for(
            lambda: (self.reload(audit).state == 'FAILED' and
                     self.reload(audit)), message='audit FAILED')
        self.assertIn('para2', audit.status_message)

    def test_two_triggers_run_the_audit_once(self):
        audit = self.create_audit()
        self.api.trigger_audit(self.context, audit.uuid)
        self.api.trigger_audit(self.context, audit.uuid)
        self.wait_for(lambda: self.reload(audit).state == 'SUCCEEDED',
                      message='audit SUCCEEDED')
        self.runner.pool.shutdown(wait=True)
        self.assertEqual(1, len(self.plans_of(audit)))

    def test_get_strategy_info_of_a_strategy_without_datasource(self):
        info = self.api.get_strategy_info(self.context, 'dummy')
        self.assertEqual(
            [{'type': 'Datasource', 'mandatory': True, 'comment': '',
              'state': 'Datasource is not presented for this strategy'},
             {'type': 'Metrics', 'mandatory': False, 'comment': '',
              'state': []},
             {'type': 'CDM', 'mandatory': True, 'comment': '',
              'state': [{'compute_model': 'available'},
                        {'storage_model': 'not available'},
                        {'baremetal_model': 'not available'}]}],
            info)


class FakeBackend(datasources_base.DataSourceBase):
    """A datasource answering from memory."""
    NAME = 'gnocchi'
    METRIC_MAP = {'host_cpu_usage': 'compute.node.cpu.percent',
                  'instance_cpu_usage': 'cpu'}

    def __init__(self, available=True):
        super().__init__()
        self.available = available

    def _statistic_aggregation(self, *args, **kwargs):
        return None

    def check_availability(self):
        return 'available' if self.available else 'not available'

    def list_metrics(self):
        return ['cpu']


class TestStrategyInfo(de_base.DecisionEngineTestCase):

    def info_for(self, backend):
        endpoint = strategy_endpoint.StrategyEndpoint()

        class Strategy(object):
            name = 'metered'
            DATASOURCE_METRICS = ['host_cpu_usage', 'instance_cpu_usage']
            config = {}
            datasource_backend = backend
            compute_model = object()

            @property
            def storage_model(self):
                raise RuntimeError('no cinder')
            baremetal_model = storage_model
        return (endpoint._datasource_state(Strategy(), backend),
                endpoint._metrics_state(Strategy(), backend))

    def test_metered_strategy_with_a_datasource(self):
        datasource, metrics = self.info_for(FakeBackend())
        self.assertEqual('gnocchi: available', datasource)
        self.assertEqual([{'compute.node.cpu.percent': 'not available'},
                          {'cpu': 'available'}], metrics)

    def test_unreachable_datasource(self):
        datasource, _metrics = self.info_for(FakeBackend(available=False))
        self.assertEqual('gnocchi: not available', datasource)

    def test_no_datasource_at_all(self):
        self.config(datasources=['gnocchi'], group='watcher_datasources')
        datasource, metrics = self.info_for(None)
        self.assertEqual('gnocchi: not available', datasource)
        self.assertEqual([], metrics)
