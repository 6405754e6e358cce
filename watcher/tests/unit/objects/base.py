"""Base of the object tests: a private SQLite database and a catalogue
(goal, strategy) to hang audits, plans and actions on."""
import testtools

from watcher.common import context as watcher_context
from watcher import objects
from watcher.objects import base as objects_base
from watcher.tests import db_fixture


class ObjectsTestCase(testtools.TestCase):
    """Real schema in in-memory SQLite; ``self.events`` records listener
    calls as ``(event, object name, uuid or id, old_state)``."""

    def setUp(self):
        super().setUp()
        self.useFixture(db_fixture.Database())
        self.context = watcher_context.make_context(is_admin=True)
        self.deleted_context = watcher_context.make_context(
            is_admin=True, show_deleted=True)
        self.events = []
        objects_base.register_listener(self._record)
        self.addCleanup(objects_base.unregister_listener, self._record)

    def _record(self, event, obj, old_state):
        ident = getattr(obj, 'uuid', None) if 'uuid' in obj.fields \
            else obj.id
        self.events.append((event, obj.obj_name(), ident, old_state))

    def events_of(self, name):
        return [(event, old_state) for event, obj_name, _ident, old_state
                in self.events if obj_name == name]

    # -- factories: the minimum each object needs ----------------------------

    def make_goal(self, name='dummy', **values):
        fields = dict(name=name, display_name=name.title(),
                      efficacy_specification=[])
        fields.update(values)
        goal = objects.Goal(self.context, **fields)
        goal.create()
        return goal

    def make_strategy(self, goal, name='dummy', **values):
        fields = dict(name=name, display_name=name.title(),
                      goal_id=goal.id)
        fields.update(values)
        strategy = objects.Strategy(self.context, **fields)
        strategy.create()
        return strategy

    def make_audit(self, goal, strategy=None, name='audit-1', **values):
        fields = dict(name=name, audit_type='ONESHOT', state='PENDING',
                      goal_id=goal.id,
                      strategy_id=strategy.id if strategy else None,
                      auto_trigger=False, parameters={}, scope=[])
        fields.update(values)
        audit = objects.Audit(self.context, **fields)
        audit.create()
        return audit

    def make_action_plan(self, audit, strategy, **values):
        fields = dict(audit_id=audit.id, strategy_id=strategy.id,
                      state='RECOMMENDED', global_efficacy=[])
        fields.update(values)
        plan = objects.ActionPlan(self.context, **fields)
        plan.create()
        return plan

    def make_action(self, plan, **values):
        fields = dict(action_plan_id=plan.id, action_type='nop',
                      input_parameters={'message': 'hello'},
                      state='PENDING', parents=[])
        fields.update(values)
        action = objects.Action(self.context, **fields)
        action.create()
        return action

    def make_catalogue(self):
        goal = self.make_goal()
        strategy = self.make_strategy(goal)
        return goal, strategy
