"""What goes on the bus, captured from a real oslo.messaging notifier."""
from watcher.notifications import action as action_notifications
from watcher.notifications import action_plan as plan_notifications
from watcher.notifications import audit as audit_notifications
from watcher.notifications import exception as exception_notifications
from watcher.notifications import service as service_notifications
from watcher import objects
from watcher.tests.unit.notifications import base

AUDIT_KEYS = {'uuid', 'name', 'audit_type', 'state', 'parameters',
              'interval', 'scope', 'goal_uuid', 'strategy_uuid',
              'auto_trigger', 'next_run_time', 'created_at', 'updated_at',
              'deleted_at', 'status_message'}
PLAN_KEYS = {'uuid', 'state', 'global_efficacy', 'audit_uuid',
             'strategy_uuid', 'status_message', 'created_at', 'updated_at',
             'deleted_at'}
ACTION_KEYS = {'uuid', 'action_type', 'input_parameters', 'state',
               'parents', 'status_message', 'created_at', 'updated_at',
               'deleted_at', 'action_plan'}


def data(primitive):
    return primitive['watcher_object.data']


class TestEnvelope(base.NotificationTestCase):

    def test_audit_create_message(self):
        goal, strategy = self.make_catalogue()
        audit = self.make_audit(goal, strategy)
        priority, message = self.last('audit.create')
        self.assertEqual('INFO', priority)
        self.assertEqual({'message_id', 'publisher_id', 'event_type',
                          'priority', 'payload', 'timestamp'}, set(message))
        self.assertEqual('infra-optim:node0', message['publisher_id'])
        payload = message['payload']
        self.assertEqual('AuditCreatePayload',
                         payload['watcher_object.name'])
        self.assertEqual('watcher', payload['watcher_object.namespace'])
        self.assertEqual('1.2', payload['watcher_object.version'])
        self.assertNotIn('watcher_object.changes', payload)
        body = data(payload)
        self.assertEqual(AUDIT_KEYS | {'goal', 'strategy'}, set(body))
        self.assertEqual(audit.uuid, body['uuid'])
        self.assertEqual(goal.uuid, body['goal_uuid'])
        self.assertEqual('GoalPayload', body['goal']['watcher_object.name'])
        self.assertEqual('dummy', data(body['strategy'])['name'])
        self.assertTrue(body['created_at'].endswith('Z'))

    def test_level_warning_keeps_only_warnings(self):
        self.conf.config(notification_level='warning')
        goal = self.make_goal()
        self.make_audit(goal)
        service = objects.Service(self.context, name='watcher-applier',
                                  host='node-2')
        service.create()
        service_notifications.send_service_update(self.context, service,
                                                  'FAILED')
        service_notifications.send_service_update(self.context, service,
                                                  'ACTIVE')
        self.assertEqual(['service.update'], self.event_types())

    def test_empty_level_sends_nothing(self):
        # The notifier still has the 'test' driver: only the level gate
        # can keep these messages off the bus.
        self.conf.config(notification_level='')
        audit = self.make_audit(self.make_goal())
        audit.state = 'ONGOING'
        audit.save()
        audit_notifications.send_action_notification(
            self.context, audit, 'strategy', 'error', fault=ValueError('x'))
        self.assertEqual([], self.sent())


