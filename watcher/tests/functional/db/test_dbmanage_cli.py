"""``watcher-db-manage`` as an operator runs it (a real process)."""
import os
import subprocess
import sys

import fixtures
from oslo_db.sqlalchemy import engines
import sqlalchemy as sa
import testtools

from watcher.db.sqlalchemy import migration
from watcher.tests.unit.db import test_migrations

HEAD = test_migrations.CHAIN[-1]


class TestDbManage(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.tmp = self.useFixture(fixtures.TempDir()).path
        self.db_path = os.path.join(self.tmp, 'watcher.sqlite')
        self.conf = os.path.join(self.tmp, 'watcher.conf')
        with open(self.conf, 'w') as conf_file:
            conf_file.write('[DEFAULT]\nstate_path = %s\n'
                            '[database]\nconnection = sqlite:///%s\n'
                            % (self.tmp, self.db_path))

    def run_cli(self, *args, stdin='', env=None):
        environ = dict(os.environ, **(env or {}))
        return subprocess.run(
            [sys.executable, '-m', 'watcher.cmd.dbmanage',
             '--config-file', self.conf] + list(args),
            input=stdin, capture_output=True, text=True, env=environ,
            timeout=120)

    def engine(self, path=None):
        engine = engines.create_engine('sqlite:///' + (path or self.db_path),
                                       max_retries=0)
        self.addCleanup(engine.dispose)
        return engine

    def assertSucceeded(self, result):
        self.assertEqual(0, result.returncode, result.stderr)

    def test_no_subcommand_upgrades_then_version_prints_head(self):
        self.assertSucceeded(self.run_cli())
        result = self.run_cli('version')
        self.assertSucceeded(result)
        self.assertEqual(HEAD, result.stdout.strip().splitlines()[-1])

    def test_downgrade_upgrade_and_stamp(self):
        self.assertSucceeded(self.run_cli('upgrade'))
        self.assertSucceeded(self.run_cli('downgrade', '--revision', '001'))
        self.assertEqual('001', migration.version(self.engine()))
        self.assertSucceeded(self.run_cli('upgrade', '--revision',
                                          'd098df6021e2'))
        self.assertEqual('d098df6021e2', migration.version(self.engine()))
        self.assertSucceeded(self.run_cli('stamp', '001'))
        self.assertEqual('001', migration.version(self.engine()))

    def test_unknown_revision_is_a_one_line_error(self):
        result = self.run_cli('stamp', 'nosuchrev')
        self.assertEqual(1, result.returncode)
        self.assertNotIn('Traceback', result.stderr)
        self.assertIn("watcher-db-manage: Can't locate revision identified "
                      "by 'nosuchrev'", result.stderr)

    def test_create_schema_with_environment_override(self):
        other = os.path.join(self.tmp, 'other.sqlite')
        result = self.run_cli('create_schema', env={
            'OS_DATABASE__CONNECTION': 'sqlite:///' + other})
        self.assertSucceeded(result)
        self.assertEqual(HEAD, migration.version(self.engine(other)))
        self.assertFalse(os.path.exists(self.db_path))
        result = self.run_cli('create_schema', env={
            'OS_DATABASE__CONNECTION': 'sqlite:///' + other})
        self.assertEqual(1, result.returncode)
        self.assertIn('use "watcher-db-manage upgrade"', result.stderr)

    def test_unreachable_database_fails_with_one_line(self):
        result = self.run_cli('version', env={
            'OS_DATABASE__CONNECTION':
                'mysql+pymysql://os:ospass@127.0.0.1:1/watcher',
            'OS_DATABASE__MAX_RETRIES': '2',
            'OS_DATABASE__RETRY_INTERVAL': '0'})
        self.assertEqual(1, result.returncode)
        self.assertNotIn('Traceback', result.stderr)
        self.assertIn('watcher-db-manage: cannot connect to the database: ',
                      result.stderr)

    def test_purge(self):
        self.assertSucceeded(self.run_cli())
        engine = self.engine()
        with engine.begin() as connection:
            connection.execute(sa.text(
                "INSERT INTO goals (id, uuid, name, display_name, "
                "efficacy_specification, deleted, deleted_at) VALUES "
                "(1, 'u1', 'gone', 'Gone', '[]', 1, '2020-01-01'), "
                "(2, 'u2', 'kept', 'Kept', '[]', 0, NULL)"))

        def goal_ids():
            with engine.connect() as connection:
                return [row[0] for row in connection.execute(
                    sa.text('SELECT id FROM goals ORDER BY id'))]

        result = self.run_cli('purge', '--dry-run')
        self.assertSucceeded(result)
        self.assertIn('objects that can be purged (may include orphans)',
                      result.stdout)
        self.assertIn('|   1   |', result.stdout)
        self.assertEqual([1, 2], goal_ids())

        result = self.run_cli('purge', '-d', '1', stdin='n\n')
        self.assertSucceeded(result)
        self.assertIn('Nothing was deleted.', result.stdout)
        self.assertEqual([1, 2], goal_ids())

        result = self.run_cli('purge', '--age-in-days', '1',
                              '--exclude-orphans', stdin='y\n')
        self.assertSucceeded(result)
        self.assertIn('Purge results summary (orphans excluded):',
                      result.stdout)
        self.assertEqual([2], goal_ids())

        result = self.run_cli('purge', '-n', '0')
        self.assertEqual(1, result.returncode)
        self.assertIn('--max-number must be a positive integer',
                      result.stderr)
