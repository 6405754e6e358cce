"""CONTINUOUS (cron), EVENT audits, plan expiry and host maintenance, for real.

watcher-api, watcher-decision-engine and watcher-applier run as processes
of ``WatcherSuite`` on the private RabbitMQ and a SQLite database, with an
emulated cloud (Keystone, Nova, Placement over HTTP) as the cloud. Tests
talk to the API as a user would; only the expiry test touches the database
(to age a plan, which nothing else can do in a test's lifetime).
"""
import datetime
import time

import sqlalchemy as sa
import testtools
from testtools import content

from watcher.emulated_cloud import cloud as emulated_cloud
from watcher.tests.functional.fixtures import suite as suite_fixture

TOPOLOGY = {
    'hosts': [{'name': 'compute-1'}, {'name': 'compute-2'},
              {'name': 'compute-3'}],
    'flavors': [{'name': 'm1.small', 'vcpus': 1, 'ram': 512, 'disk': 1}],
    'servers': [
        {'name': 'vm-1', 'flavor': 'm1.small', 'host': 'compute-1'},
        {'name': 'vm-2', 'flavor': 'm1.small', 'host': 'compute-1'},
        {'name': 'vm-3', 'flavor': 'm1.small', 'host': 'compute-1'},
        {'name': 'vm-4', 'flavor': 'm1.small', 'host': 'compute-3'},
    ],
}
LATEST = {'OpenStack-API-Version': 'infra-optim 1.7'}
WEBHOOK_VERSION = {'OpenStack-API-Version': 'infra-optim 1.4'}
FINAL_AUDIT_STATES = ('SUCCEEDED', 'FAILED', 'CANCELLED', 'SUSPENDED')
FINAL_PLAN_STATES = ('SUCCEEDED', 'FAILED', 'CANCELLED', 'SUPERSEDED')


def parse_time(value):
    """Naive UTC datetime of an API timestamp (with or without offset)."""
    parsed = datetime.datetime.fromisoformat(value.replace('Z', '+00:00'))
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(datetime.timezone.utc).replace(
            tzinfo=None)
    return parsed


def next_minute(moment):
    return moment.replace(second=0, microsecond=0) + datetime.timedelta(
        minutes=1)


class AuditTypesTestCase(testtools.TestCase):
    """A fresh cloud and a fresh suite (all three services) per test."""

    def setUp(self):
        super().setUp()
        endpoints = self.start_cloud()
        self.suite = self.useFixture(suite_fixture.WatcherSuite(
            services=('api', 'decision-engine', 'applier'),
            config=self.cloud_config(endpoints)))
        self.addOnException(self._attach_service_logs)
        self.suite.wait_for_api()
        self.suite.wait_for_registration(['decision-engine', 'applier'])

    def start_cloud(self):
        """Start ``self.cloud`` (stopped at cleanup); return its endpoints."""
        self.cloud = emulated_cloud.EmulatedCloud(TOPOLOGY)
        self.addCleanup(self.cloud.stop)
        return self.cloud.start()

    def _attach_service_logs(self, exc_info):
        for name in self.suite.processes:
            self.addDetail('%s.log' % name, content.text_content(
                self.suite.log(name)[-20000:]))

    def cloud_config(self, endpoints):
        return suite_fixture.emulated_cloud_config(
            self.cloud,
            nova={'migration_interval': 0.1, 'migration_max_retries': 100,
                  'http_retry_interval': 0.1},
            watcher_decision_engine={'continuous_audit_interval': 1,
                                     'action_plan_expiry': 1,
                                     'check_periodic_interval': 2})

    # -- API helpers ----------------------------------------------------------

    def api(self, method, path, body=None, expected=200, headers=LATEST):
        status, answer = self.suite.api(method, path, body, headers=headers)
        self.assertEqual(expected, status, answer)
        return answer

    def create_audit(self, **body):
        body = dict({'audit_type': 'ONESHOT', 'goal': 'dummy',
                     'strategy': 'dummy'}, **body)
        return self.api('POST', '/v1/audits', body, expected=201)

    def audit(self, uuid):
        return self.api('GET', '/v1/audits/%s' % uuid)

    def wait_for_audit(self, uuid, states=FINAL_AUDIT_STATES, timeout=60):
        def reached():
            audit = self.audit(uuid)
            return audit if audit['state'] in states else None
        return suite_fixture.wait_for(
            reached, timeout, 0.3, message='audit %s in %s' % (uuid, states))

    def plans(self, audit_uuid):
        return self.api('GET', '/v1/action_plans/detail?audit_uuid=%s'
                        '&sort_key=created_at' % audit_uuid)['action_plans']

    def wait_for_plans(self, audit_uuid, count, timeout=60):
        def enough():
            found = self.plans(audit_uuid)
            return found if len(found) >= count else None
        return suite_fixture.wait_for(
            enough, timeout, 0.3,
            message='%d plan(s) of audit %s' % (count, audit_uuid))

    def wait_for_plan(self, uuid, states, timeout=60):
        def reached():
            plan = self.api('GET', '/v1/action_plans/%s' % uuid)
            return plan if plan['state'] in states else None
        return suite_fixture.wait_for(
            reached, timeout, 0.3, message='plan %s in %s' % (uuid, states))

    def actions(self, plan_uuid):
        return self.api('GET', '/v1/actions/detail?action_plan_uuid=%s'
                        % plan_uuid)['actions']

    def execute(self, plan):
        """Start ``plan``; wait until it and every action SUCCEEDED."""
        started = self.api('POST', '/v1/action_plans/%s/start'
                           % plan['uuid'])
        self.assertIn(started['state'], ('PENDING', 'ONGOING', 'SUCCEEDED'))
        ended = self.wait_for_plan(plan['uuid'], FINAL_PLAN_STATES,
                                   timeout=120)
        self.assertEqual('SUCCEEDED', ended['state'], ended)
        self.assertEqual({'SUCCEEDED'}, {
            a['state'] for a in self.actions(plan['uuid'])})

    def webhook(self, audit_uuid, expected=202):
        return self.api('POST', '/v1/webhooks/%s' % audit_uuid, {},
                        expected=expected, headers=WEBHOOK_VERSION)