class TestAuditNotifications(base.NotificationTestCase):

    def setUp(self):
        super().setUp()
        self.goal, self.strategy = self.make_catalogue()
        self.audit = self.make_audit(self.goal, self.strategy)

    def test_update_carries_the_state_change(self):
        self.audit.state = 'ONGOING'
        self.audit.status_message = None
        self.audit.save()
        _priority, message = self.last('audit.update')
        self.assertEqual('AuditUpdatePayload',
                         message['payload']['watcher_object.name'])
        state_update = data(data(message['payload'])['state_update'])
        self.assertEqual({'old_state': 'PENDING', 'state': 'ONGOING',
                          'status_message': None}, state_update)

    def test_update_without_state_change_has_null_state_update(self):
        self.audit.hostname = 'de-1'
        self.audit.save()
        _priority, message = self.last('audit.update')
        state_update = data(data(message['payload'])['state_update'])
        self.assertEqual({'old_state': None, 'state': None,
                          'status_message': None}, state_update)

    def test_soft_delete_sends_update_then_delete(self):
        self.audit.state = 'ONGOING'
        self.audit.save()
        self.audit.state = 'SUCCEEDED'
        self.audit.save()
        self.reset_messages()
        self.audit.soft_delete()
        self.assertEqual(['audit.update', 'audit.delete'],
                         self.event_types())
        _priority, message = self.last('audit.delete')
        body = data(message['payload'])
        self.assertEqual('AuditDeletePayload',
                         message['payload']['watcher_object.name'])
        self.assertEqual('DELETED', body['state'])
        self.assertIsNotNone(body['deleted_at'])

    def test_strategy_and_planner_phases(self):
        for action in ('strategy', 'planner'):
            for phase in ('start', 'end'):
                audit_notifications.send_action_notification(
                    self.context, self.audit, action=action, phase=phase)
        self.assertEqual(['audit.strategy.start', 'audit.strategy.end',
                          'audit.planner.start', 'audit.planner.end'],
                         self.event_types()[-4:])
        _priority, message = self.last('audit.planner.end')
        body = data(message['payload'])
        self.assertEqual('AuditActionPayload',
                         message['payload']['watcher_object.name'])
        self.assertIsNone(body['fault'])

    def test_error_phase_describes_the_exception(self):
        try:
            raise ValueError('no metrics for node-3')
        except ValueError:
            audit_notifications.send_action_notification(
                self.context, self.audit, action='strategy', phase='error')
        priority, message = self.last('audit.strategy.error')
        self.assertEqual('ERROR', priority)
        fault = data(data(message['payload'])['fault'])
        self.assertEqual({
            'module_name': __name__,
            'function_name': 'test_error_phase_describes_the_exception',
            'exception': 'ValueError',
            'exception_message': 'no metrics for node-3'}, fault)

    def test_explicit_fault_outside_an_except_block(self):
        audit_notifications.send_action_notification(
            self.context, self.audit, action='planner', phase='error',
            exception=RuntimeError('planner broke'))
        _priority, message = self.last('audit.planner.error')
        fault = data(data(message['payload'])['fault'])
        self.assertEqual('RuntimeError', fault['exception'])
        self.assertEqual('unknown', fault['module_name'])


