"""Alembic migrations on SQLite: chain, round trip, data migrations and
``upgrade`` == ``create_schema``. The per-revision down/up walk runs in
watcher/tests/functional/db (SQLite, MariaDB, PostgreSQL)."""
import os

from alembic import migration as alembic_migration
from alembic import operations
from alembic import script as alembic_script
import fixtures
from oslo_db import exception as db_exc
from oslo_db.sqlalchemy import engines
import sqlalchemy as sa
import testtools

from watcher.db.sqlalchemy import migration
from watcher.tests.unit.db import schema_utils

CHAIN = ['001', '0f6042416884', 'd098df6021e2', 'd09a5945e4a0',
         '3cfc94cecf4e', 'a86240e89a29', '52804f2498c4', '4b16194c56bc',
         '609bec748f2a', '15f7375ca737', '7150a7d8f228', 'f56ba02662b4',
         'c2d1e8b6a0f4']


def _chain():
    scripts = alembic_script.ScriptDirectory.from_config(migration._config())
    return [rev.revision for rev in reversed(list(
        scripts.walk_revisions()))]


class MigrationTestCase(testtools.TestCase):
    """A fresh SQLite file database per test."""

    def setUp(self):
        super().setUp()
        self.engine = self.new_engine('watcher.sqlite')

    def new_engine(self, name):
        path = os.path.join(self.useFixture(fixtures.TempDir()).path, name)
        engine = engines.create_engine('sqlite:///' + path, max_retries=0)
        self.addCleanup(engine.dispose)
        return engine

    def execute(self, sql, **params):
        with self.engine.begin() as connection:
            return connection.execute(sa.text(sql), params).fetchall() \
                if sql.lstrip().upper().startswith('SELECT') else \
                connection.execute(sa.text(sql), params)

    def insert_goal_and_strategy(self):
        self.execute(
            "INSERT INTO goals (id, uuid, name, display_name, "
            "efficacy_specification, deleted) VALUES "
            "(1, 'g-uuid', 'dummy', 'Dummy', '[]', 0)")
        self.execute(
            "INSERT INTO strategies (id, uuid, name, display_name, goal_id, "
            "deleted) VALUES (1, 's-uuid', 'basic', 'Basic', 1, 0)")

    def insert_audit(self, row_id, **columns):
        values = dict({'id': row_id, 'uuid': 'a-%d' % row_id, 'goal_id': 1,
                       'auto_trigger': False, 'deleted': 0}, **columns)
        names = ', '.join('"%s"' % name for name in values)
        params = ', '.join(':%s' % name for name in values)
        self.execute('INSERT INTO audits (%s) VALUES (%s)' % (names, params),
                     **values)


class TestChain(MigrationTestCase):

    def test_revision_chain_is_the_reference_one_plus_ours(self):
        self.assertEqual(CHAIN, _chain())
        self.assertEqual(CHAIN[-1], migration.head())

    def test_upgrade_base_upgrade(self):
        self.assertIsNone(migration.version(self.engine))
        migration.upgrade(engine=self.engine)
        self.assertEqual(CHAIN[-1], migration.version(self.engine))
        migration.downgrade('base', engine=self.engine)
        self.assertIsNone(migration.version(self.engine))
        self.assertEqual(['alembic_version'],
                         sa.inspect(self.engine).get_table_names())
        migration.upgrade('head', engine=self.engine)
        self.assertEqual(CHAIN[-1], migration.version(self.engine))

    def test_upgrade_builds_the_same_schema_as_create_schema(self):
        migration.upgrade(engine=self.engine)
        created = self.new_engine('created.sqlite')
        migration.create_schema(engine=created)
        self.assertEqual(CHAIN[-1], migration.version(created))
        self.assertEqual(schema_utils.reflect_schema(created),
                         schema_utils.reflect_schema(self.engine))
        self.assertEqual([], schema_utils.metadata_diff(self.engine))
        unique = dict(schema_utils.reflect_schema(self.engine)['audits'][
            'unique'])
        self.assertEqual(('name', 'deleted'), unique['uniq_audits0name'])

    def test_create_schema_refuses_a_versioned_database(self):
        migration.upgrade('001', engine=self.engine)
        self.assertRaises(db_exc.DBMigrationError, migration.create_schema,
                          engine=self.engine)

    def test_stamp(self):
        migration.stamp('f56ba02662b4', engine=self.engine)
        self.assertEqual('f56ba02662b4', migration.version(self.engine))


