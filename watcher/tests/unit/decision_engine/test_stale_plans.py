"""Expiry, launch and model-change supersession of action plans."""
import datetime
import time
from unittest import mock

from oslo_utils import timeutils

from watcher.decision_engine.audit import oneshot
from watcher.decision_engine import stale_plans
from watcher.tests.unit.decision_engine import de_base


class TestExpiry(de_base.DecisionEngineTestCase):

    def plan(self, state='RECOMMENDED'):
        from watcher import objects
        audit = self.create_audit(state='SUCCEEDED')
        plan = objects.ActionPlan(self.context, audit_id=audit.id,
                                  strategy_id=self.strategy('dummy').id,
                                  state=state)
        plan.create()
        return plan

    def test_old_recommended_plans_are_superseded(self):
        recommended = self.plan()
        started = self.plan(state='PENDING')
        later = timeutils.utcnow() + datetime.timedelta(hours=25)
        self.assertEqual([recommended.uuid],
                         stale_plans.check_expired(now=later))
        recommended = self.reload(recommended)
        self.assertEqual('SUPERSEDED', recommended.state)
        self.assertIn('24 hour', recommended.status_message)
        self.assertEqual('PENDING', self.reload(started).state)
        self.assertIn('action_plan.update',
                      self.event_types('action_plan.'))

    def test_recent_plans_stay(self):
        plan = self.plan()
        soon = timeutils.utcnow() + datetime.timedelta(hours=23)
        self.assertEqual([], stale_plans.check_expired(now=soon))
        self.assertEqual('RECOMMENDED', self.reload(plan).state)

    def test_expiry_follows_the_option_and_zero_disables(self):
        plan = self.plan()
        in_two_hours = timeutils.utcnow() + datetime.timedelta(hours=2)
        self.config(action_plan_expiry=0, group='watcher_decision_engine')
        self.assertEqual([], stale_plans.check_expired(now=in_two_hours))
        self.config(action_plan_expiry=1, group='watcher_decision_engine')
        self.assertEqual([plan.uuid],
                         stale_plans.check_expired(now=in_two_hours))


