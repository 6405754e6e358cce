"""State machines and the stuck-work policy, read as data."""
import testtools

from watcher.common import exception
from watcher import objects
from watcher.objects import states

AUDIT = states.AuditState
PLAN = states.ActionPlanState
ACTION = states.ActionState


class TestStateNames(testtools.TestCase):

    def test_object_modules_expose_the_reference_names(self):
        self.assertIs(states.AuditState, objects.audit.State)
        self.assertIs(states.AuditType, objects.audit.AuditType)
        self.assertIs(states.ActionPlanState, objects.action_plan.State)
        self.assertIs(states.ActionState, objects.action.State)
        self.assertIs(states.ServiceStatus, objects.service.ServiceStatus)

    def test_values(self):
        self.assertEqual({'PENDING', 'ONGOING', 'SUCCEEDED', 'FAILED',
                          'CANCELLED', 'DELETED', 'SUSPENDED'},
                         set(AUDIT.ALL))
        self.assertEqual({'ONESHOT', 'CONTINUOUS', 'EVENT'},
                         set(states.AuditType.ALL))
        self.assertEqual({'RECOMMENDED', 'PENDING', 'ONGOING', 'FAILED',
                          'SUCCEEDED', 'DELETED', 'CANCELLED', 'SUPERSEDED',
                          'CANCELLING'}, set(PLAN.ALL))
        self.assertEqual(('CANCELLING', 'CANCELLED'), PLAN.CANCEL_STATES)
        self.assertEqual({'PENDING', 'ONGOING', 'FAILED', 'SUCCEEDED',
                          'DELETED', 'CANCELLED', 'CANCELLING', 'SKIPPED'},
                         set(ACTION.ALL))

    def test_every_table_only_names_known_states(self):
        known = {states.AUDIT: set(AUDIT.ALL),
                 states.ACTION_PLAN: set(PLAN.ALL),
                 states.ACTION: set(ACTION.ALL)}
        for (kind, _actor), table in states.TRANSITIONS.items():
            for source, targets in table.items():
                self.assertIn(source, known[kind])
                self.assertLessEqual(set(targets), known[kind])


class TestAuditTransitions(testtools.TestCase):

    def test_api_table_is_the_reference_table(self):
        expected = {
            'PENDING': {'ONGOING', 'CANCELLED'},
            'ONGOING': {'FAILED', 'SUCCEEDED', 'CANCELLED', 'SUSPENDED'},
            'FAILED': {'DELETED'},
            'SUCCEEDED': {'DELETED'},
            'CANCELLED': {'DELETED'},
            'SUSPENDED': {'ONGOING', 'DELETED'},
            'DELETED': set(),
        }
        self.assertEqual(expected, {state: set(targets) for state, targets
                                    in states.AUDIT_API_TRANSITIONS.items()})

    def test_user_cannot_reopen_or_skip_ahead(self):
        self.assertFalse(states.can_transition(
            states.AUDIT, AUDIT.SUCCEEDED, AUDIT.ONGOING, states.API))
        self.assertFalse(states.can_transition(
            states.AUDIT, AUDIT.PENDING, AUDIT.SUCCEEDED, states.API))
        self.assertTrue(states.can_transition(
            states.AUDIT, AUDIT.SUSPENDED, AUDIT.ONGOING, states.API))

    def test_engine_may_also_fail_early_and_rerun_event_audits(self):
        self.assertTrue(states.can_transition(
            states.AUDIT, AUDIT.PENDING, AUDIT.FAILED))
        self.assertTrue(states.can_transition(
            states.AUDIT, AUDIT.SUCCEEDED, AUDIT.ONGOING))
        self.assertFalse(states.can_transition(
            states.AUDIT, AUDIT.DELETED, AUDIT.ONGOING))

    def test_inactive_and_deletable_sets(self):
        self.assertEqual({'CANCELLED', 'DELETED', 'FAILED', 'SUSPENDED'},
                         set(states.AUDIT_INACTIVE_STATES))
        self.assertEqual({'FAILED', 'SUCCEEDED', 'CANCELLED', 'SUSPENDED'},
                         set(states.AUDIT_DELETABLE_STATES))
        self.assertTrue(states.is_deletable(states.AUDIT, AUDIT.SUSPENDED))
        self.assertFalse(states.is_deletable(states.AUDIT, AUDIT.ONGOING))


class TestActionPlanTransitions(testtools.TestCase):

    def test_user_requests(self):
        allowed = {(source, target)
                   for source, targets
                   in states.ACTION_PLAN_API_TRANSITIONS.items()
                   for target in targets}
        self.assertEqual({('RECOMMENDED', 'PENDING'),
                          ('RECOMMENDED', 'CANCELLED'),
                          ('PENDING', 'CANCELLED'),
                          ('ONGOING', 'CANCELLING')}, allowed)

    def test_applier_lifecycle(self):
        path = [PLAN.RECOMMENDED, PLAN.PENDING, PLAN.ONGOING,
                PLAN.CANCELLING, PLAN.CANCELLED, PLAN.DELETED]
        for source, target in zip(path, path[1:]):
            self.assertTrue(states.can_transition(
                states.ACTION_PLAN, source, target), (source, target))
        self.assertTrue(states.can_transition(
            states.ACTION_PLAN, PLAN.RECOMMENDED, PLAN.SUPERSEDED))
        self.assertFalse(states.can_transition(
            states.ACTION_PLAN, PLAN.SUCCEEDED, PLAN.ONGOING))

    def test_deletable_states(self):
        self.assertEqual({'SUCCEEDED', 'RECOMMENDED', 'FAILED', 'SUPERSEDED',
                          'CANCELLED'},
                         set(states.ACTION_PLAN_DELETABLE_STATES))
        self.assertFalse(states.is_deletable(states.ACTION_PLAN,
                                             PLAN.ONGOING))