class TestContinuousCronAudit(AuditTypesTestCase):

    def test_cron_audit_runs_at_the_minute_and_schedules_the_next(self):
        audit = self.create_audit(audit_type='CONTINUOUS',
                                  interval='* * * * *')
        created = parse_time(audit['created_at'])

        def scheduled():
            value = self.audit(audit['uuid'])['next_run_time']
            return parse_time(value) if value else None
        first_run = suite_fixture.wait_for(scheduled, 30, 0.3,
                                           message='a next_run_time')
        # Cron audits first run at the next cron time, not right away.
        self.assertEqual(next_minute(created), first_run)
        self.assertEqual([], self.plans(audit['uuid']))

        [plan] = self.wait_for_plans(audit['uuid'], 1, timeout=90)
        self.assertGreaterEqual(parse_time(plan['created_at']), first_run)
        self.assertEqual('RECOMMENDED', self.wait_for_plan(
            plan['uuid'], ('RECOMMENDED',))['state'])
        self.assertEqual(['nop', 'nop', 'sleep'],
                         sorted(a['action_type']
                                for a in self.actions(plan['uuid'])))

        def rescheduled():
            value = scheduled()
            return value if value and value > first_run else None
        second_run = suite_fixture.wait_for(rescheduled, 30, 0.3,
                                            message='the next run')
        self.assertEqual(first_run + datetime.timedelta(minutes=1),
                         second_run)
        self.assertEqual('ONGOING', self.audit(audit['uuid'])['state'])


class TestEventAudit(AuditTypesTestCase):

    def test_event_audit_runs_on_each_webhook_call(self):
        audit = self.create_audit(audit_type='EVENT')
        # Several decision-engine periodic passes (1 s apart) go by...
        time.sleep(4)
        self.assertEqual('PENDING', self.audit(audit['uuid'])['state'])
        self.assertEqual([], self.plans(audit['uuid']))

        self.webhook(audit['uuid'])
        done = self.wait_for_audit(audit['uuid'])
        self.assertEqual('SUCCEEDED', done['state'], done)
        [first] = self.wait_for_plans(audit['uuid'], 1)
        self.assertEqual(['nop', 'nop', 'sleep'],
                         sorted(a['action_type']
                                for a in self.actions(first['uuid'])))

        self.webhook(audit['uuid'])
        plans = self.wait_for_plans(audit['uuid'], 2)
        self.assertEqual(2, len(plans))
        self.assertIn(first['uuid'], [p['uuid'] for p in plans])
        self.assertEqual('SUCCEEDED',
                         self.wait_for_audit(audit['uuid'])['state'])

    def test_webhook_on_a_oneshot_audit_is_refused(self):
        audit = self.create_audit()
        self.wait_for_audit(audit['uuid'])
        answer = self.webhook(audit['uuid'], expected=400)
        self.assertIn('ONESHOT', str(answer))
        self.assertEqual(1, len(self.plans(audit['uuid'])))


