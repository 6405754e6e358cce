"""A real watcher-applier killed mid-plan: nothing hangs, nothing runs twice.

The applier runs as a separate process on the private RabbitMQ broker; the
test writes the plan into the suite's database, casts
``launch_action_plan`` through the real RPC client, then SIGKILLs the
applier while an action is ONGOING.
"""
import os
import signal
import subprocess
import sys

from oslo_config import fixture as config_fixture
from oslo_db.sqlalchemy import engines
import testtools

from watcher.applier import rpcapi
from watcher.common import context as watcher_context
from watcher.common import rpc
from watcher import conf
from watcher.db import api as db_api
from watcher.tests import db_fixture
from watcher.tests.functional.fixtures import suite as suite_fixture

CONF = conf.CONF
PLAN_MESSAGE = ('Action plan was cancelled because Applier %s was stopped '
                'while the action plan was ongoing.')


class TestAppliersKilledMidPlan(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.suite = self.useFixture(suite_fixture.WatcherSuite(
            services=('applier',), service_down_time=4,
            periodic_interval=1))
        self.suite.wait_for_registration(['applier'])
        engine = engines.create_engine(self.suite.db_url, max_retries=0)
        self.addCleanup(engine.dispose)
        self.useFixture(db_fixture.Database(engine=engine))
        self.dbapi = db_api.get_instance()
        self.context = watcher_context.get_admin_context()
        sections = self.suite.config_sections()
        config = self.useFixture(config_fixture.Config(CONF)).config
        config(transport_url=self.suite.transport_url,
               control_exchange=sections['DEFAULT']['control_exchange'])
        config(group='watcher_applier', conductor_topic=sections[
            'watcher_applier']['conductor_topic'])
        rpc.cleanup()
        rpc.init(CONF)
        self.addCleanup(rpc.cleanup)

    # -- helpers ---------------------------------------------------------

    def create_plan(self):
        """nop -> long sleep -> nop, PENDING; returns (plan, actions)."""
        goal = self.dbapi.create('goal', {
            'name': 'dummy', 'display_name': 'Dummy',
            'efficacy_specification': []})
        strategy = self.dbapi.create('strategy', {
            'name': 'dummy', 'display_name': 'Dummy', 'goal_id': goal.id})
        audit = self.dbapi.create('audit', {
            'name': 'crash', 'goal_id': goal.id, 'strategy_id': strategy.id,
            'audit_type': 'ONESHOT', 'state': 'SUCCEEDED'})
        plan = self.dbapi.create('action_plan', {
            'audit_id': audit.id, 'strategy_id': strategy.id,
            'state': 'PENDING'})
        first = self.dbapi.create('action', {
            'action_plan_id': plan.id, 'action_type': 'nop',
            'state': 'PENDING', 'parents': [],
            'input_parameters': {'message': 'first-%s' % plan.uuid}})
        long_sleep = self.dbapi.create('action', {
            'action_plan_id': plan.id, 'action_type': 'sleep',
            'state': 'PENDING', 'parents': [first.uuid],
            'input_parameters': {'duration': 120}})
        last = self.dbapi.create('action', {
            'action_plan_id': plan.id, 'action_type': 'nop',
            'state': 'PENDING', 'parents': [long_sleep.uuid],
            'input_parameters': {'message': 'last-%s' % plan.uuid}})
        return plan, [first, long_sleep, last]

    def state(self, resource, row):
        return self.dbapi.get(self.context, resource, uuid=row.uuid).state

    def launch_and_kill(self, before_kill=None):
        plan, actions = self.create_plan()
        rpcapi.ApplierAPI().launch_action_plan(self.context, plan.uuid)
        suite_fixture.wait_for(
            lambda: self.state('action', actions[1]) == 'ONGOING',
            timeout=60, message='the sleep to run')
        if before_kill is not None:
            before_kill()
        self.suite.kill('applier', signal.SIGKILL)
        return plan, actions

    def assert_closed_once(self, plan, actions, host, logs):
        row = self.dbapi.get(self.context, 'action_plan', uuid=plan.uuid)
        self.assertEqual('CANCELLED', row.state)
        self.assertEqual(PLAN_MESSAGE % host, row.status_message)
        self.assertEqual(['SUCCEEDED', 'FAILED', 'CANCELLED'],
                         [self.state('action', a) for a in actions])
        self.assertEqual(1, logs.count('first-%s' % plan.uuid), logs[-3000:])
        self.assertEqual(0, logs.count('last-%s' % plan.uuid))

    # -- tests -----------------------------------------------------------

    def test_restarted_applier_closes_its_interrupted_plan(self):
        plan, actions = self.launch_and_kill()
        self.assertEqual('ONGOING', self.state('action_plan', plan))
        self.suite.start('applier')
        suite_fixture.wait_for(
            lambda: self.state('action_plan', plan) == 'CANCELLED',
            timeout=60, message='the plan to be cancelled at restart')
        self.assert_closed_once(plan, actions, self.suite.host,
                                self.suite.log('applier'))
        self.suite.assert_running('applier')

    def test_peer_applier_closes_the_plan_of_a_dead_one(self):
        # The peer starts once the plan runs on the first applier, so the
        # launch cannot go to it.
        peers = []
        plan, actions = self.launch_and_kill(
            before_kill=lambda: peers.append(self.start_peer()))
        peer = peers[0]
        suite_fixture.wait_for(
            lambda: self.state('action_plan', plan) == 'CANCELLED',
            timeout=60, message='the peer to cancel the plan')
        self.assertIsNone(peer.poll(), self.suite.log('applier-peer'))
        self.assert_closed_once(
            plan, actions, self.suite.host,
            self.suite.log('applier') + self.suite.log('applier-peer'))

    def start_peer(self):
        """A second applier (host ``<suite host>-peer``) on the same bus."""
        path = os.path.join(self.suite.path, 'peer.conf')
        with open(self.suite.config_file) as source:
            text = source.read()
        with open(path, 'w') as target:
            target.write(text.replace(
                'host = %s\n' % self.suite.host,
                'host = %s-peer\n' % self.suite.host, 1))
        log_file = open(self.suite.log_path('applier-peer'), 'ab')
        self.addCleanup(log_file.close)
        peer = subprocess.Popen(
            [sys.executable, '-m', 'watcher.cmd.applier',
             '--config-file', path],
            stdout=log_file, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, cwd=self.suite.path,
            start_new_session=True)
        self.addCleanup(self._stop, peer)

        def registered():
            return any(row['host'] == self.suite.host + '-peer'
                       for row in self.suite.service_rows())
        suite_fixture.wait_for(registered, timeout=60,
                               message='the peer applier to register')
        return peer

    @staticmethod
    def _stop(process):
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
