"""``watcher-db-manage purge`` on a real (SQLite) database."""
import datetime

from oslo_utils import timeutils

from watcher.common import exception
from watcher.db import purge
from watcher.db.sqlalchemy import api as sqla_api
from watcher.tests.unit.db import base

NOW = datetime.datetime(2026, 11, 20, 12, 0, 0)


class PurgeTestCase(base.DbTestCase):
    """A goal tree soft-deleted 30 days ago, a live tree, and strays."""

    def setUp(self):
        super().setUp()
        self.output = []
        self.questions = []
        # Soft-deleted tree (goal 'old').
        self.g_old = self.create_goal(name='old')
        self.s_old = self.create_strategy(self.g_old, name='old_s')
        self.a_old = self.create_audit(self.g_old, name='old_a',
                                       strategy=self.s_old)
        self.p_old = self.create_action_plan(self.a_old, self.s_old)
        self.x_old = self.create_action(self.p_old)
        self.e_old = self.create_efficacy_indicator(self.p_old)
        for resource, row in (('efficacy_indicator', self.e_old),
                              ('action', self.x_old),
                              ('action_plan', self.p_old),
                              ('audit', self.a_old),
                              ('strategy', self.s_old),
                              ('goal', self.g_old)):
            self._soft_delete(resource, row, days_ago=30)
        # Live template of the deleted goal: an orphan.
        self.t_orphan = self.create_audit_template(self.g_old, name='t_old')
        # Live tree with one audit soft-deleted yesterday.
        self.g_live = self.create_goal(name='live')
        self.s_live = self.create_strategy(self.g_live, name='live_s')
        self.a_live = self.create_audit(self.g_live, name='live_a',
                                        strategy=self.s_live)
        self.p_live = self.create_action_plan(self.a_live, self.s_live)
        self.x_live = self.create_action(self.p_live)
        self.a_recent = self.create_audit(self.g_live, name='recent_a')
        self._soft_delete('audit', self.a_recent, days_ago=1)

    def _soft_delete(self, resource, row, days_ago):
        self.dbapi.soft_delete(resource, row.id)
        self.dbapi.update(resource, row.id, {
            'deleted_at': NOW - datetime.timedelta(days=days_ago)})

    def _purge(self, answer='y', **kwargs):
        def ask(question):
            self.questions.append(question)
            if isinstance(answer, Exception):
                raise answer
            return answer
        command = purge.PurgeCommand(ask=ask, out=self.output.append,
                                     now=NOW, **kwargs)
        return command.execute()

    def _remaining(self):
        with sqla_api.reader_session() as session:
            rows = purge.load_rows(session)
        return {key: sorted(rows[key]) for key in purge.TABLE_KEYS}

    def _expected_after(self, **removed):
        remaining = self._remaining()
        for key, ids in removed.items():
            remaining[key] = sorted(set(remaining[key]) - set(ids))
        return remaining