class TestActionTransitions(testtools.TestCase):

    def test_user_may_only_skip_pending_actions(self):
        self.assertTrue(states.can_transition(
            states.ACTION, ACTION.PENDING, ACTION.SKIPPED, states.API))
        self.assertFalse(states.can_transition(
            states.ACTION, ACTION.ONGOING, ACTION.SKIPPED, states.API))
        self.assertFalse(states.can_transition(
            states.ACTION, ACTION.PENDING, ACTION.ONGOING, states.API))
        self.assertEqual({'RECOMMENDED', 'PENDING'},
                         set(states.ACTION_SKIPPABLE_PLAN_STATES))

    def test_plan_deletion_reaches_every_live_action(self):
        for state in ACTION.ALL:
            if state != ACTION.DELETED:
                self.assertTrue(states.can_transition(
                    states.ACTION, state, ACTION.DELETED), state)


class TestCheckTransition(testtools.TestCase):

    def test_refused_transition_names_both_states(self):
        error = self.assertRaises(
            exception.IllegalStateTransition, states.check_transition,
            states.ACTION_PLAN, PLAN.SUCCEEDED, PLAN.PENDING, states.API)
        self.assertIn('SUCCEEDED -> PENDING', str(error))
        self.assertEqual(400, error.code)

    def test_allowed_transition_passes(self):
        states.check_transition(states.AUDIT, AUDIT.PENDING, AUDIT.ONGOING,
                                states.API)

    def test_unknown_kind_is_a_clear_error(self):
        self.assertRaises(ValueError, states.can_transition, 'goal', 'A',
                          'B')


class TestStuckPolicy(testtools.TestCase):

    def test_pending_plan_of_a_dead_applier_is_requeued(self):
        policy = states.stuck_policy(states.ACTION_PLAN, PLAN.PENDING)
        self.assertEqual(states.REQUEUE, policy.action)

    def test_ongoing_plan_of_a_dead_applier_is_cancelled_with_a_message(self):
        for restarted in (False, True):
            policy = states.stuck_policy(states.ACTION_PLAN, PLAN.ONGOING,
                                         restarted=restarted)
            self.assertEqual((states.END, PLAN.CANCELLED),
                             (policy.action, policy.state))
            self.assertEqual(
                'Action plan was cancelled because Applier node-2 was '
                'stopped while the action plan was ongoing.',
                states.stuck_status_message(policy, 'node-2'))

    def test_pending_actions_of_such_plans_are_cancelled(self):
        policy = states.stuck_policy(states.ACTION, ACTION.PENDING)
        self.assertEqual(ACTION.CANCELLED, policy.state)
        self.assertIn('node-2', states.stuck_status_message(policy,
                                                            'node-2'))

    def test_running_actions_of_such_plans_fail_and_are_not_rerun(self):
        for state in (ACTION.ONGOING, ACTION.CANCELLING):
            policy = states.stuck_policy(states.ACTION, state)
            self.assertEqual(ACTION.FAILED, policy.state)
            message = states.stuck_status_message(policy, 'node-2')
            self.assertIn('node-2', message)
            self.assertIn('not run again', message)

    def test_continuous_audits_are_taken_over(self):
        policy = states.stuck_policy(states.AUDIT, AUDIT.ONGOING,
                                     states.AuditType.CONTINUOUS)
        self.assertEqual(states.TAKE_OVER, policy.action)
        self.assertIsNone(states.stuck_status_message(policy, 'de-1'))

    def test_oneshot_audits_fail_when_another_engine_saw_the_owner_die(self):
        policy = states.stuck_policy(states.AUDIT, AUDIT.ONGOING,
                                     states.AuditType.ONESHOT)
        self.assertEqual((states.END, AUDIT.FAILED),
                         (policy.action, policy.state))
        self.assertIn('Decision Engine de-1 was stopped',
                      states.stuck_status_message(policy, 'de-1'))

    def test_oneshot_audits_are_cancelled_when_the_owner_restarts(self):
        policy = states.stuck_policy(states.AUDIT, AUDIT.ONGOING,
                                     states.AuditType.ONESHOT,
                                     restarted=True)
        self.assertEqual(AUDIT.CANCELLED, policy.state)

    def test_every_end_state_is_a_legal_move(self):
        for table in (states.OWNER_DIED_POLICY,
                      states.OWNER_RESTARTED_POLICY):
            for (kind, state, _type), policy in table.items():
                if policy.action == states.END:
                    self.assertTrue(states.can_transition(
                        kind, state, policy.state), (kind, state, policy))

    def test_finished_work_is_left_alone(self):
        self.assertIsNone(states.stuck_policy(states.ACTION_PLAN,
                                              PLAN.SUCCEEDED))
        self.assertIsNone(states.stuck_policy(states.AUDIT, AUDIT.SUCCEEDED,
                                              states.AuditType.ONESHOT))
