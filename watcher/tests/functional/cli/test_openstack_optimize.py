"""Every ``openstack optimize`` command, run by the real CLI.

python-watcherclient + python-openstackclient (``OS_AUTH_TYPE=none``,
``OS_ENDPOINT`` = the API's root URL) against watcher-api, the decision
engine and the applier running as processes. Each test is one user story;
the assertions read the CLI's JSON output, the requests it sent and their
statuses (see ``base.CLITestCase.openstack``).
"""
import json
import os

import fixtures
import yaml

from watcher.tests.functional.cli import base

DUMMY_ACTIONS = ['nop', 'nop', 'sleep']


class TestReadOnlyCommands(base.CLITestCase):
    """Goals, strategies, services, scoring engines."""

    def test_goals(self):
        listed = self.openstack('goal', 'list')
        self.assertEqual(['GET /v1/goals'], listed.calls())
        names = [goal['Name'] for goal in listed.data]
        self.assertIn('dummy', names)
        self.assertIn('server_consolidation', names)
        self.assertEqual(sorted(names), names)
        api_goals = self.api_get('/v1/goals')['goals']
        self.assertEqual(
            sorted((g['uuid'], g['name'], g['display_name'])
                   for g in api_goals),
            sorted((g['UUID'], g['Name'], g['Display name'])
                   for g in listed.data))

        shown = self.openstack('goal', 'show', 'dummy')
        self.assertEqual(['GET /v1/goals/dummy'], shown.calls())
        dummy = self.api_get('/v1/goals/dummy')
        self.assertEqual(
            {'UUID': dummy['uuid'], 'Name': 'dummy',
             'Display name': dummy['display_name'],
             'Efficacy specification': dummy['efficacy_specification']},
            shown.data)

        detailed = self.openstack('goal', 'list', '--detail')
        self.assertEqual(['GET /v1/goals/detail'], detailed.calls())
        by_name = {goal['Name']: goal for goal in detailed.data}
        self.assertEqual(set(names), set(by_name))
        specification = by_name['server_consolidation'][
            'Efficacy specification']
        self.assertIn('released_compute_nodes_count',
                      [indicator['name'] for indicator in specification])

    def test_strategies(self):
        listed = self.openstack('strategy', 'list')
        self.assertEqual(['GET /v1/strategies'], listed.calls())
        goal_of = {s['Name']: s['Goal'] for s in listed.data}
        self.assertEqual('dummy', goal_of['dummy'])
        self.assertEqual('server_consolidation', goal_of['basic'])

        of_goal = self.openstack('strategy', 'list', '--goal', 'dummy')
        # The client puts a slash before the query string.
        self.assertEqual(['GET /v1/strategies/?goal=dummy'],
                         of_goal.calls())
        self.assertEqual(
            sorted(name for name, goal in goal_of.items() if goal == 'dummy'),
            sorted(s['Name'] for s in of_goal.data))
        self.assertEqual({'dummy'}, {s['Goal'] for s in of_goal.data})

        shown = self.openstack('strategy', 'show', 'dummy')
        self.assertEqual(['GET /v1/strategies/dummy'], shown.calls())
        self.assertSubset({'Name': 'dummy', 'Goal': 'dummy'}, shown.data)
        spec = shown.data['Parameters spec']
        # The client prints the spec's properties as a JSON string.
        properties = json.loads(spec)
        self.assertEqual({'para1', 'para2'}, set(properties))
        self.assertEqual(3.2, properties['para1']['default'])

        state = self.openstack('strategy', 'state', 'dummy')
        self.assertEqual(['GET /v1/strategies/dummy/state'], state.calls())
        rows = {row['Type']: row for row in state.data}
        self.assertEqual({'Datasource', 'Metrics', 'CDM', 'Name'}, set(rows))
        self.assertEqual('dummy', rows['Name']['State'])
        self.assertTrue(rows['Datasource']['Mandatory'])
        self.assertTrue(rows['CDM']['Mandatory'])

    def test_services_and_scoring_engines(self):
        services = self.openstack('service', 'list')
        self.assertEqual(['GET /v1/services'], services.calls())
        ours = {s['Name']: s for s in services.data
                if s['Host'] == self.suite.host}
        self.assertEqual({'watcher-decision-engine', 'watcher-applier'},
                         set(ours))
        self.assertEqual({'ACTIVE'}, {s['Status'] for s in ours.values()})

        engine_id = ours['watcher-decision-engine']['ID']
        shown = self.openstack('service', 'show', str(engine_id))
        self.assertEqual(['GET /v1/services/%s' % engine_id], shown.calls())
        self.assertSubset({'ID': engine_id, 'Name': 'watcher-decision-engine',
                           'Host': self.suite.host, 'Status': 'ACTIVE'},
                          shown.data)
        self.assertTrue(shown.data['Last seen up'])

        engines = self.openstack('scoringengine', 'list')
        self.assertEqual(['GET /v1/scoring_engines'], engines.calls())
        self.assertIn('dummy_scorer', [e['Name'] for e in engines.data])

        scorer = self.openstack('scoringengine', 'show', 'dummy_scorer')
        self.assertEqual(['GET /v1/scoring_engines/dummy_scorer'],
                         scorer.calls())
        api_scorer = self.api_get('/v1/scoring_engines/dummy_scorer')
        self.assertEqual(
            {'UUID': api_scorer['uuid'], 'Name': 'dummy_scorer',
             'Description': api_scorer['description'],
             'Metainfo': api_scorer['metainfo']}, scorer.data)

    def test_errors_show_the_server_message(self):
        unknown = self.openstack('goal', 'show', 'no-such-goal', expect=404)
        self.assertIn('Goal no-such-goal could not be found',
                      unknown.stderr)

        # audit create sends the goal name as given; the API resolves it.
        self.openstack('audit', 'create', '-g', 'no-such-goal', expect=404)

        bad_uuid = self.openstack('action', 'show', 'not-a-uuid', expect=400)
        self.assertEqual(['GET /v1/actions/not-a-uuid'], bad_uuid.calls())
        self.assertIn('not-a-uuid', bad_uuid.stderr)

        # The client words the 406 from the range headers of the answer.
        too_new = self.openstack('goal', 'list', version='1.8', expect=406,
                                 server_message=False)
        self.assertIn('Supported version range is 1.0 to 1.7',
                      ' '.join(too_new.stderr.split()))


