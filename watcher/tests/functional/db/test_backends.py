"""Migrations and the generic DB API on SQLite, MariaDB and PostgreSQL.

MariaDB and PostgreSQL run as the private servers of ``tools/db.sh``;
each test works in its own scratch database.
"""
import threading

from oslo_utils import timeutils
import sqlalchemy as sa
import testtools

from watcher.common import context as watcher_context
from watcher.common import exception
from watcher.db import api as db_api
from watcher.db import purge
from watcher.db.sqlalchemy import migration
from watcher.tests import db_fixture
from watcher.tests.functional.db import backends
from watcher.tests.unit.db import schema_utils
from watcher.tests.unit.db import test_migrations

CHAIN = test_migrations.CHAIN


class _BackendTests:
    backend = None

    def setUp(self):
        super().setUp()
        backends.require_server(self, self.backend)
        self.engine = self.useFixture(
            backends.ScratchDatabase(self.backend)).engine

    def _table_names(self):
        return sorted(sa.inspect(self.engine).get_table_names())

    def test_every_revision_goes_down_and_up(self):
        for revision in CHAIN:
            migration.upgrade(revision, engine=self.engine)
            before = schema_utils.reflect_schema(self.engine)
            migration.downgrade(engine=self.engine)  # one step down
            migration.upgrade(revision, engine=self.engine)
            self.assertEqual(before, schema_utils.reflect_schema(self.engine),
                             'revision %s' % revision)
        migration.downgrade('base', engine=self.engine)
        self.assertEqual(['alembic_version'], self._table_names())
        migration.upgrade(engine=self.engine)
        self.assertEqual(CHAIN[-1], migration.version(self.engine))

    def test_upgrade_builds_the_same_schema_as_create_schema(self):
        migration.upgrade(engine=self.engine)
        created = self.useFixture(
            backends.ScratchDatabase(self.backend)).engine
        migration.create_schema(engine=created)
        self.assertEqual(schema_utils.reflect_schema(created),
                         schema_utils.reflect_schema(self.engine))
        self.assertEqual([], schema_utils.metadata_diff(self.engine))


