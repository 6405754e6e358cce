"""Listing: filters, join filters, soft-delete visibility, pagination."""
import datetime

from oslo_utils import uuidutils

from watcher.common import exception
from watcher.tests.unit.db import base


def _ids(rows):
    return [row.id for row in rows]


class TestFilters(base.DbTestCase):

    def setUp(self):
        super().setUp()
        self.dummy = self.create_goal(name='dummy')
        self.consolidation = self.create_goal(name='server_consolidation')
        self.s_dummy = self.create_strategy(self.dummy, name='dummy')
        self.s_basic = self.create_strategy(self.consolidation, name='basic')
        self.a1 = self.create_audit(self.dummy, name='a1',
                                    strategy=self.s_dummy, state='PENDING')
        self.a2 = self.create_audit(self.consolidation, name='a2',
                                    strategy=self.s_basic, state='ONGOING',
                                    hostname='de-1')
        self.a3 = self.create_audit(self.consolidation, name='a3',
                                    state='SUCCEEDED',
                                    audit_type='CONTINUOUS')

    def _list(self, resource, filters, context=None):
        return _ids(self.dbapi.list(context or self.context, resource,
                                    filters=filters))

    def test_plain_equality_and_none(self):
        self.assertEqual([self.a2.id],
                         self._list('audit', {'state': 'ONGOING'}))
        self.assertEqual([self.a1.id, self.a3.id],
                         self._list('audit', {'hostname': None}))
        self.assertEqual([self.a3.id], self._list(
            'audit', {'audit_type': 'CONTINUOUS', 'strategy_id': None}))

    def test_operators(self):
        audits = [self.a1.id, self.a2.id, self.a3.id]
        self.assertEqual(audits[1:], self._list('audit',
                                                {'state__neq': 'PENDING'}))
        self.assertEqual(audits[:2], self._list(
            'audit', {'state__in': ['PENDING', 'ONGOING']}))
        self.assertEqual(audits[2:], self._list(
            'audit', {'state__notin': ['PENDING', 'ONGOING']}))
        self.assertEqual(audits[1:], self._list(
            'audit', {'goal_id__gt': self.dummy.id}))
        self.assertEqual(audits, self._list(
            'audit', {'goal_id__gte': self.dummy.id}))
        self.assertEqual(audits[:1], self._list(
            'audit', {'goal_id__lt': self.consolidation.id}))
        self.assertEqual(audits, self._list(
            'audit', {'goal_id__lte': self.consolidation.id}))
        self.assertEqual(audits[:1], self._list(
            'audit', {'state__eq': 'PENDING'}))

    def test_invalid_operator(self):
        error = self.assertRaises(exception.InvalidOperator, self.dbapi.list,
                                  self.context, 'audit',
                                  filters={'state__like': 'P%'})
        self.assertEqual(400, error.code)
        self.assertIn('like', str(error))

    def test_unknown_filter_is_ignored(self):
        self.assertEqual(3, len(self._list('audit', {'colour': 'red'})))
        # efficacy indicators accept 'schema' (no such column): ignored
        self.assertEqual([], self._list('efficacy_indicator',
                                        {'schema': 'x'}))

    def test_goal_and_strategy_join_filters(self):
        self.assertEqual([self.a2.id, self.a3.id], self._list(
            'audit', {'goal_uuid': self.consolidation.uuid}))
        self.assertEqual([self.a2.id, self.a3.id], self._list(
            'audit', {'goal_name': 'SERVER_consolidation'}))
        self.assertEqual([self.a2.id], self._list(
            'audit', {'goal_name': 'server_consolidation',
                      'strategy_name': 'basic'}))
        self.assertEqual([self.a1.id], self._list(
            'audit', {'strategy_uuid': self.s_dummy.uuid}))
        self.assertEqual([self.s_basic.id], self._list(
            'strategy', {'goal_name': 'server_consolidation'}))
        self.assertEqual([self.a1.id, self.a2.id], self._list(
            'audit', {'strategy_name__in': ['dummy', 'basic']}))

    def test_name_filter_is_case_insensitive(self):
        self.assertEqual([self.dummy.id], self._list('goal',
                                                     {'name': 'DUMMY'}))

    def test_action_filters_by_plan_and_audit(self):
        plan1 = self.create_action_plan(self.a1, self.s_dummy)
        plan2 = self.create_action_plan(self.a2, self.s_basic)
        act1 = self.create_action(plan1)
        act2 = self.create_action(plan2)
        act3 = self.create_action(plan2, state='SUCCEEDED')
        self.assertEqual([act1.id], self._list(
            'action', {'action_plan_uuid': plan1.uuid}))
        self.assertEqual([act2.id, act3.id], self._list(
            'action', {'audit_uuid': self.a2.uuid}))
        self.assertEqual([act3.id], self._list(
            'action', {'audit_uuid': self.a2.uuid, 'state': 'SUCCEEDED'}))
        self.assertEqual([plan2.id], self._list(
            'action_plan', {'audit_uuid': self.a2.uuid}))
        self.assertEqual([plan1.id], self._list(
            'action_plan', {'strategy_name': 'dummy'}))

    def test_deleted_filter_and_visibility(self):
        self.dbapi.soft_delete('audit', self.a3.id)
        self.assertEqual([self.a1.id, self.a2.id], self._list('audit', {}))
        self.assertEqual([self.a3.id], self._list(
            'audit', {'deleted': True}, self.deleted_context))
        self.assertEqual([self.a1.id, self.a2.id], self._list(
            'audit', {'deleted': False}, self.deleted_context))
        # without show_deleted, asking for deleted rows finds none
        self.assertEqual([], self._list('audit', {'deleted': True}))

    def test_timestamp_filters(self):
        self.dbapi.soft_delete('audit', self.a1.id)
        later = datetime.datetime.utcnow() + datetime.timedelta(days=1)
        self.assertEqual([self.a1.id], self._list(
            'audit', {'deleted': True, 'deleted_at__lt': later},
            self.deleted_context))
        self.assertEqual([], self._list(
            'audit', {'deleted_at__gt': later}, self.deleted_context))


