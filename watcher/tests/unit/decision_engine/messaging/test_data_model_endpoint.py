"""RPC get_data_model_info: rows of the master model, maybe scoped."""
import testtools

from watcher.common import exception
from watcher.decision_engine.messaging import data_model_endpoint
from watcher.decision_engine.model.collector import manager
from watcher.tests.unit.decision_engine.scope import test_scopes


class ScopedEndpoint(data_model_endpoint.DataModelEndpoint):
    """The audit lookup replaced by a fixed scope per audit uuid."""

    SCOPES = {'11111111-2222-3333-4444-555555555555': [
        {'compute': [{'exclude': [{'compute_nodes': [{'name': 'host2'}]},
                                  {'instances': [{'uuid': 'i3'}]}]}]}]}

    def get_audit_scope(self, context, audit=None):
        if audit is None:
            return []
        return self.SCOPES[audit]


class TestDataModelEndpoint(testtools.TestCase):

    def setUp(self):
        super().setUp()
        manager.reset_collectors()
        self.addCleanup(manager.reset_collectors)
        self.collector = manager.CollectorManager() \
            .get_cluster_model_collector('compute')
        self.collector.set_cluster_data_model(test_scopes.compute_model())
        self.endpoint = ScopedEndpoint()

    def test_rows_of_the_whole_model(self):
        rows = self.endpoint.get_data_model_info({}, 'compute')['context']
        self.assertEqual(['i1', 'i2', 'i3', 'i4'],
                         [row['server_uuid'] for row in rows])
        self.assertEqual('host1', rows[0]['node_hostname'])

    def test_rows_scoped_by_the_audit(self):
        rows = self.endpoint.get_data_model_info(
            {}, 'compute',
            audit='11111111-2222-3333-4444-555555555555')['context']
        self.assertEqual([('i1', False), ('i3', True), ('i4', False)],
                         [(row['server_uuid'], row['server_watcher_exclude'])
                          for row in rows])
        # The master model is not trimmed by the scope.
        self.assertEqual(4, len(self.endpoint.get_data_model_info(
            {}, 'compute')['context']))

    def test_unknown_model_type(self):
        error = self.assertRaises(exception.DataModelTypeNotFound,
                                  self.endpoint.get_data_model_info, {},
                                  'network')
        self.assertEqual('The network data model could not be found',
                         str(error))
        self.assertEqual(404, error.code)

    def test_audit_that_is_not_a_uuid(self):
        endpoint = data_model_endpoint.DataModelEndpoint()
        error = self.assertRaises(exception.InvalidIdentity,
                                  endpoint.get_data_model_info, {},
                                  'compute', audit='nope')
        self.assertEqual('Expected a uuid or int but received nope',
                         str(error))

    def test_no_model_gives_no_rows(self):
        def failing_build():
            raise RuntimeError('nova is down')

        self.collector.set_cluster_data_model_as_stale()
        self.collector.build_model = failing_build
        self.assertEqual({'context': []},
                         self.endpoint.get_data_model_info({}, 'compute'))
