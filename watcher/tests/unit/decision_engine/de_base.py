"""Shared set-up of the decision-engine tests that need the database.

A SQLite *file* database (audits run on pool threads, each with its own
connection, like a real server), the catalogue synced from the installed
plugins, oslo.messaging's in-memory transport and notification driver (the
notifications sent are in ``self.notifications``), and a compute collector
whose model is built by hand (no Nova).
"""
import os
import time

import fixtures
from oslo_config import fixture as config_fixture
from oslo_messaging.notify import _impl_test as test_notifier
import testtools

from watcher.common import context as watcher_context
from watcher.common import rpc
from watcher import conf
from watcher.db import api as db_api
from watcher.decision_engine.model.collector import manager as cdm_manager
from watcher.decision_engine.scoring import scoring_factory
from watcher.decision_engine import sync
import watcher.notifications  # noqa: F401  (registers the listeners)
from watcher import objects
from watcher.tests import db_fixture
from watcher.tests.unit.decision_engine.strategy import fakes

CONF = conf.CONF
HOST = 'de-a'


def default_model():
    return fakes.build_model(
        [{'hostname': 'compute1'}, {'hostname': 'compute2'}],
        [{'uuid': 'i1', 'node': 'compute1'},
         {'uuid': 'i2', 'node': 'compute1', 'state': 'stopped'}])


class DecisionEngineTestCase(testtools.TestCase):

    def setUp(self):
        super().setUp()
        path = self.useFixture(fixtures.TempDir()).path
        self.useFixture(db_fixture.Database(
            connection='sqlite:///%s' % os.path.join(path, 'watcher.db')))
        self.config = self.useFixture(config_fixture.Config(CONF)).config
        self.config(transport_url='fake:/', host=HOST)
        self.config(driver=['test'], group='oslo_messaging_notifications')
        rpc.cleanup()
        rpc.init(CONF)
        self.addCleanup(rpc.cleanup)
        test_notifier.reset()
        self.addCleanup(test_notifier.reset)
        scoring_factory.clear()
        self.dbapi = db_api.get_instance()
        self.context = watcher_context.get_admin_context()
        sync.Syncer(self.context).sync()
        cdm_manager.reset_collectors()
        self.addCleanup(cdm_manager.reset_collectors)
        self.set_compute_model(default_model())

    def set_compute_model(self, model):
        collector = cdm_manager.CollectorManager(
        ).get_cluster_model_collector('compute')
        collector.set_cluster_data_model(model)
        return collector

    # -- rows --------------------------------------------------------------

    def goal(self, name):
        return objects.Goal.get_by_name(self.context, name)

    def strategy(self, name):
        return objects.Strategy.get_by_name(self.context, name)

    def create_audit(self, goal='dummy', strategy='dummy', **values):
        fields = dict({'name': 'audit-%d' % time.monotonic_ns(),
                       'audit_type': 'ONESHOT', 'state': 'PENDING',
                       'goal_id': self.goal(goal).id,
                       'strategy_id': (self.strategy(strategy).id
                                       if strategy else None),
                       'parameters': {}, 'scope': [],
                       'auto_trigger': False, 'force': False}, **values)
        audit = objects.Audit(self.context, **fields)
        audit.create()
        return audit

    def reload(self, obj):
        return type(obj).get_by_uuid(self.context, obj.uuid)

    def plans_of(self, audit):
        return objects.ActionPlan.list(
            self.context, filters={'audit_id': audit.id},
            sort_key='id', sort_dir='asc')

    def actions_of(self, plan):
        return objects.Action.list(
            self.context, filters={'action_plan_id': plan.id},
            sort_key='id', sort_dir='asc')

    # -- notifications -----------------------------------------------------

    @property
    def notifications(self):
        return list(test_notifier.NOTIFICATIONS)

    def event_types(self, prefix=''):
        return [n[1]['event_type'] for n in self.notifications
                if n[1]['event_type'].startswith(prefix)]

    # -- waiting -----------------------------------------------------------

    def wait_for(self, predicate, timeout=10.0, message='condition'):
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() > deadline:
                self.fail('Timed out waiting for %s' % message)
            time.sleep(0.02)
