"""Create, get, update, soft delete and destroy through the generic API."""
from oslo_utils import uuidutils
from sqlalchemy.orm import exc as orm_exc

from watcher.common import exception
from watcher.tests.unit.db import base


class TestCreateAndGet(base.DbTestCase):

    def test_create_generates_uuid_and_timestamps(self):
        goal = self.create_goal()
        self.assertTrue(uuidutils.is_uuid_like(goal.uuid))
        self.assertIsNotNone(goal.created_at)
        self.assertIsNone(goal.updated_at)
        self.assertEqual(0, goal.deleted)

    def test_create_keeps_given_uuid(self):
        given = uuidutils.generate_uuid()
        goal = self.create_goal(uuid=given)
        self.assertEqual(given, self.dbapi.get(self.context, 'goal',
                                               uuid=given).uuid)
        self.assertEqual(goal.id, self.dbapi.get(self.context, 'goal',
                                                 id=goal.id).id)

    def test_get_by_name_is_case_insensitive(self):
        goal = self.create_goal(name='dummy')
        for spelled in ('dummy', 'DUMMY', 'Dummy'):
            self.assertEqual(goal.id, self.dbapi.get(
                self.context, 'goal', name=spelled).id)

    def test_exact_name_wins_over_case_variant(self):
        self.create_goal(name='Dummy')
        exact = self.create_goal(name='dummy')
        self.assertEqual(exact.id, self.dbapi.get(
            self.context, 'goal', name='dummy').id)

    def test_get_unknown_raises_resource_not_found(self):
        error = self.assertRaises(exception.GoalNotFound, self.dbapi.get,
                                  self.context, 'goal', name='nope')
        self.assertEqual('Goal nope could not be found', str(error))
        self.assertEqual(404, error.code)
        self.assertRaises(exception.ServiceNotFound, self.dbapi.get,
                          self.context, 'service', id=42)
        self.assertRaises(exception.ActionDescriptionNotFound,
                          self.dbapi.get, self.context,
                          'action_description', action_type='nop')

    def test_get_with_non_integer_id_is_not_found(self):
        self.assertRaises(exception.AuditNotFound, self.dbapi.get,
                          self.context, 'audit', id='abc')

    def test_get_by_other_columns(self):
        self.dbapi.create('service', {'name': 'watcher-applier',
                                      'host': 'h1'})
        other = self.dbapi.create('service', {'name': 'watcher-applier',
                                              'host': 'h2'})
        self.assertEqual(other.id, self.dbapi.get(
            self.context, 'service', name='watcher-applier', host='h2').id)

    def test_unknown_resource_and_field_are_invalid(self):
        self.assertRaises(exception.Invalid, self.dbapi.get, self.context,
                          'gaol', id=1)
        self.assertRaises(exception.Invalid, self.dbapi.get, self.context,
                          'goal', colour='red')
        error = self.assertRaises(exception.Invalid, self.dbapi.create,
                                  'goal', {'name': 'g', 'display_name': 'G',
                                           'efficacy_specification': [],
                                           'colour': 'red'})
        self.assertIn('colour', str(error))

    def test_duplicate_uuid_raises_already_exists(self):
        goal = self.create_goal(name='first')
        error = self.assertRaises(exception.GoalAlreadyExists,
                                  self.create_goal, name='second',
                                  uuid=goal.uuid)
        self.assertEqual(409, error.code)
        self.assertIn(goal.uuid, str(error))

    def test_duplicate_live_name_raises_already_exists(self):
        self.create_goal(name='dummy')
        self.assertRaises(exception.GoalAlreadyExists, self.create_goal,
                          name='dummy')

    def test_audit_name_unique_among_live_rows_whatever_the_case(self):
        goal = self.create_goal()
        self.create_audit(goal, name='Nightly')
        error = self.assertRaises(exception.AuditAlreadyExists,
                                  self.create_audit, goal, name='NIGHTLY')
        self.assertIn('NIGHTLY', str(error))
        self.create_audit_template(goal, name='t1')
        self.assertRaises(exception.AuditTemplateAlreadyExists,
                          self.create_audit_template, goal, name='T1')

    def test_name_can_be_reused_after_soft_delete(self):
        goal = self.create_goal()
        first = self.create_audit(goal, name='weekly')
        self.dbapi.soft_delete('audit', first.uuid)
        second = self.create_audit(goal, name='weekly')
        self.assertEqual(second.id, self.dbapi.get(
            self.context, 'audit', name='weekly').id)

    def test_json_columns_store_none_as_empty_container(self):
        goal = self.create_goal(efficacy_specification=None)
        strategy = self.create_strategy(goal, parameters_spec=None)
        self.assertEqual([], self.dbapi.get(
            self.context, 'goal', id=goal.id).efficacy_specification)
        self.assertEqual({}, self.dbapi.get(
            self.context, 'strategy', id=strategy.id).parameters_spec)

    def test_json_column_of_wrong_type_is_invalid(self):
        error = self.assertRaises(exception.Invalid, self.create_goal,
                                  efficacy_specification={'a': 1})
        self.assertIn('efficacy_specification must be a list', str(error))

    def test_json_values_round_trip(self):
        goal = self.create_goal()
        audit = self.create_audit(goal, parameters={'granularity': 300},
                                  scope=[{'compute': [{'host': 'h1'}]}])
        loaded = self.dbapi.get(self.context, 'audit', uuid=audit.uuid)
        self.assertEqual({'granularity': 300}, loaded.parameters)
        self.assertEqual([{'compute': [{'host': 'h1'}]}], loaded.scope)
        self.assertFalse(loaded.force)
        self.assertFalse(loaded.auto_trigger)

    def test_efficacy_indicator_data_follows_value(self):
        goal = self.create_goal()
        strategy = self.create_strategy(goal)
        plan = self.create_action_plan(self.create_audit(goal), strategy)
        indicator = self.create_efficacy_indicator(plan, value=12.345)
        self.assertEqual(12.345, self.dbapi.get(
            self.context, 'efficacy_indicator', id=indicator.id).data)

    def test_eager_loads_relationships(self):
        goal = self.create_goal(name='server_consolidation')
        strategy = self.create_strategy(goal, name='basic')
        audit = self.create_audit(goal, strategy=strategy)
        plan = self.create_action_plan(audit, strategy)
        loaded = self.dbapi.get(self.context, 'action_plan', uuid=plan.uuid,
                                eager=True)
        self.assertEqual(audit.uuid, loaded.audit.uuid)
        self.assertEqual('basic', loaded.strategy.name)
        rows = self.dbapi.list(self.context, 'audit', eager=True)
        self.assertEqual('server_consolidation', rows[0].goal.name)
        self.assertEqual('basic', rows[0].strategy.name)

    def test_rows_are_detached_without_eager(self):
        goal = self.create_goal()
        strategy = self.create_strategy(goal)
        loaded = self.dbapi.get(self.context, 'strategy', id=strategy.id)
        self.assertEqual('dummy', loaded.name)
        self.assertRaises(orm_exc.DetachedInstanceError,
                          lambda: loaded.goal)