class TestLaunch(de_base.DecisionEngineTestCase):

    def plan(self, *actions):
        """A RECOMMENDED plan with ``actions`` = (type, parameters) pairs."""
        from watcher import objects
        audit = self.create_audit(state='SUCCEEDED')
        plan = objects.ActionPlan(self.context, audit_id=audit.id,
                                  strategy_id=self.strategy('dummy').id,
                                  state='RECOMMENDED')
        plan.create()
        for action_type, params in actions:
            objects.Action(self.context, action_plan_id=plan.id,
                           action_type=action_type, state='PENDING',
                           input_parameters=params, parents=[]).create()
        time.sleep(0.01)
        return plan

    def launch(self, plan):
        plan.state = 'PENDING'
        plan.save()
        time.sleep(0.01)

    @staticmethod
    def migrate(server, source, destination=None):
        params = {'migration_type': 'live', 'resource_id': server,
                  'source_node': source, 'resource_name': 'vm'}
        if destination:
            params['destination_node'] = destination
        return ('migrate', params)

    def test_launch_supersedes_older_plans_acting_on_the_same_hosts(self):
        launched = self.plan(self.migrate(SERVER_A, 'compute-1',
                                          'compute-2'))
        same_host = self.plan(self.migrate(SERVER_B, 'compute-2'))
        same_server = self.plan(self.migrate(SERVER_A, 'compute-7'))
        elsewhere = self.plan(self.migrate(SERVER_B, 'compute-3',
                                           'compute-4'))
        host_disable = self.plan(('change_nova_service_state', {
            'resource_id': NODE_UUID, 'resource_name': 'compute-1',
            'state': 'disabled'}))
        dummy = self.plan(('nop', {'message': 'hello'}),
                          ('sleep', {'duration': 1}))
        self.launch(launched)
        newer = self.plan(self.migrate(SERVER_B, 'compute-2'))

        superseded = stale_plans.check_launched()

        self.assertEqual(sorted([same_host.uuid, same_server.uuid,
                                 host_disable.uuid]), sorted(superseded))
        for plan in (same_host, same_server, host_disable):
            plan = self.reload(plan)
            self.assertEqual('SUPERSEDED', plan.state)
            self.assertIn(launched.uuid, plan.status_message)
        for plan in (elsewhere, dummy, newer):
            self.assertEqual('RECOMMENDED', self.reload(plan).state)
        self.assertEqual('PENDING', self.reload(launched).state)
        self.assertEqual([], stale_plans.check_launched())

    def test_without_a_launch_no_plan_actions_are_read(self):
        # Every check would otherwise read all the actions of every new
        # RECOMMENDED plan (thousands in a large cloud) for nothing.
        self.plan(self.migrate(SERVER_A, 'compute-1', 'compute-2'))
        self.plan(self.migrate(SERVER_B, 'compute-2'))
        with mock.patch.object(stale_plans.objects.Action, 'list',
                               side_effect=AssertionError('read')):
            self.assertEqual([], stale_plans.check_launched())

    def test_plans_touching_nothing_never_supersede_each_other(self):
        first = self.plan(('nop', {'message': 'a'}))
        second = self.plan(('nop', {'message': 'a'}))
        self.launch(first)
        self.assertEqual([], stale_plans.check_launched())
        self.assertEqual('RECOMMENDED', self.reload(second).state)

    def test_can_be_turned_off(self):
        self.config(supersede_plans_on_launch=False,
                    group='watcher_decision_engine')
        launched = self.plan(self.migrate(SERVER_A, 'compute-1'))
        other = self.plan(self.migrate(SERVER_B, 'compute-1'))
        self.launch(launched)
        self.assertEqual([], stale_plans.check_launched())
        self.assertEqual('RECOMMENDED', self.reload(other).state)


SERVER_A = 'aaaaaaaa-1111-2222-3333-444444444444'
SERVER_B = 'bbbbbbbb-1111-2222-3333-444444444444'
NODE_UUID = 'cccccccc-1111-2222-3333-444444444444'


class TestModelChange(de_base.DecisionEngineTestCase):

    def setUp(self):
        super().setUp()
        self.tracker = stale_plans.ModelChangeTracker()
        self.patch(stale_plans, 'TRACKER', self.tracker)
        self.collector = self.set_compute_model(de_base.default_model())
        self.collector.add_change_listener(self.tracker.on_model_change)

    def run_audit(self, scope=None):
        audit = self.create_audit(scope=scope or [])
        oneshot.OneShotAuditHandler().execute(audit, self.context)
        return self.plans_of(audit)[0]

    def disable(self, hostname):
        def change(model):
            model.update_node(model.get_node_by_name(hostname),
                              status='disabled')
        self.collector.apply_change(change)

    def check(self):
        return stale_plans.check_model_changes(
            self.collector.cluster_data_model)

    def test_change_in_scope_supersedes(self):
        self.config(supersede_plans_on_model_change=True,
                    group='watcher_decision_engine')
        only_compute1 = [{'compute': [{'exclude': [
            {'compute_nodes': [{'name': 'compute2'}]}]}]}]
        whole = self.run_audit()
        partial = self.run_audit(scope=only_compute1)
        self.assertEqual([], self.check())
        self.disable('compute2')
        self.assertEqual([whole.uuid], self.check())
        self.assertEqual('SUPERSEDED', self.reload(whole).state)
        self.assertEqual('RECOMMENDED', self.reload(partial).state)
        self.disable('compute1')
        self.assertEqual([partial.uuid], self.check())

    def test_off_by_default(self):
        plan = self.run_audit()
        self.disable('compute1')
        self.assertEqual([], self.check())
        self.assertEqual('RECOMMENDED', self.reload(plan).state)
