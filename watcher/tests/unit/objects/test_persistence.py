"""Objects against a real (SQLite) database through the generic DB API."""
import datetime

import fixtures
from oslo_utils import uuidutils

from watcher.common import exception
from watcher.db import api as db_api
from watcher import objects
from watcher.objects import base as objects_base
from watcher.tests.unit.objects import base


class TestGoalAndStrategy(base.ObjectsTestCase):

    def test_create_fills_id_uuid_and_timestamps(self):
        goal = self.make_goal(efficacy_specification=[
            {'name': 'ratio', 'description': 'r', 'unit': None,
             'schema': 'Range(min=0, max=100)'}])
        self.assertIsInstance(goal.id, int)
        self.assertTrue(goal.uuid)
        self.assertIsNotNone(goal.created_at.tzinfo)
        self.assertEqual(set(), goal.obj_what_changed())
        again = objects.Goal.get_by_uuid(self.context, goal.uuid)
        self.assertEqual(goal.efficacy_specification,
                         again.efficacy_specification)

    def test_get_accepts_id_uuid_and_name(self):
        goal = self.make_goal('server_consolidation')
        for ident in (goal.id, str(goal.id), goal.uuid,
                      'server_consolidation', 'SERVER_CONSOLIDATION'):
            self.assertEqual(goal.uuid,
                             objects.Goal.get(self.context, ident).uuid)

    def test_get_refuses_a_blank_identity(self):
        self.assertRaises(exception.InvalidIdentity, objects.Goal.get,
                          self.context, '')

    def test_unknown_goal_is_not_found(self):
        error = self.assertRaises(exception.GoalNotFound,
                                  objects.Goal.get_by_name, self.context,
                                  'nope')
        self.assertEqual(404, error.code)

    def test_strategy_eager_and_lazy_goal(self):
        goal, strategy = self.make_catalogue()
        eager = objects.Strategy.get_by_name(self.context, 'dummy',
                                             eager=True)
        self.assertTrue(eager.obj_attr_is_set('goal'))
        self.assertEqual(goal.uuid, eager.goal.uuid)
        lazy = objects.Strategy.get(self.context, strategy.uuid)
        self.assertFalse(lazy.obj_attr_is_set('goal'))
        self.assertEqual('dummy', lazy.goal.name)
        self.assertEqual(set(), lazy.obj_what_changed())

    def test_parameters_spec_round_trip(self):
        goal = self.make_goal()
        spec = {'properties': {'threshold': {'type': 'number',
                                             'default': 25.0}}}
        strategy = self.make_strategy(goal, parameters_spec=spec)
        self.assertEqual(spec, objects.Strategy.get_by_id(
            self.context, strategy.id).parameters_spec)

    def test_list_filters_sorts_and_pages(self):
        goal = self.make_goal()
        for name in ('c', 'a', 'b'):
            self.make_strategy(goal, name=name)
        names = [s.name for s in objects.Strategy.list(
            self.context, filters={'goal_name': 'dummy'}, sort_key='name')]
        self.assertEqual(['a', 'b', 'c'], names)
        first = objects.Strategy.list(self.context, limit=1, sort_key='name')
        rest = objects.Strategy.list(self.context, marker=first[0].uuid,
                                     sort_key='name')
        self.assertEqual(['b', 'c'], [s.name for s in rest])

    def test_list_accepts_filters_as_first_positional_argument(self):
        self.make_goal('one')
        self.make_goal('two')
        goals = objects.Goal.list(self.context, {'name': 'two'})
        self.assertEqual(['two'], [g.name for g in goals])
        templates = objects.AuditTemplate.list(self.context, {'name': 'x'})
        self.assertEqual([], templates)

    def test_save_writes_only_the_changes(self):
        goal = self.make_goal()
        goal.display_name = 'Renamed'
        goal.save()
        stored = objects.Goal.get(self.context, goal.id)
        self.assertEqual('Renamed', stored.display_name)
        self.assertIsNotNone(stored.updated_at)
        self.assertEqual(stored.updated_at, goal.updated_at)

    def test_soft_deleted_goal_hidden_but_reachable_from_strategy(self):
        goal, strategy = self.make_catalogue()
        goal.soft_delete()
        self.assertIsNotNone(goal.deleted_at)
        self.assertRaises(exception.GoalNotFound, objects.Goal.get,
                          self.context, goal.uuid)
        self.assertEqual([], objects.Goal.list(self.context))
        self.assertEqual(goal.uuid, objects.Goal.get(
            self.deleted_context, goal.uuid).uuid)
        # A strategy still tells which (deleted) goal it belonged to.
        self.assertEqual(goal.uuid, objects.Strategy.get(
            self.context, strategy.id).goal.uuid)

    def test_refresh_reads_other_writers(self):
        goal = self.make_goal()
        other = objects.Goal.get(self.context, goal.id)
        other.display_name = 'Changed elsewhere'
        other.save()
        goal.refresh()
        self.assertEqual('Changed elsewhere', goal.display_name)

    def test_destroy_removes_the_row(self):
        goal = self.make_goal()
        goal.destroy()
        self.assertRaises(exception.GoalNotFound, objects.Goal.get,
                          self.deleted_context, goal.id)