class TestDataMigrations(MigrationTestCase):

    def test_interval_becomes_text_and_back(self):
        migration.upgrade('0f6042416884', engine=self.engine)
        self.insert_goal_and_strategy()
        self.insert_audit(1, interval=3600)
        migration.upgrade('d098df6021e2', engine=self.engine)
        self.assertEqual([('3600',)], self.execute(
            'SELECT "interval" FROM audits'))
        self.insert_audit(2, interval='*/5 * * * *')
        migration.downgrade('0f6042416884', engine=self.engine)
        self.assertEqual([(1, 3600), (2, None)], self.execute(
            'SELECT id, "interval" FROM audits ORDER BY id'))

    def test_unnamed_audits_get_a_name(self):
        migration.upgrade('3cfc94cecf4e', engine=self.engine)
        self.insert_goal_and_strategy()
        self.insert_audit(1, strategy_id=1,
                          created_at='2017-01-02 03:04:05')
        self.insert_audit(2, created_at='2017-01-02 03:04:06')
        self.insert_audit(3, name='kept')
        migration.upgrade('a86240e89a29', engine=self.engine)
        self.assertEqual(
            [('basic-2017-01-02 03:04:05',), ('dummy-2017-01-02 03:04:06',),
             ('kept',)],
            self.execute('SELECT name FROM audits ORDER BY id'))

    def test_schema_fixes_rename_duplicates_and_fill_force(self):
        migration.upgrade('f56ba02662b4', engine=self.engine)
        self.insert_goal_and_strategy()
        self.insert_audit(1, name='nightly')
        self.insert_audit(2, name='nightly', force=True)
        self.insert_audit(3, name='nightly', deleted=3)  # soft-deleted
        migration.upgrade('c2d1e8b6a0f4', engine=self.engine)
        self.assertEqual(
            [(1, 'nightly', 0), (2, 'nightly-2', 1), (3, 'nightly', 0)],
            [(row_id, name, int(force)) for row_id, name, force in
             self.execute('SELECT id, name, "force" FROM audits '
                          'ORDER BY id')])
        columns = {column['name']: column for column in
                   sa.inspect(self.engine).get_columns('audits')}
        self.assertFalse(columns['force']['nullable'])
        self.assertRaises(db_exc.DBDuplicateEntry, self.insert_audit, 4,
                          name='nightly', force=False)
        migration.downgrade('f56ba02662b4', engine=self.engine)
        self.insert_audit(4, name='nightly')  # no constraint any more

    def test_schema_fixes_turn_a_reference_integer_interval_to_text(self):
        migration.upgrade('f56ba02662b4', engine=self.engine)
        # The reference's d098df6021e2 left the column INTEGER.
        self._retype_interval_to_integer()
        self.insert_goal_and_strategy()
        self.insert_audit(1, interval=60)
        migration.upgrade(engine=self.engine)
        interval = [column for column in
                    sa.inspect(self.engine).get_columns('audits')
                    if column['name'] == 'interval'][0]
        self.assertIsInstance(interval['type'], sa.String)
        self.assertEqual([('60',)], self.execute(
            'SELECT "interval" FROM audits'))

    def _retype_interval_to_integer(self):
        with self.engine.begin() as connection:
            context = alembic_migration.MigrationContext.configure(
                connection)
            ops = operations.Operations(context)
            with ops.batch_alter_table('audits') as batch:
                batch.alter_column('interval', existing_type=sa.String(36),
                                   type_=sa.Integer())