class _ApiTests:
    """The generic Connection on a schema built by the migrations."""

    backend = None

    def setUp(self):
        super().setUp()
        backends.require_server(self, self.backend)
        engine = self.useFixture(
            backends.ScratchDatabase(self.backend)).engine
        migration.upgrade(engine=engine)
        self.useFixture(db_fixture.Database(engine=engine))
        self.dbapi = db_api.get_instance()
        self.context = watcher_context.make_context(is_admin=True)
        self.goal = self.dbapi.create('goal', {
            'name': 'Dummy', 'display_name': 'Dummy goal',
            'efficacy_specification': [{'name': 'ratio'}]})
        self.strategy = self.dbapi.create('strategy', {
            'name': 'dummy', 'display_name': 'Dummy', 'goal_id': self.goal.id,
            'parameters_spec': {'properties': {}}})

    def _audit(self, name, **values):
        return self.dbapi.create('audit', dict({
            'name': name, 'goal_id': self.goal.id, 'audit_type': 'ONESHOT',
            'strategy_id': self.strategy.id, 'state': 'PENDING'}, **values))

    def test_names_are_case_insensitive(self):
        self.assertEqual(self.goal.id, self.dbapi.get(
            self.context, 'goal', name='DUMMY').id)
        strategies = self.dbapi.list(self.context, 'strategy',
                                     filters={'goal_name': 'dummy'})
        self.assertEqual([self.strategy.id], [row.id for row in strategies])
        self._audit('Nightly')
        self.assertRaises(exception.AuditAlreadyExists, self._audit,
                          'NIGHTLY')

    def test_soft_delete_frees_the_name(self):
        first = self._audit('weekly')
        self.dbapi.soft_delete('audit', first.uuid)
        second = self._audit('weekly')
        self.assertNotEqual(first.id, second.id)

    def test_json_and_unicode_round_trip(self):
        audit = self._audit('unicode', parameters={'note': 'héllo ✓'},
                            scope=[{'compute': []}])
        loaded = self.dbapi.get(self.context, 'audit', uuid=audit.uuid,
                                eager=True)
        self.assertEqual({'note': 'héllo ✓'}, loaded.parameters)
        self.assertEqual('Dummy', loaded.goal.name)

    def test_pagination_by_name(self):
        for name in ('c', 'a', 'b'):
            self._audit(name)
        first = self.dbapi.list(self.context, 'audit', limit=2,
                                sort_key='name')
        rest = self.dbapi.list(self.context, 'audit', limit=2,
                               sort_key='name', marker=first[-1].uuid)
        self.assertEqual(['a', 'b', 'c'],
                         [row.name for row in first + rest])

    def test_only_one_of_concurrent_claims_wins(self):
        audit = self._audit('claimed')
        winners = []
        losers = []
        barrier = threading.Barrier(5)

        def claim(host):
            barrier.wait()
            try:
                self.dbapi.update('audit', audit.uuid,
                                  {'state': 'ONGOING', 'hostname': host},
                                  expected={'state': 'PENDING',
                                            'hostname': None})
                winners.append(host)
            except exception.Conflict:
                losers.append(host)

        threads = [threading.Thread(target=claim, args=('de-%d' % i,))
                   for i in range(5)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        self.assertEqual(1, len(winners), (winners, losers))
        self.assertEqual(4, len(losers))
        self.assertEqual(winners[0], self.dbapi.get(
            self.context, 'audit', uuid=audit.uuid).hostname)

    def test_create_many_returns_rows_in_order_with_their_defaults(self):
        audit = self._audit('many')
        plan = self.dbapi.create('action_plan', {
            'audit_id': audit.id, 'strategy_id': self.strategy.id})
        values = [{'action_plan_id': plan.id, 'action_type': 'migrate',
                   'state': 'PENDING', 'parents': ['p-%d' % i] if i else [],
                   'input_parameters': {'resource_id': 'vm-%03d' % i}}
                  for i in range(250)]
        rows = self.dbapi.create_many('action', values)
        self.assertEqual(['vm-%03d' % i for i in range(250)],
                         [row.input_parameters['resource_id']
                          for row in rows])
        self.assertEqual(250, len({row.id for row in rows}))
        self.assertTrue(all(row.uuid and row.created_at and
                            row.deleted == 0 for row in rows))
        stored = self.dbapi.list(self.context, 'action',
                                 filters={'action_plan_uuid': plan.uuid},
                                 sort_key='id')
        self.assertEqual([row.uuid for row in rows],
                         [row.uuid for row in stored])
        self.assertEqual(['p-1'], stored[1].parents)

    def test_create_many_is_all_or_nothing(self):
        audit = self._audit('atomic')
        plan = self.dbapi.create('action_plan', {
            'audit_id': audit.id, 'strategy_id': self.strategy.id})
        taken = self.dbapi.create('action', {
            'action_plan_id': plan.id, 'action_type': 'nop'})
        values = [{'action_plan_id': plan.id, 'action_type': 'nop'},
                  {'action_plan_id': plan.id, 'action_type': 'nop',
                   'uuid': taken.uuid}]
        self.assertRaises(exception.ActionAlreadyExists,
                          self.dbapi.create_many, 'action', values)
        self.assertEqual([taken.uuid], [row.uuid for row in self.dbapi.list(
            self.context, 'action', filters={'action_plan_uuid': plan.uuid})])

    def test_destroy_refused_while_referenced(self):
        audit = self._audit('referenced')
        self.dbapi.create('action_plan', {
            'audit_id': audit.id, 'strategy_id': self.strategy.id,
            'state': 'RECOMMENDED'})
        self.assertRaises(exception.AuditReferenced, self.dbapi.destroy,
                          'audit', audit.uuid)

    def test_purge_deletes_a_whole_tree_in_dependency_order(self):
        audit = self._audit('old')
        plan = self.dbapi.create('action_plan', {
            'audit_id': audit.id, 'strategy_id': self.strategy.id})
        action = self.dbapi.create('action', {
            'action_plan_id': plan.id, 'action_type': 'nop'})
        indicator = self.dbapi.create('efficacy_indicator', {
            'action_plan_id': plan.id, 'name': 'ratio', 'value': 1.5})
        for resource, row in (('efficacy_indicator', indicator),
                              ('action', action), ('action_plan', plan),
                              ('audit', audit), ('strategy', self.strategy),
                              ('goal', self.goal)):
            self.dbapi.soft_delete(resource, row.id)
        selection = purge.PurgeCommand(ask=lambda question: 'y',
                                       out=lambda text: None,
                                       now=timeutils.utcnow()).execute()
        self.assertEqual(6, purge.count(selection))
        deleted_context = watcher_context.make_context(show_deleted=True)
        for resource in ('goal', 'strategy', 'audit', 'action_plan',
                         'action', 'efficacy_indicator'):
            self.assertEqual([], self.dbapi.list(deleted_context, resource))


class _StrictBackendApiTests(_ApiTests):
    """Checks only a server database can make (SQLite has no lengths and
    no foreign keys by default)."""

    def test_too_long_value_is_invalid(self):
        self.assertRaises(exception.Invalid, self._audit, 'x' * 64)

    def test_missing_parent_is_invalid(self):
        self.assertRaises(exception.Invalid, self.dbapi.create, 'strategy',
                          {'name': 'orphan', 'display_name': 'Orphan',
                           'goal_id': 999})


class TestSQLiteMigrations(_BackendTests, testtools.TestCase):
    backend = 'sqlite'


class TestMySQLMigrations(_BackendTests, testtools.TestCase):
    backend = 'mysql'


class TestPostgreSQLMigrations(_BackendTests, testtools.TestCase):
    backend = 'postgresql'


class TestSQLiteApi(_ApiTests, testtools.TestCase):
    backend = 'sqlite'


class TestMySQLApi(_StrictBackendApiTests, testtools.TestCase):
    backend = 'mysql'


class TestPostgreSQLApi(_StrictBackendApiTests, testtools.TestCase):
    backend = 'postgresql'