class TestAuditTemplate(base.ObjectsTestCase):

    def test_round_trip_with_scope_and_default_parameters(self):
        goal, strategy = self.make_catalogue()
        template = objects.AuditTemplate(
            self.context, name='tpl', goal_id=goal.id,
            strategy_id=strategy.id, description='nightly',
            scope=[{'compute': [{'host_aggregates': [{'id': 1}]}]}],
            default_parameters={'period': 300})
        template.create()
        self.assertEqual('dummy', template.strategy.name)
        stored = objects.AuditTemplate.get(self.context, 'tpl', eager=True)
        self.assertEqual(template.scope, stored.scope)
        self.assertEqual({'period': 300}, stored.default_parameters)
        self.assertEqual(goal.uuid, stored.goal.uuid)

    def test_template_without_strategy(self):
        goal = self.make_goal()
        template = objects.AuditTemplate(self.context, name='no-strategy',
                                         goal_id=goal.id, strategy_id=None)
        template.create()
        self.assertIsNone(template.strategy_id)
        self.assertIsNone(template.strategy)
        self.assertEqual([], template.scope)

    def test_duplicate_live_name_is_refused(self):
        goal = self.make_goal()
        objects.AuditTemplate(self.context, name='tpl',
                              goal_id=goal.id).create()
        duplicate = objects.AuditTemplate(self.context, name='TPL',
                                          goal_id=goal.id)
        self.assertRaises(exception.AuditTemplateAlreadyExists,
                          duplicate.create)