class TestPlanExpiry(AuditTypesTestCase):

    def age_plan(self, plan_uuid, hours):
        """Move the plan's created_at ``hours`` into the past, in the DB."""
        plans = sa.table('action_plans', sa.column('uuid', sa.String),
                         sa.column('created_at', sa.DateTime))
        then = (datetime.datetime.now(datetime.timezone.utc).replace(
            tzinfo=None) - datetime.timedelta(hours=hours))
        engine = sa.create_engine(self.suite.db_url)
        try:
            with engine.begin() as conn:
                result = conn.execute(plans.update().where(
                    plans.c.uuid == plan_uuid).values(created_at=then))
                self.assertEqual(1, result.rowcount)
        finally:
            engine.dispose()

    def test_old_recommended_plan_is_superseded(self):
        audit = self.create_audit()
        self.assertEqual('SUCCEEDED',
                         self.wait_for_audit(audit['uuid'])['state'])
        [plan] = self.wait_for_plans(audit['uuid'], 1)
        fresh = self.create_audit()
        self.wait_for_audit(fresh['uuid'])
        [fresh_plan] = self.wait_for_plans(fresh['uuid'], 1)
        # Several expiry checks (2 s apart) leave young plans alone.
        time.sleep(5)
        self.assertEqual('RECOMMENDED', self.api(
            'GET', '/v1/action_plans/%s' % plan['uuid'])['state'])

        self.age_plan(plan['uuid'], hours=1.5)
        expired = self.wait_for_plan(plan['uuid'], ('SUPERSEDED',),
                                     timeout=15)
        self.assertEqual('SUPERSEDED', expired['state'])
        self.assertEqual('RECOMMENDED', self.api(
            'GET', '/v1/action_plans/%s' % fresh_plan['uuid'])['state'])
        # A superseded plan can no longer be started.
        self.api('POST', '/v1/action_plans/%s/start' % plan['uuid'],
                 expected=400)


class TestHostMaintenance(AuditTypesTestCase):

    def test_maintenance_plan_empties_the_node_when_started(self):
        audit = self.create_audit(
            goal='cluster_maintaining', strategy='host_maintenance',
            parameters={'maintenance_node': 'compute-1',
                        'backup_node': 'compute-2'})
        done = self.wait_for_audit(audit['uuid'])
        self.assertEqual('SUCCEEDED', done['state'], done)
        [plan] = self.wait_for_plans(audit['uuid'], 1)
        self.assertEqual('RECOMMENDED', plan['state'])

        servers = {s.name: s.id for s in self.cloud.connection()
                   .compute.servers(all_projects=True)}
        on_node_1 = sorted(servers['vm-%d' % n] for n in (1, 2, 3))
        actions = self.actions(plan['uuid'])
        disables = [a for a in actions
                    if a['action_type'] == 'change_nova_service_state']
        migrations = [a for a in actions if a['action_type'] == 'migrate']
        self.assertEqual(len(actions), len(disables) + len(migrations),
                         actions)
        [disable] = disables
        self.assertEqual('compute-1',
                         disable['input_parameters']['resource_name'])
        self.assertEqual('disabled', disable['input_parameters']['state'])
        self.assertEqual(on_node_1, sorted(
            m['input_parameters']['resource_id'] for m in migrations))
        for migration in migrations:
            params = migration['input_parameters']
            self.assertEqual(('live', 'compute-1', 'compute-2'),
                             (params['migration_type'],
                              params['source_node'],
                              params['destination_node']), migration)

        self.execute(plan)

        where = self.cloud.where()
        self.assertEqual({'compute-2'}, {where[uuid] for uuid in on_node_1})
        self.assertEqual('compute-3', where[servers['vm-4']])
        admin = self.cloud.connection()
        [service] = list(admin.compute.services(host='compute-1'))
        self.assertEqual('disabled', service.status)
        [backup] = list(admin.compute.services(host='compute-2'))
        self.assertEqual('enabled', backup.status)