class TestUpdate(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.goal = self.create_goal()
        self.audit = self.create_audit(self.goal, name='a1')

    def test_update_by_uuid_and_id(self):
        row = self.dbapi.update('audit', self.audit.uuid,
                                {'state': 'ONGOING', 'hostname': 'de-1'})
        self.assertEqual('ONGOING', row.state)
        self.assertEqual('de-1', row.hostname)
        self.assertIsNotNone(row.updated_at)
        row = self.dbapi.update('audit', self.audit.id,
                                {'parameters': {'a': 1}})
        self.assertEqual({'a': 1}, row.parameters)
        self.assertEqual('ONGOING', row.state)

    def test_update_unknown_row_is_not_found(self):
        self.assertRaises(exception.AuditNotFound, self.dbapi.update,
                          'audit', uuidutils.generate_uuid(), {'state': 'X'})
        self.assertRaises(exception.AuditNotFound, self.dbapi.update,
                          'audit', 999, {'state': 'X'})

    def test_uuid_and_id_cannot_change(self):
        self.assertRaises(exception.Invalid, self.dbapi.update, 'audit',
                          self.audit.id, {'uuid': uuidutils.generate_uuid()})
        self.assertRaises(exception.Invalid, self.dbapi.update, 'audit',
                          self.audit.id, {'id': 77})
        # Same uuid is accepted (objects may send every field).
        self.dbapi.update('audit', self.audit.id, {'uuid': self.audit.uuid})

    def test_rename_to_a_live_name_is_refused(self):
        self.create_audit(self.goal, name='a2')
        self.assertRaises(exception.AuditAlreadyExists, self.dbapi.update,
                          'audit', self.audit.uuid, {'name': 'A2'})
        renamed = self.dbapi.update('audit', self.audit.uuid,
                                    {'name': 'A1'})
        self.assertEqual('A1', renamed.name)

    def test_compare_and_swap_claims_once(self):
        claimed = self.dbapi.update(
            'audit', self.audit.uuid, {'state': 'ONGOING', 'hostname': 'a'},
            expected={'state': 'PENDING', 'hostname': None})
        self.assertEqual('a', claimed.hostname)
        error = self.assertRaises(
            exception.Conflict, self.dbapi.update, 'audit', self.audit.uuid,
            {'state': 'ONGOING', 'hostname': 'b'},
            expected={'state': 'PENDING', 'hostname': None})
        self.assertEqual(409, error.code)
        row = self.dbapi.get(self.context, 'audit', uuid=self.audit.uuid)
        self.assertEqual('a', row.hostname)

    def test_compare_without_values_checks_only(self):
        self.dbapi.update('audit', self.audit.id, {},
                          expected={'state': 'PENDING'})
        self.assertRaises(exception.Conflict, self.dbapi.update, 'audit',
                          self.audit.id, {}, expected={'state': 'FAILED'})

    def test_expected_unknown_field_is_invalid(self):
        self.assertRaises(exception.Invalid, self.dbapi.update, 'audit',
                          self.audit.id, {'state': 'X'},
                          expected={'colour': 'red'})


class TestDeletion(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.goal = self.create_goal()
        self.strategy = self.create_strategy(self.goal)
        self.audit = self.create_audit(self.goal, strategy=self.strategy)

    def test_soft_delete_hides_row_unless_show_deleted(self):
        row = self.dbapi.soft_delete('audit', self.audit.uuid)
        self.assertEqual(self.audit.id, row.deleted)
        self.assertIsNotNone(row.deleted_at)
        self.assertIsNone(row.updated_at)
        self.assertRaises(exception.AuditNotFound, self.dbapi.get,
                          self.context, 'audit', uuid=self.audit.uuid)
        self.assertEqual([], self.dbapi.list(self.context, 'audit'))
        shown = self.dbapi.get(self.deleted_context, 'audit',
                               uuid=self.audit.uuid)
        self.assertEqual(self.audit.id, shown.deleted)
        self.assertEqual([self.audit.id], [r.id for r in self.dbapi.list(
            self.deleted_context, 'audit')])

    def test_soft_delete_twice_keeps_first_deleted_at(self):
        first = self.dbapi.soft_delete('audit', self.audit.id)
        again = self.dbapi.soft_delete('audit', self.audit.id)
        self.assertEqual(first.deleted_at, again.deleted_at)

    def test_soft_deleted_row_can_still_be_updated(self):
        self.dbapi.soft_delete('audit', self.audit.id)
        row = self.dbapi.update('audit', self.audit.id, {'state': 'DELETED'})
        self.assertEqual('DELETED', row.state)

    def test_destroy_removes_row(self):
        template = self.create_audit_template(self.goal)
        self.dbapi.destroy('audit_template', template.uuid)
        self.assertRaises(exception.AuditTemplateNotFound, self.dbapi.get,
                          self.deleted_context, 'audit_template',
                          id=template.id)
        self.assertRaises(exception.AuditTemplateNotFound,
                          self.dbapi.destroy, 'audit_template',
                          template.uuid)

    def test_destroy_refused_while_referenced(self):
        plan = self.create_action_plan(self.audit, self.strategy)
        self.create_action(plan)
        self.assertRaises(exception.AuditReferenced, self.dbapi.destroy,
                          'audit', self.audit.uuid)
        self.assertRaises(exception.ActionPlanReferenced,
                          self.dbapi.destroy, 'action_plan', plan.uuid)


class TestServiceHeartbeat(base.DbTestCase):

    def test_first_beat_creates_then_updates_same_row(self):
        first = self.dbapi.heartbeat_service('watcher-applier', 'h1')
        second = self.dbapi.heartbeat_service('watcher-applier', 'h1')
        self.assertEqual(first.id, second.id)
        self.assertGreaterEqual(second.last_seen_up, first.last_seen_up)
        self.assertEqual(1, len(self.dbapi.list(self.context, 'service')))

    def test_beat_after_soft_delete_creates_a_new_row(self):
        first = self.dbapi.heartbeat_service('watcher-api', 'h1')
        self.dbapi.soft_delete('service', first.id)
        second = self.dbapi.heartbeat_service('watcher-api', 'h1')
        self.assertNotEqual(first.id, second.id)

    def test_duplicate_service_raises_already_exists(self):
        self.dbapi.create('service', {'name': 'watcher-api', 'host': 'h'})
        error = self.assertRaises(exception.ServiceAlreadyExists,
                                  self.dbapi.create, 'service',
                                  {'name': 'watcher-api', 'host': 'h'})
        self.assertIn('watcher-api', str(error))