class TestPurge(PurgeTestCase):

    def test_dry_run_changes_nothing(self):
        before = self._remaining()
        selection = self._purge(dry_run=True)
        self.assertEqual(before, self._remaining())
        self.assertEqual([], self.questions)
        self.assertEqual({self.g_old.id}, selection['goals'])
        self.assertEqual({self.t_orphan.id}, selection['audit_templates'])
        self.assertEqual({self.a_old.id, self.a_recent.id},
                         selection['audits'])
        self.assertEqual(8, purge.count(selection))
        self.assertIn('(may include orphans)', self.output[0])
        table = self.output[1]
        self.assertIn('| Goals | Strategies | Audit Templates |', table)
        self.assertIn('|   1   |     1      |        1        |', table)

    def test_purge_removes_exactly_the_expected_rows(self):
        expected = self._expected_after(
            goals=[self.g_old.id], strategies=[self.s_old.id],
            audit_templates=[self.t_orphan.id],
            audits=[self.a_old.id, self.a_recent.id],
            action_plans=[self.p_old.id], actions=[self.x_old.id],
            efficacy_indicators=[self.e_old.id])
        selection = self._purge(answer='y')
        self.assertEqual(8, purge.count(selection))
        self.assertEqual(expected, self._remaining())
        self.assertEqual(
            ['There are 8 objects set for deletion. Continue? [y/N] '],
            self.questions)
        self.assertIn('Purge results summary (may include orphans):',
                      self.output)
        # live rows are untouched and still readable
        self.assertEqual(self.x_live.id, self.dbapi.get(
            self.context, 'action', uuid=self.x_live.uuid).id)

    def test_refusal_or_no_terminal_deletes_nothing(self):
        before = self._remaining()
        self._purge(answer='n')
        self.assertEqual(before, self._remaining())
        self._purge(answer=EOFError())
        self.assertEqual(before, self._remaining())
        self.assertIn('Nothing was deleted.', self.output)

    def test_age_in_days_keeps_recent_deletions(self):
        selection = self._purge(dry_run=True, age_in_days=7)
        self.assertEqual({self.a_old.id}, selection['audits'])
        self._purge(age_in_days=7)
        self.assertEqual([self.a_recent.id], [
            row.id for row in self.dbapi.list(
                self.deleted_context, 'audit', filters={'deleted': True})])

    def test_exclude_orphans_keeps_orphans_and_their_parents(self):
        selection = self._purge(dry_run=True, exclude_orphans=True)
        self.assertEqual(set(), selection['audit_templates'])
        # the live orphan template still points at the old goal
        self.assertEqual(set(), selection['goals'])
        self.assertEqual({self.s_old.id}, selection['strategies'])
        self.assertIn('(orphans excluded)', self.output[0])

    def test_orphans_cascade_to_live_children(self):
        # A live plan of the soft-deleted recent audit and its action.
        plan = self.create_action_plan(self.a_recent, self.s_live)
        action = self.create_action(plan)
        selection = self._purge(dry_run=True)
        self.assertIn(plan.id, selection['action_plans'])
        self.assertIn(action.id, selection['actions'])


class TestPurgeGoalFilter(PurgeTestCase):

    def test_goal_by_name_or_uuid_selects_its_tree(self):
        for goal in ('OLD', self.g_old.uuid):
            selection = self._purge(dry_run=True, goal=goal)
            self.assertEqual({self.g_old.id}, selection['goals'])
            # orphans are added whatever the goal (unless excluded)
            self.assertEqual({self.t_orphan.id},
                             selection['audit_templates'])
            self.assertEqual({self.a_old.id}, selection['audits'])
            self.assertEqual({self.x_old.id}, selection['actions'])

    def test_live_goal_is_refused(self):
        self.assertRaises(exception.NotSoftDeletedStateError, self._purge,
                          dry_run=True, goal='live')

    def test_unknown_goal_is_refused(self):
        self.assertRaises(exception.GoalNotFound, self._purge,
                          dry_run=True, goal='nope')


class TestPurgeMaxNumber(PurgeTestCase):

    def test_above_max_number_asks_then_purges_whole_goal_groups(self):
        # groups: old goal (7 rows incl. orphan template), live goal (1)
        selection = self._purge(max_number=7, answer='y')
        self.assertIn('exceeds the maximum number of objects (7)',
                      ' '.join(self.output))
        self.assertEqual(2, len(self.questions))
        self.assertEqual(7, purge.count(selection))
        self.assertEqual(set(), selection['audits'] - {self.a_old.id})
        self.assertEqual([self.a_live.id, self.a_recent.id],
                         self._remaining()['audits'])

    def test_above_max_number_refused_deletes_nothing(self):
        before = self._remaining()
        selection = self._purge(max_number=3, answer='n')
        self.assertEqual(0, purge.count(selection))
        self.assertEqual(before, self._remaining())

    def test_group_that_does_not_fit_is_not_split(self):
        selection = self._purge(max_number=6, answer='y', dry_run=True)
        self.assertEqual(0, purge.count(selection))

    def test_bad_numbers_are_invalid(self):
        self.assertRaises(exception.Invalid, purge.PurgeCommand,
                          max_number=0)
        self.assertRaises(exception.Invalid, purge.PurgeCommand,
                          age_in_days=-1)


class TestPurgeNoData(base.DbTestCase):

    def test_empty_database(self):
        output = []
        selection = purge.PurgeCommand(out=output.append,
                                       now=timeutils.utcnow()).execute()
        self.assertEqual(0, purge.count(selection))
        self.assertIn('|   0   |', output[-1])