class TestPagination(base.DbTestCase):

    def setUp(self):
        super().setUp()
        goal = self.create_goal()
        # ids 1..5 with names in another order than ids
        self.audits = [self.create_audit(goal, name=name)
                       for name in ('c', 'a', 'e', 'b', 'd')]

    def _page(self, **kwargs):
        return [row.name for row in self.dbapi.list(self.context, 'audit',
                                                    **kwargs)]

    def test_default_order_is_id(self):
        self.assertEqual(['c', 'a', 'e', 'b', 'd'], self._page())

    def test_limit_and_marker_walk_all_pages(self):
        seen = []
        marker = None
        while True:
            page = self.dbapi.list(self.context, 'audit', limit=2,
                                   marker=marker, sort_key='name')
            seen.extend(row.name for row in page)
            if len(page) < 2:
                break
            marker = page[-1].uuid
        self.assertEqual(['a', 'b', 'c', 'd', 'e'], seen)

    def test_sort_desc_with_marker(self):
        self.assertEqual(['e', 'd', 'c'], self._page(sort_key='name',
                                                     sort_dir='desc',
                                                     limit=3))
        self.assertEqual(['b', 'a'], self._page(
            sort_key='name', sort_dir='desc',
            marker=self.audits[0].uuid))  # after 'c'

    def test_equal_sort_values_break_ties_by_id(self):
        rows = self.dbapi.list(self.context, 'audit', sort_key='state')
        self.assertEqual(sorted(_ids(rows)), _ids(rows))

    def test_invalid_sort_key(self):
        error = self.assertRaises(exception.InvalidSortKey, self.dbapi.list,
                                  self.context, 'audit', sort_key='goal')
        self.assertEqual('Invalid sort key: goal', str(error))
        self.assertEqual(400, error.code)

    def test_invalid_sort_direction(self):
        error = self.assertRaises(exception.InvalidSortDirection,
                                  self.dbapi.list, self.context, 'audit',
                                  sort_dir='up')
        self.assertEqual("Invalid sort direction: up. Acceptable values are "
                         "'asc' or 'desc'", str(error))

    def test_unknown_marker_is_not_found(self):
        self.assertRaises(exception.AuditNotFound, self.dbapi.list,
                          self.context, 'audit', limit=2,
                          marker=uuidutils.generate_uuid())

    def test_soft_deleted_marker_needs_show_deleted(self):
        self.dbapi.soft_delete('audit', self.audits[1].id)
        self.assertRaises(exception.AuditNotFound, self.dbapi.list,
                          self.context, 'audit',
                          marker=self.audits[1].uuid)
        rows = self.dbapi.list(self.deleted_context, 'audit',
                               marker=self.audits[1].uuid)
        self.assertEqual(['e', 'b', 'd'], [row.name for row in rows])

    def test_service_marker_is_the_id(self):
        services = [self.dbapi.create('service', {'name': 'svc',
                                                  'host': 'h%d' % i})
                    for i in range(3)]
        rows = self.dbapi.list(self.context, 'service',
                               marker=services[0].id, limit=1)
        self.assertEqual([services[1].id], _ids(rows))

    def test_negative_limit_is_invalid(self):
        self.assertRaises(exception.Invalid, self.dbapi.list, self.context,
                          'audit', limit=-1)