class TestActionPlanAndActionNotifications(base.NotificationTestCase):

    def setUp(self):
        super().setUp()
        self.goal, self.strategy = self.make_catalogue()
        self.audit = self.make_audit(self.goal, self.strategy)
        self.plan = self.make_action_plan(self.audit, self.strategy)
        self.action = self.make_action(self.plan)

    def test_plan_create_payload(self):
        _priority, message = self.last('action_plan.create')
        payload = message['payload']
        self.assertEqual(('ActionPlanCreatePayload', '1.2'),
                         (payload['watcher_object.name'],
                          payload['watcher_object.version']))
        body = data(payload)
        self.assertEqual(PLAN_KEYS | {'audit', 'strategy'}, set(body))
        self.assertEqual(self.audit.uuid, body['audit_uuid'])
        self.assertEqual('TerseAuditPayload',
                         body['audit']['watcher_object.name'])
        self.assertEqual(AUDIT_KEYS, set(data(body['audit'])))
        self.assertEqual(self.strategy.uuid, body['strategy_uuid'])

    def test_plan_update_with_old_state(self):
        self.plan.state = 'PENDING'
        self.plan.save()
        _priority, message = self.last('action_plan.update')
        state_update = data(data(message['payload'])['state_update'])
        self.assertEqual('RECOMMENDED', state_update['old_state'])
        self.assertEqual('PENDING', state_update['state'])

    def test_plan_execution_and_cancel_phases(self):
        plan_notifications.send_action_notification(
            self.context, self.plan, action='execution', phase='start')
        plan_notifications.send_action_notification(
            self.context, self.plan, action='execution', phase='error',
            subject=RuntimeError('applier lost'))
        plan_notifications.send_cancel_notification(
            self.context, self.plan, action='cancel', phase='end')
        self.assertEqual(['action_plan.execution.start',
                          'action_plan.execution.error',
                          'action_plan.cancel.end'],
                         self.event_types()[-3:])
        priority, message = self.last('action_plan.execution.error')
        self.assertEqual('ERROR', priority)
        self.assertEqual('ActionPlanActionPayload',
                         message['payload']['watcher_object.name'])
        self.assertEqual('applier lost', data(data(
            message['payload'])['fault'])['exception_message'])
        _priority, message = self.last('action_plan.cancel.end')
        self.assertEqual('ActionPlanCancelPayload',
                         message['payload']['watcher_object.name'])

    def test_action_create_payload(self):
        _priority, message = self.last('action.create')
        payload = message['payload']
        self.assertEqual(('ActionCreatePayload', '1.1'),
                         (payload['watcher_object.name'],
                          payload['watcher_object.version']))
        body = data(payload)
        # action_plan_uuid is declared but not filled, as upstream.
        self.assertEqual(ACTION_KEYS, set(body))
        self.assertEqual({'message': 'hello'}, body['input_parameters'])
        terse_plan = data(body['action_plan'])
        self.assertEqual(PLAN_KEYS, set(terse_plan))
        self.assertEqual(self.plan.uuid, terse_plan['uuid'])
        self.assertEqual(self.audit.uuid, terse_plan['audit_uuid'])

    def _create_many(self, count):
        self.reset_messages()
        objects.Action.create_many(self.context, [
            objects.Action(self.context, action_plan_id=self.plan.id,
                           action_type='nop', state='PENDING',
                           input_parameters={'message': str(i)}, parents=[])
            for i in range(count)], action_plan=self.plan)
        return [data(message['payload']) for _p, message in self.sent()]

    def test_create_many_describes_the_plan_like_a_single_create(self):
        _priority, message = self.last('action.create')
        single_plan = data(message['payload'])['action_plan']
        bodies = self._create_many(3)
        self.assertEqual(['0', '1', '2'],
                         [b['input_parameters']['message'] for b in bodies])
        self.assertEqual([single_plan] * 3,
                         [b['action_plan'] for b in bodies])
        # The plan read by one batch is not reused by the next one.
        self.plan.state = 'PENDING'
        self.plan.save()
        bodies = self._create_many(2)
        self.assertEqual(['PENDING', 'PENDING'],
                         [data(b['action_plan'])['state'] for b in bodies])

    def test_action_save_and_explicit_update(self):
        self.action.state = 'SKIPPED'
        self.action.save()
        _priority, message = self.last('action.update')
        self.assertEqual({'old_state': None, 'state': None,
                          'status_message': None},
                         data(data(message['payload'])['state_update']))
        action_notifications.send_update(self.context, self.action,
                                         old_state='PENDING')
        _priority, message = self.last('action.update')
        self.assertEqual('PENDING', data(data(
            message['payload'])['state_update'])['old_state'])

    def test_action_execution_and_cancel(self):
        action_notifications.send_execution_notification(
            self.context, self.action, 'execution', 'start')
        action_notifications.send_cancel_notification(
            self.context, self.action, 'cancel', 'error',
            fault=RuntimeError('abort failed'))
        priority, message = self.last('action.execution.start')
        self.assertEqual('INFO', priority)
        self.assertEqual('ActionExecutionPayload',
                         message['payload']['watcher_object.name'])
        self.assertIsNone(data(message['payload'])['fault'])
        priority, message = self.last('action.cancel.error')
        self.assertEqual('ERROR', priority)
        self.assertEqual('ActionCancelPayload',
                         message['payload']['watcher_object.name'])

    def test_action_soft_delete_after_plan_is_gone(self):
        self.plan.state = 'SUCCEEDED'
        self.plan.save()
        self.plan.soft_delete()
        self.reset_messages()
        self.action.soft_delete()
        self.assertEqual(['action.update', 'action.delete'],
                         self.event_types())


class TestServiceAndExceptionNotifications(base.NotificationTestCase):

    def setUp(self):
        super().setUp()
        self.service = objects.Service(self.context, name='watcher-applier',
                                       host='node-2')
        self.service.create()

    def test_failed_service_is_a_warning_with_the_typo_key(self):
        service_notifications.send_service_update(None, self.service,
                                                  'FAILED')
        priority, message = self.last('service.update')
        # oslo.messaging's Notifier.warning() puts 'WARN' on the wire.
        self.assertEqual('WARN', priority)
        body = data(message['payload'])
        self.assertEqual({'sevice_host', 'name', 'last_seen_up',
                          'status_update'}, set(body))
        self.assertEqual('node-2', body['sevice_host'])
        self.assertEqual({'old_state': 'ACTIVE', 'state': 'FAILED'},
                         data(body['status_update']))

    def test_service_back_is_info(self):
        service_notifications.send_service_update(
            self.context, self.service, 'ACTIVE')
        priority, message = self.last('service.update')
        self.assertEqual('INFO', priority)
        self.assertEqual('FAILED', data(data(
            message['payload'])['status_update'])['old_state'])

    def test_exception_notification(self):
        exception_notifications.send_exception(self.context,
                                               KeyError('cinder'))
        priority, message = self.last('infra-optim.exception')
        self.assertEqual('ERROR', priority)
        self.assertEqual('ExceptionPayload',
                         message['payload']['watcher_object.name'])
        self.assertEqual('KeyError', data(message['payload'])['exception'])
