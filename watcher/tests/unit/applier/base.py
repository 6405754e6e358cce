"""Shared set-up of the applier tests: a real database, fake messaging.

The database is a SQLite *file* (actions of a plan run in parallel
threads, each with its own connection, as with a real server), RPC and
notifications use oslo.messaging's in-memory drivers, and the
notifications sent are kept in ``self.notifications``.
"""
import importlib
import os
import time

import fixtures
from oslo_config import fixture as config_fixture
from oslo_messaging.notify import _impl_test as test_notifier
import testtools

from watcher.common import context as watcher_context
from watcher.common import rpc
from watcher import conf
from watcher.conf import plugins
from watcher.db import api as db_api
from watcher.tests import db_fixture

CONF = conf.CONF
HOST = 'applier-a'


class ApplierTestCase(testtools.TestCase):

    def setUp(self):
        super().setUp()
        path = self.useFixture(fixtures.TempDir()).path
        self.useFixture(db_fixture.Database(
            connection='sqlite:///%s' % os.path.join(path, 'watcher.db')))
        self.config = self.useFixture(config_fixture.Config(CONF)).config
        self.config(transport_url='fake:/', host=HOST)
        self.config(driver=['test'], group='oslo_messaging_notifications')
        plugins.register_plugin_opts(
            CONF, plugins.WORKFLOW_ENGINES_NAMESPACE, 'taskflow',
            plugins.taskflow_opts())
        # Registers the listeners that send <object>.update notifications.
        importlib.import_module('watcher.notifications')
        rpc.cleanup()
        rpc.init(CONF)
        self.addCleanup(rpc.cleanup)
        test_notifier.reset()
        self.addCleanup(test_notifier.reset)
        self.dbapi = db_api.get_instance()
        self.context = watcher_context.get_admin_context()
        goal = self.dbapi.create('goal', {
            'name': 'dummy', 'display_name': 'Dummy goal',
            'efficacy_specification': []})
        self.strategy = self.dbapi.create('strategy', {
            'name': 'dummy', 'display_name': 'Dummy strategy',
            'goal_id': goal.id})
        self.audit = self.dbapi.create('audit', {
            'name': 'audit', 'goal_id': goal.id,
            'strategy_id': self.strategy.id, 'audit_type': 'ONESHOT',
            'state': 'SUCCEEDED'})

    # -- rows ------------------------------------------------------------

    def create_plan(self, state='PENDING', **values):
        values = dict({'audit_id': self.audit.id,
                       'strategy_id': self.strategy.id, 'state': state},
                      **values)
        return self.dbapi.create('action_plan', values)

    def create_action(self, plan, action_type='nop', parameters=None,
                      parents=(), state='PENDING', **values):
        if parameters is None:
            parameters = {'message': 'hello'}
        values = dict({'action_plan_id': plan.id,
                       'action_type': action_type, 'state': state,
                       'input_parameters': parameters,
                       'parents': [p.uuid for p in parents]}, **values)
        return self.dbapi.create('action', values)

    def plan(self, plan):
        return self.dbapi.get(self.context, 'action_plan', uuid=plan.uuid)

    def action(self, action):
        return self.dbapi.get(self.context, 'action', uuid=action.uuid)

    def states(self, *actions):
        return [self.action(a).state for a in actions]

    # -- notifications ---------------------------------------------------

    @property
    def notifications(self):
        return list(test_notifier.NOTIFICATIONS)

    def event_types(self, prefix=''):
        return [n[1]['event_type'] for n in self.notifications
                if n[1]['event_type'].startswith(prefix)]

    def messages(self, event_type):
        """``(priority, payload data)`` of every ``event_type`` sent."""
        return [(n[1]['priority'], n[1]['payload']['watcher_object.data'])
                for n in self.notifications
                if n[1]['event_type'] == event_type]

    def plan_transitions(self):
        """(old, new) states of every ``action_plan.update``."""
        result = []
        for _priority, data in self.messages('action_plan.update'):
            update = data['state_update']['watcher_object.data']
            result.append((update['old_state'], update['state']))
        return result

    # -- waiting ---------------------------------------------------------

    def wait_for(self, predicate, timeout=10.0, message='condition'):
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() > deadline:
                self.fail('Timed out waiting for %s' % message)
            time.sleep(0.02)
