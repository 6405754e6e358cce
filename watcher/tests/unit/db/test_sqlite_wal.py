"""SQLite database files are used in write-ahead-log mode."""
import os
import sqlite3

import fixtures
import sqlalchemy as sa
import testtools

from watcher.db.sqlalchemy import api  # noqa: F401  (installs the hook)


class TestWriteAheadLog(testtools.TestCase):

    def test_a_file_database_is_switched_to_wal(self):
        folder = self.useFixture(fixtures.TempDir()).path
        path = os.path.join(folder, 'watcher.sqlite')
        engine = sa.create_engine('sqlite:///%s' % path)
        self.addCleanup(engine.dispose)
        with engine.connect() as conn:
            conn.execute(sa.text('CREATE TABLE t (x INTEGER)'))
            conn.commit()
        # WAL is a property of the file: a plain client sees it too.
        with sqlite3.connect(path) as raw:
            self.assertEqual('wal', raw.execute(
                'PRAGMA journal_mode').fetchone()[0])

    def test_a_reader_does_not_hold_back_a_writer(self):
        path = os.path.join(self.useFixture(fixtures.TempDir()).path,
                            'watcher.sqlite')
        engine = sa.create_engine('sqlite:///%s' % path,
                                  connect_args={'timeout': 0.2})
        self.addCleanup(engine.dispose)
        with engine.connect() as writer:
            writer.execute(sa.text('CREATE TABLE t (x INTEGER)'))
            writer.commit()
            with engine.connect() as reader:
                reader.execute(sa.text('BEGIN'))
                reader.execute(sa.text('SELECT count(*) FROM t')).scalar()
                writer.execute(sa.text('INSERT INTO t VALUES (1)'))
                writer.commit()   # "database is locked" in journal mode
                self.assertEqual(0, reader.execute(sa.text(
                    'SELECT count(*) FROM t')).scalar())
