"""Base class and row factories for the database-layer tests."""
import testtools

from watcher.common import context as watcher_context
from watcher.db import api as db_api
from watcher.tests import db_fixture


class DbTestCase(testtools.TestCase):
    """A test with its own in-memory database and ``self.dbapi``."""

    def setUp(self):
        super().setUp()
        self.database = self.useFixture(db_fixture.Database())
        self.dbapi = db_api.get_instance()
        self.context = watcher_context.make_context(is_admin=True)
        self.deleted_context = watcher_context.make_context(
            is_admin=True, show_deleted=True)

    # Factories: the minimum a row needs, overridable by keyword.

    def create_goal(self, name='dummy', **values):
        values = dict({'name': name, 'display_name': name.title(),
                       'efficacy_specification': []}, **values)
        return self.dbapi.create('goal', values)

    def create_strategy(self, goal, name='dummy', **values):
        values = dict({'name': name, 'display_name': name.title(),
                       'goal_id': goal.id}, **values)
        return self.dbapi.create('strategy', values)

    def create_audit_template(self, goal, name='template', **values):
        values = dict({'name': name, 'goal_id': goal.id}, **values)
        return self.dbapi.create('audit_template', values)

    def create_audit(self, goal, name='audit', strategy=None, **values):
        values = dict({'name': name, 'goal_id': goal.id,
                       'strategy_id': strategy.id if strategy else None,
                       'audit_type': 'ONESHOT', 'state': 'PENDING'},
                      **values)
        return self.dbapi.create('audit', values)

    def create_action_plan(self, audit, strategy, **values):
        values = dict({'audit_id': audit.id, 'strategy_id': strategy.id,
                       'state': 'RECOMMENDED'}, **values)
        return self.dbapi.create('action_plan', values)

    def create_action(self, action_plan, **values):
        values = dict({'action_plan_id': action_plan.id,
                       'action_type': 'nop', 'state': 'PENDING',
                       'input_parameters': {'message': 'hi'}}, **values)
        return self.dbapi.create('action', values)

    def create_efficacy_indicator(self, action_plan, **values):
        values = dict({'action_plan_id': action_plan.id, 'name': 'ratio',
                       'unit': '%', 'value': 12.5}, **values)
        return self.dbapi.create('efficacy_indicator', values)