class TestAudit(base.ObjectsTestCase):

    def test_create_loads_goal_and_strategy_and_notifies(self):
        goal, strategy = self.make_catalogue()
        audit = self.make_audit(goal, strategy)
        self.assertEqual(goal.uuid, audit.goal.uuid)
        self.assertEqual(strategy.uuid, audit.strategy.uuid)
        self.assertIs(False, audit.force)
        self.assertEqual([('create', None)], self.events_of('Audit'))

    def test_naive_datetimes_round_trip(self):
        goal = self.make_goal()
        start = datetime.datetime(2026, 1, 2, 3, 4, 5)
        audit = self.make_audit(goal, audit_type='CONTINUOUS',
                                interval='*/5 * * * *', start_time=start,
                                next_run_time=start)
        stored = objects.Audit.get(self.context, audit.uuid)
        self.assertEqual(start, stored.start_time)
        self.assertIsNone(stored.start_time.tzinfo)
        self.assertEqual('*/5 * * * *', stored.interval)

    def test_old_state_is_reported_once_per_state_change(self):
        goal = self.make_goal()
        audit = self.make_audit(goal)
        audit.state = objects.audit.State.ONGOING
        self.assertEqual('PENDING', audit.old_state)
        audit.save()
        self.assertIsNone(audit.old_state)
        audit.hostname = 'de-1'
        audit.save()
        audit.state = 'SUCCEEDED'
        audit.save()
        self.assertEqual([('create', None), ('update', 'PENDING'),
                          ('update', None), ('update', 'ONGOING')],
                         self.events_of('Audit'))

    def test_old_state_keeps_the_stored_state_over_several_changes(self):
        audit = self.make_audit(self.make_goal())
        audit.state = 'ONGOING'
        audit.state = 'FAILED'
        self.assertEqual('PENDING', audit.old_state)

    def test_refresh_is_not_a_state_change(self):
        audit = self.make_audit(self.make_goal())
        other = objects.Audit.get(self.context, audit.id)
        other.state = 'ONGOING'
        other.save()
        audit.refresh()
        self.assertEqual('ONGOING', audit.state)
        self.assertIsNone(audit.old_state)

    def test_soft_delete_sets_deleted_state_then_hides_the_row(self):
        audit = self.make_audit(self.make_goal(), state='SUCCEEDED')
        audit.soft_delete()
        self.assertEqual('DELETED', audit.state)
        self.assertIsNotNone(audit.deleted_at)
        self.assertEqual([('create', None), ('update', 'SUCCEEDED'),
                          ('delete', None)], self.events_of('Audit'))
        self.assertRaises(exception.AuditNotFound, objects.Audit.get,
                          self.context, audit.uuid)
        stored = objects.Audit.get(self.deleted_context, audit.uuid)
        self.assertEqual('DELETED', stored.state)
        # The name can be used again once the audit is deleted.
        self.make_audit(self.make_goal('other'), name=audit.name)

    def test_compare_and_save_claims_once(self):
        audit = self.make_audit(self.make_goal())
        first = objects.Audit.get(self.context, audit.uuid)
        second = objects.Audit.get(self.context, audit.uuid)
        first.hostname = 'de-1'
        first.compare_and_save({'hostname': None})
        second.hostname = 'de-2'
        self.assertRaises(exception.Conflict, second.compare_and_save,
                          {'hostname': None})
        self.assertEqual('de-1', objects.Audit.get(
            self.context, audit.uuid).hostname)

    def test_list_by_goal_and_state(self):
        goal, strategy = self.make_catalogue()
        other_goal = self.make_goal('other')
        self.make_audit(goal, strategy, name='a', state='ONGOING')
        self.make_audit(goal, strategy, name='b', state='PENDING')
        self.make_audit(other_goal, name='c', state='ONGOING')
        audits = objects.Audit.list(
            self.context, filters={'goal_uuid': goal.uuid,
                                   'state__in': ['ONGOING']}, eager=True)
        self.assertEqual(['a'], [a.name for a in audits])
        self.assertEqual('dummy', audits[0].strategy.name)

    def test_destroy_refused_while_plans_refer_to_it(self):
        goal, strategy = self.make_catalogue()
        audit = self.make_audit(goal, strategy)
        self.make_action_plan(audit, strategy)
        self.assertRaises(exception.AuditReferenced, audit.destroy)