class TestAuditTemplateCommands(base.CLITestCase):

    def test_create_show_list_update_delete(self):
        dummy_goal = self.api_get('/v1/goals/dummy')
        dummy_strategy = self.api_get('/v1/strategies/dummy')
        created = self.openstack('audittemplate', 'create', 'at-cli',
                                 'dummy', '-s', 'dummy',
                                 '-d', 'made by the CLI')
        # Names are resolved to uuids by the client before the POST.
        self.assertEqual(['GET /v1/goals/dummy', 'GET /v1/strategies/dummy',
                          'POST /v1/audit_templates'], created.calls())
        self.assertSubset({'Name': 'at-cli', 'Goal': 'dummy',
                           'Strategy': 'dummy',
                           'Description': 'made by the CLI',
                           'Audit Scope': []}, created.data)
        stored = self.api_get('/v1/audit_templates/at-cli')
        self.assertEqual((dummy_goal['uuid'], dummy_strategy['uuid']),
                         (stored['goal_uuid'], stored['strategy_uuid']))

        scope = [{'compute': [{'availability_zones': [{'name': 'zone-a'}]},
                              {'exclude': [{'compute_nodes': [
                                  {'name': 'compute-2'}]}]}]}]
        scope_file = os.path.join(
            self.useFixture(fixtures.TempDir()).path, 'scope.yaml')
        with open(scope_file, 'w') as handle:
            yaml.safe_dump(scope, handle)
        scoped = self.openstack('audittemplate', 'create', 'at-scoped',
                                'server_consolidation', '--scope',
                                scope_file)
        self.assertSubset({'Name': 'at-scoped',
                           'Goal': 'server_consolidation',
                           'Strategy': None, 'Audit Scope': scope},
                          scoped.data)

        with_defaults = self.openstack(
            'audittemplate', 'create', 'at-defaults', 'dummy', '-s', 'dummy',
            '-p', 'para1=2.5', '-p', 'para2=from-template', version='1.7')
        self.assertEqual({'para1': 2.5, 'para2': 'from-template'},
                         with_defaults.data['Default Parameters'])

        listed = self.openstack('audittemplate', 'list')
        self.assertEqual(['GET /v1/audit_templates'], listed.calls())
        self.assertEqual(
            {('at-cli', 'dummy', 'dummy'),
             ('at-scoped', 'server_consolidation', None),
             ('at-defaults', 'dummy', 'dummy')},
            {(t['Name'], t['Goal'], t['Strategy']) for t in listed.data})

        shown = self.openstack('audittemplate', 'show', 'at-scoped')
        self.assertEqual(['GET /v1/audit_templates/at-scoped'],
                         shown.calls())
        self.assertEqual(scoped.data, shown.data)

        updated = self.openstack('audittemplate', 'update', 'at-cli',
                                 'replace', 'description=changed',
                                 'name=at-renamed')
        self.assertEqual(['PATCH /v1/audit_templates/at-cli'],
                         updated.calls())
        self.assertSubset({'Name': 'at-renamed', 'Description': 'changed',
                           'Goal': 'dummy', 'Strategy': 'dummy'},
                          updated.data)

        deleted = self.openstack('audittemplate', 'delete', 'at-renamed',
                                 'at-scoped', output=False)
        self.assertEqual(['DELETE /v1/audit_templates/at-renamed',
                          'DELETE /v1/audit_templates/at-scoped'],
                         deleted.calls())
        remaining = self.api_get('/v1/audit_templates')['audit_templates']
        self.assertEqual(['at-defaults'], [t['name'] for t in remaining])
        self.openstack('audittemplate', 'show', 'at-renamed', expect=404)


