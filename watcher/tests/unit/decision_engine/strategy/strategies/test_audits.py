"""Audits of the consolidation and balancing strategies, end to end.

The real audit handler, planners and database; only the metric backend
is the in-memory datasource (or a real one that lacks the metrics).
"""
import fixtures

from watcher.decision_engine.audit import oneshot
from watcher.decision_engine.datasources import manager as ds_manager
from watcher import objects
from watcher.tests.unit.decision_engine import de_base
from watcher.tests.unit.decision_engine.strategy import fakes
from watcher.tests.unit.decision_engine.strategy import metric_fakes


def cloud():
    return fakes.build_model(
        [{'hostname': 'c1'}, {'hostname': 'c2'}, {'hostname': 'c3'}],
        [{'uuid': 'i1', 'node': 'c1'}, {'uuid': 'i2', 'node': 'c2'},
         {'uuid': 'i3', 'node': 'c2'}, {'uuid': 'i4', 'node': 'c3',
                                        'vcpus': 8}])


class TestStrategyAudits(de_base.DecisionEngineTestCase):

    def setUp(self):
        super().setUp()
        self.set_compute_model(cloud())
        self.datasource = metric_fakes.FakeDataSource()
        for name, value in (('c1', 10), ('c2', 40), ('c3', 70)):
            self.datasource.set('uuid-' + name, 'host_cpu_usage', value)
            self.datasource.set('uuid-' + name, 'host_ram_usage', 4e6)
        for uuid, value in (('i1', 10), ('i2', 30), ('i3', 50), ('i4', 80)):
            self.datasource.set(uuid, 'instance_cpu_usage', value)

    def use_fake_datasource(self):
        self.useFixture(fixtures.MockPatchObject(
            ds_manager.DataSourceManager, 'get_backend',
            return_value=self.datasource))

    def run_audit(self, strategy, goal='server_consolidation', **values):
        audit = self.create_audit(goal=goal, strategy=strategy, **values)
        oneshot.OneShotAuditHandler().execute(audit, self.context)
        return self.reload(audit)

    def test_vm_workload_consolidation_plan_is_stored(self):
        self.use_fake_datasource()
        audit = self.run_audit('vm_workload_consolidation')
        self.assertEqual('SUCCEEDED', audit.state)
        [plan] = self.plans_of(audit)
        self.assertEqual('RECOMMENDED', plan.state)
        actions = self.actions_of(plan)
        self.assertEqual(
            [('change_nova_service_state', 'c1'),
             ('change_nova_service_state', 'c2'),
             ('migrate', 'i1'), ('migrate', 'i3'), ('migrate', 'i2')],
            [(a.action_type, a.input_parameters.get('resource_name'))
             for a in actions])
        indicators = {i.name: i.value for i in objects.EfficacyIndicator.list(
            self.context, filters={'action_plan_id': plan.id})}
        self.assertEqual({'compute_nodes_count': 3,
                          'released_compute_nodes_count': 2,
                          'instance_migrations_count': 3}, indicators)
        self.assertEqual('released_nodes_ratio',
                         plan.global_efficacy[0]['name'])

    def test_balancing_strategies_use_their_planner(self):
        self.use_fake_datasource()
        audit = self.run_audit(
            'workload_stabilization', goal='workload_balancing',
            parameters={'host_choice': 'fullsearch'})
        self.assertEqual('SUCCEEDED', audit.state)
        [plan] = self.plans_of(audit)
        actions = self.actions_of(plan)
        self.assertTrue(actions)
        # The workload_stabilization planner: no dependencies.
        self.assertEqual([[]] * len(actions), [a.parents for a in actions])

    def test_node_resource_consolidation_uses_its_planner(self):
        audit = self.run_audit('node_resource_consolidation')
        [plan] = self.plans_of(audit)
        actions = self.actions_of(plan)
        disable, migrate, enable = actions
        self.assertEqual([disable.uuid], migrate.parents)
        self.assertEqual([migrate.uuid], enable.parents)

    def test_metric_no_datasource_provides_fails_the_audit(self):
        self.config(datasources=['grafana'], group='watcher_datasources')
        audit = self.run_audit('vm_workload_consolidation')
        self.assertEqual('FAILED', audit.state)
        self.assertIn('Strategy vm_workload_consolidation failed: Metric: ',
                      audit.status_message)
        self.assertIn('not available', audit.status_message)
        self.assertEqual([], self.plans_of(audit))

    def test_datasource_without_any_value_fails_the_audit(self):
        self.datasource.values = {}
        self.use_fake_datasource()
        audit = self.run_audit('basic')
        self.assertEqual('FAILED', audit.state)
        self.assertIn('returned no host_cpu_usage value for any of the 3 '
                      'compute_node resources', audit.status_message)

    def test_bad_parameter_fails_the_audit_with_its_reason(self):
        self.use_fake_datasource()
        audit = self.run_audit('workload_balance', goal='workload_balancing',
                               parameters={'metrics': 'cpu_util'})
        self.assertEqual('FAILED', audit.state)
        self.assertIn('cannot balance cpu_util', audit.status_message)