class TestActionPlanAndAction(base.ObjectsTestCase):

    def setUp(self):
        super().setUp()
        self.goal, self.strategy = self.make_catalogue()
        self.audit = self.make_audit(self.goal, self.strategy)

    def test_plan_create_loads_audit_and_strategy(self):
        plan = self.make_action_plan(self.audit, self.strategy,
                                     global_efficacy=[{'name': 'x',
                                                       'value': 1.5}])
        self.assertEqual(self.audit.uuid, plan.audit.uuid)
        self.assertEqual(self.strategy.uuid, plan.strategy.uuid)
        stored = objects.ActionPlan.get(self.context, plan.uuid)
        self.assertEqual([{'name': 'x', 'value': 1.5}],
                         stored.global_efficacy)

    def test_plan_tracks_old_state(self):
        plan = self.make_action_plan(self.audit, self.strategy)
        plan.state = objects.action_plan.State.PENDING
        plan.save()
        self.assertEqual([('create', None), ('update', 'RECOMMENDED')],
                         self.events_of('ActionPlan'))

    def test_action_round_trip_and_lookup_by_audit(self):
        plan = self.make_action_plan(self.audit, self.strategy)
        parent = self.make_action(plan)
        child = self.make_action(plan, parents=[parent.uuid],
                                 input_parameters={'resource_id': 'vm-1',
                                                   'migration_type': 'live'})
        stored = objects.Action.get(self.context, child.uuid, eager=True)
        self.assertEqual([parent.uuid], stored.parents)
        self.assertEqual('live', stored.input_parameters['migration_type'])
        self.assertEqual(plan.uuid, stored.action_plan.uuid)
        by_audit = objects.Action.list(
            self.context, filters={'audit_uuid': self.audit.uuid},
            sort_key='id')
        self.assertEqual([parent.uuid, child.uuid],
                         [a.uuid for a in by_audit])

    def test_create_many_stores_all_actions_and_notifies_each(self):
        plan = self.make_action_plan(self.audit, self.strategy)
        actions = [objects.Action(self.context, action_plan_id=plan.id,
                                  action_type='nop', state='PENDING',
                                  input_parameters={'message': str(i)},
                                  parents=[])
                   for i in range(5)]
        created = objects.Action.create_many(self.context, actions,
                                             action_plan=plan)
        self.assertEqual([('create', None)] * 5, self.events_of('Action'))
        self.assertTrue(all(a.id and a.uuid for a in created))
        self.assertTrue(all(a.action_plan.uuid == plan.uuid
                            for a in created))
        stored = objects.Action.list(
            self.context, filters={'action_plan_uuid': plan.uuid},
            sort_key='id')
        self.assertEqual([str(i) for i in range(5)],
                         [a.input_parameters['message'] for a in stored])

    def test_create_many_is_all_or_nothing(self):
        plan = self.make_action_plan(self.audit, self.strategy)
        taken = self.make_action(plan)
        actions = [objects.Action(self.context, action_plan_id=plan.id,
                                  action_type='nop', state='PENDING',
                                  uuid=uuid, parents=[])
                   for uuid in (uuidutils.generate_uuid(), taken.uuid)]
        self.assertRaises(exception.ActionAlreadyExists,
                          objects.Action.create_many, self.context, actions)
        self.assertEqual(1, len(objects.Action.list(
            self.context, filters={'action_plan_uuid': plan.uuid})))

    def test_create_many_in_chunks_is_still_all_or_nothing(self):
        plan = self.make_action_plan(self.audit, self.strategy)
        taken = self.make_action(plan)
        self.events.clear()
        self.useFixture(fixtures.MockPatchObject(
            objects_base, 'CREATE_CHUNK', 2))
        uuids = [uuidutils.generate_uuid() for _ in range(4)] + [taken.uuid]
        actions = [objects.Action(self.context, action_plan_id=plan.id,
                                  action_type='nop', state='PENDING',
                                  uuid=uuid, parents=[]) for uuid in uuids]
        # The third chunk fails: the first two are not kept either and
        # nothing was announced.
        self.assertRaises(exception.ActionAlreadyExists,
                          objects.Action.create_many, self.context, actions)
        self.assertEqual([taken.uuid], [a.uuid for a in objects.Action.list(
            self.context, filters={'action_plan_uuid': plan.uuid})])
        self.assertEqual([], self.events_of('Action'))

    def test_create_many_in_chunks_keeps_the_order(self):
        plan = self.make_action_plan(self.audit, self.strategy)
        self.useFixture(fixtures.MockPatchObject(
            objects_base, 'CREATE_CHUNK', 2))
        actions = [objects.Action(self.context, action_plan_id=plan.id,
                                  action_type='nop', state='PENDING',
                                  input_parameters={'message': str(i)},
                                  parents=[]) for i in range(5)]
        created = objects.Action.create_many(self.context, actions)
        self.assertEqual(5, len({a.id for a in created}))
        stored = objects.Action.list(
            self.context, filters={'action_plan_uuid': plan.uuid},
            sort_key='id')
        self.assertEqual([a.uuid for a in created], [a.uuid for a in stored])

    def test_action_save_does_not_track_state(self):
        plan = self.make_action_plan(self.audit, self.strategy)
        action = self.make_action(plan)
        action.state = 'SKIPPED'
        action.status_message = 'Action skipped by user.'
        action.save()
        self.assertEqual([('create', None), ('update', None)],
                         self.events_of('Action'))
        self.assertEqual('Action skipped by user.', objects.Action.get(
            self.context, action.id).status_message)

    def test_action_soft_delete(self):
        plan = self.make_action_plan(self.audit, self.strategy)
        action = self.make_action(plan)
        action.soft_delete()
        self.assertEqual([('create', None), ('update', None),
                          ('delete', None)], self.events_of('Action'))
        self.assertEqual([], objects.Action.list(self.context))
        deleted = objects.Action.list(self.deleted_context)
        self.assertEqual(['DELETED'], [a.state for a in deleted])

    def test_plan_soft_delete(self):
        plan = self.make_action_plan(self.audit, self.strategy,
                                     state='SUCCEEDED')
        plan.soft_delete()
        self.assertEqual('DELETED', objects.ActionPlan.get(
            self.deleted_context, plan.id).state)
        self.assertEqual([], objects.ActionPlan.list(self.context))

    def test_efficacy_indicator_keeps_decimals(self):
        plan = self.make_action_plan(self.audit, self.strategy)
        indicator = objects.EfficacyIndicator(
            self.context, action_plan_id=plan.id, name='released_nodes',
            description='Ratio', unit='%', value=12.345)
        indicator.create()
        stored = objects.EfficacyIndicator.get(self.context, indicator.uuid)
        self.assertEqual(12.345, stored.value)
        listed = objects.EfficacyIndicator.list(
            self.context, filters={'action_plan_uuid': plan.uuid})
        self.assertEqual([12.345], [i.value for i in listed])

    def test_efficacy_indicator_falls_back_on_legacy_value(self):
        plan = self.make_action_plan(self.audit, self.strategy)
        row = db_api.get_instance().create('efficacy_indicator', {
            'action_plan_id': plan.id, 'name': 'old', 'value': 7,
            'data': None})
        db_api.get_instance().update('efficacy_indicator', row.id,
                                     {'data': None})
        stored = objects.EfficacyIndicator.get(self.context, row.id)
        self.assertEqual(7, stored.value)
        self.assertIsInstance(stored.value, int)