class TestAuditLifecycle(base.CLITestCase):
    """Audits, action plans, actions and the data model, end to end."""

    def test_oneshot_audit_to_executed_plan(self):
        created = self.openstack('audit', 'create', '-g', 'dummy',
                                 '-s', 'dummy', '--name', 'audit-cli')
        self.assertEqual(['POST /v1/audits'], created.calls())
        self.assertSubset({'Name': 'audit-cli', 'Audit Type': 'ONESHOT',
                           'Goal': 'dummy', 'Strategy': 'dummy',
                           'Auto Trigger': False, 'Force': False,
                           'Parameters': {'para1': 3.2, 'para2': 'hello'}},
                          created.data)
        self.assertIn(created.data['State'], ('PENDING', 'ONGOING',
                                              'SUCCEEDED'))
        audit_uuid = created.data['UUID']
        self.assertEqual('SUCCEEDED',
                         self.wait_for_audit(audit_uuid)['state'])

        listed = self.openstack('audit', 'list')
        self.assertIn(
            {'UUID': audit_uuid, 'Name': 'audit-cli',
             'Audit Type': 'ONESHOT', 'State': 'SUCCEEDED', 'Goal': 'dummy',
             'Strategy': 'dummy', 'Auto Trigger': False}, listed.data)
        shown = self.openstack('audit', 'show', audit_uuid)
        self.assertSubset({'UUID': audit_uuid, 'State': 'SUCCEEDED',
                           'Hostname': self.suite.host}, shown.data)

        plans = self.openstack('actionplan', 'list', '--audit', audit_uuid)
        self.assertEqual(['GET /v1/action_plans/?audit_uuid=%s'
                          % audit_uuid], plans.calls())
        self.assertEqual(1, len(plans.data), plans)
        plan_uuid = plans.data[0]['UUID']
        self.assertSubset({'Audit': audit_uuid, 'State': 'RECOMMENDED'},
                          plans.data[0])
        plan = self.openstack('actionplan', 'show', plan_uuid)
        self.assertSubset({'UUID': plan_uuid, 'Audit': audit_uuid,
                           'Strategy': 'dummy', 'State': 'RECOMMENDED'},
                          plan.data)
        self.assertIsInstance(plan.data['Efficacy indicators'], list)
        self.assertIsInstance(plan.data['Global efficacy'], list)

        actions = self.openstack('action', 'list', '--action-plan',
                                 plan_uuid)
        self.assertEqual(['GET /v1/actions/?action_plan_uuid=%s'
                          % plan_uuid], actions.calls())
        self.assertEqual(DUMMY_ACTIONS,
                         [a['Action'] for a in actions.data])
        self.assertEqual({'PENDING'}, {a['State'] for a in actions.data})
        detailed = self.openstack('action', 'list', '--action-plan',
                                  plan_uuid, '--detail')
        self.assertEqual(['GET /v1/actions/detail?action_plan_uuid=%s'
                          % plan_uuid], detailed.calls())
        self.assertEqual([a['UUID'] for a in actions.data],
                         [a['UUID'] for a in detailed.data])
        # The dummy strategy's three actions, with its default parameters.
        self.assertEqual(
            sorted([{'message': 'hello World'}, {'message': 'hello'},
                    {'duration': 3.2}], key=repr),
            sorted([a['Parameters'] for a in detailed.data], key=repr))

        first = actions.data[0]['UUID']
        action = self.openstack('action', 'show', first)
        self.assertSubset({'UUID': first, 'Action Plan': plan_uuid,
                           'Action': 'nop', 'State': 'PENDING',
                           'Parents': []}, action.data)

        skipped = self.openstack('action', 'update', first, '--state',
                                 'SKIPPED', '--reason', 'not today')
        self.assertEqual(['PATCH /v1/actions/%s' % first], skipped.calls())
        self.assertSubset(
            {'State': 'SKIPPED',
             'Status Message': 'Action skipped by user. Reason: not today'},
            skipped.data)

        started = self.openstack('actionplan', 'start', plan_uuid)
        self.assertEqual(['POST /v1/action_plans/%s/start' % plan_uuid],
                         started.calls())
        self.assertIn(started.data['State'], ('PENDING', 'ONGOING',
                                              'SUCCEEDED'))
        self.assertEqual('SUCCEEDED', self.wait_for_plan(
            plan_uuid, ('SUCCEEDED', 'FAILED', 'CANCELLED'))['state'])
        done = self.api_get('/v1/actions?action_plan_uuid=%s' % plan_uuid)
        self.assertEqual(['SKIPPED', 'SUCCEEDED', 'SUCCEEDED'],
                         [a['state'] for a in done['actions']])

        model = self.openstack('datamodel', 'list')
        self.assertEqual(['GET /v1/data_model/?data_model_type=compute'],
                         model.calls())
        self.assertEqual(
            [('compute-1', 'vm-1'), ('compute-2', 'vm-2')],
            sorted((row['Node Host Name'], row['Server Name'])
                   for row in model.data))

        renamed = self.openstack('audit', 'update', audit_uuid, 'replace',
                                 'name=audit-cli-done')
        self.assertEqual(['PATCH /v1/audits/%s' % audit_uuid],
                         renamed.calls())
        self.assertSubset({'Name': 'audit-cli-done', 'State': 'SUCCEEDED'},
                          renamed.data)

        self.openstack('actionplan', 'delete', plan_uuid, output=False)
        self.openstack('actionplan', 'show', plan_uuid, expect=404)
        self.openstack('audit', 'delete', audit_uuid, output=False)
        self.openstack('audit', 'show', audit_uuid, expect=404)

    def test_continuous_and_event_audits_plan_update_and_cancel(self):
        continuous = self.openstack('audit', 'create', '-t', 'CONTINUOUS',
                                    '-i', '3600', '-g', 'dummy',
                                    '-s', 'dummy')
        self.assertSubset({'Audit Type': 'CONTINUOUS', 'Interval': '3600'},
                          continuous.data)
        audit_uuid = continuous.data['UUID']
        plans = self.wait_for_plans(audit_uuid)
        self.assertEqual(['RECOMMENDED'], [p['state'] for p in plans])
        self.assertEqual('ONGOING',
                         self.api_get('/v1/audits/%s' % audit_uuid)['state'])

        # A cron interval whose next run is far away: no new plan comes.
        cron = self.openstack('audit', 'update', audit_uuid, 'replace',
                              'interval=0 0 1 1 *')
        self.assertSubset({'Interval': '0 0 1 1 *', 'State': 'ONGOING'},
                          cron.data)
        busy = self.openstack('audit', 'delete', audit_uuid, output=False,
                              expect=400)
        self.assertIn("Couldn't delete when state is 'ONGOING'",
                      busy.stderr)
        cancelled = self.openstack('audit', 'update', audit_uuid, 'replace',
                                   'state=CANCELLED')
        self.assertEqual('CANCELLED', cancelled.data['State'])

        # The tempest plugin's way to start a plan: PATCH state=PENDING.
        recommended = [p['uuid'] for p in self.plans_of(audit_uuid)
                       if p['state'] == 'RECOMMENDED']
        self.assertEqual(1, len(recommended), self.plans_of(audit_uuid))
        plan_uuid = recommended[0]
        pending = self.openstack('actionplan', 'update', plan_uuid,
                                 'replace', 'state=PENDING')
        self.assertEqual(['PATCH /v1/action_plans/%s' % plan_uuid],
                         pending.calls())
        self.assertIn(pending.data['State'], ('PENDING', 'ONGOING',
                                              'SUCCEEDED'))
        self.assertEqual('SUCCEEDED', self.wait_for_plan(
            plan_uuid, ('SUCCEEDED', 'FAILED', 'CANCELLED'))['state'])

        oneshot = self.openstack('audit', 'create', '-g', 'dummy',
                                 '-s', 'dummy', '-p', 'para2=to cancel')
        second_plan = self.wait_for_plans(oneshot.data['UUID'])[0]
        self.assertEqual('RECOMMENDED', second_plan['state'])
        cancel = self.openstack('actionplan', 'cancel', second_plan['uuid'])
        # The client reads the plan to choose CANCELLED or CANCELLING.
        self.assertEqual(['GET /v1/action_plans/%s' % second_plan['uuid'],
                          'PATCH /v1/action_plans/%s' % second_plan['uuid']],
                         cancel.calls())
        self.assertEqual('CANCELLED', cancel.data['State'])
        every_action = self.openstack('action', 'list')
        self.assertEqual(['GET /v1/actions'], every_action.calls())
        self.assertEqual(
            ['CANCELLED'] * 3,
            [a['State'] for a in every_action.data
             if a['Action Plan'] == second_plan['uuid']])

        self.openstack('audittemplate', 'create', 'at-event',
                       'dummy', '-s', 'dummy')
        event = self.openstack('audit', 'create', '-t', 'EVENT',
                               '-a', 'at-event', '--name', 'audit-event')
        self.assertEqual(['GET /v1/audit_templates/at-event',
                          'POST /v1/audits'], event.calls())
        self.assertSubset({'Audit Type': 'EVENT', 'State': 'PENDING',
                           'Goal': 'dummy', 'Strategy': 'dummy'},
                          event.data)
        stopped = self.openstack('audit', 'update', 'audit-event',
                                 'replace', 'state=CANCELLED')
        self.assertEqual('CANCELLED', stopped.data['State'])

        audits = self.openstack('audit', 'list', '--detail')
        self.assertEqual(['GET /v1/audits/detail'], audits.calls())
        expected = {
            audit_uuid: ('CONTINUOUS', 'CANCELLED', '0 0 1 1 *'),
            oneshot.data['UUID']: ('ONESHOT', 'SUCCEEDED', None),
            event.data['UUID']: ('EVENT', 'CANCELLED', None)}
        self.assertEqual(
            expected,
            {a['UUID']: (a['Audit Type'], a['State'], a['Interval'])
             for a in audits.data if a['UUID'] in expected})

        listed = self.openstack('actionplan', 'list', '--detail')
        self.assertEqual(['GET /v1/action_plans/detail'], listed.calls())
        self.assertEqual(
            {plan_uuid: 'SUCCEEDED', second_plan['uuid']: 'CANCELLED'},
            {p['UUID']: p['State'] for p in listed.data
             if p['UUID'] in (plan_uuid, second_plan['uuid'])})