class TestOtherObjects(base.ObjectsTestCase):

    def test_scoring_engine(self):
        engine = objects.ScoringEngine(
            self.context, name='dummy_scorer', description='Dummy',
            metainfo='{"feature_columns": ["a"]}')
        engine.create()
        self.assertEqual(engine.id, objects.ScoringEngine.get_by_name(
            self.context, 'dummy_scorer').id)
        self.assertEqual('dummy_scorer', objects.ScoringEngine.get(
            self.context, engine.uuid).name)

    def test_action_description(self):
        description = objects.ActionDescription(
            self.context, action_type='nop', description='Logs a message')
        description.create()
        self.assertEqual('Logs a message', objects.ActionDescription.
                         get_by_type(self.context, 'nop').description)
        self.assertEqual(description.id, objects.ActionDescription.get(
            self.context, description.id).id)
        self.assertRaises(exception.InvalidIdentity,
                          objects.ActionDescription.get, self.context,
                          'c1e4a2e8-1b0e-4c57-8d1e-2d0ec54b1f49')

    def test_service_by_id_and_name(self):
        service = objects.Service(self.context, name='watcher-applier',
                                  host='node-1')
        service.create()
        self.assertEqual('node-1', objects.Service.get(
            self.context, service.id).host)
        self.assertEqual(service.id, objects.Service.get_by_name(
            self.context, 'watcher-applier').id)
        self.assertEqual([service.id], [s.id for s in objects.Service.list(
            self.context, filters={'host': 'node-1'})])


class TestListeners(base.ObjectsTestCase):

    def test_failing_listener_does_not_fail_the_change(self):
        def broken(event, obj, old_state):
            raise RuntimeError('listener bug')
        objects.base.register_listener(broken)
        self.addCleanup(objects.base.unregister_listener, broken)
        goal = self.make_goal()
        goal.display_name = 'Still saved'
        goal.save()
        self.assertEqual('Still saved', objects.Goal.get(
            self.context, goal.id).display_name)
        self.assertEqual(['create', 'update'],
                         [e for e, _o in self.events_of('Goal')])

    def test_unregistered_listener_is_not_called(self):
        objects.base.unregister_listener(self._record)
        self.make_goal()
        self.assertEqual([], self.events)

    def test_registering_twice_calls_once(self):
        objects.base.register_listener(self._record)
        self.make_goal()
        self.assertEqual(1, len(self.events))
