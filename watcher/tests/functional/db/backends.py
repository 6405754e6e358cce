"""Scratch databases on SQLite, MariaDB and PostgreSQL for functional tests.

MariaDB and PostgreSQL are the private servers of ``tools/db.sh`` (started
on demand and left running; ``tools/db.sh stop`` stops them). When the
Debian package of a server is missing the test is skipped, or fails with
a clear message when ``CI=true``.
"""
import glob
import itertools
import os
import shutil
import subprocess

import fixtures
from oslo_db.sqlalchemy import engines
import sqlalchemy as sa

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__))))))
DB_SH = os.path.join(REPO, 'tools', 'db.sh')

_COUNTER = itertools.count()

PACKAGES = {'mysql': 'mariadb-server', 'postgresql': 'postgresql'}


def installed(backend):
    if backend == 'mysql':
        return bool((shutil.which('mariadbd') or
                     os.path.exists('/usr/sbin/mariadbd')) and
                    shutil.which('mariadb-install-db'))
    return bool(glob.glob('/usr/lib/postgresql/*/bin/postgres'))


def in_ci():
    return os.environ.get('CI', '').lower() == 'true'


def server_url(backend):
    """URL of the ``watcher`` database of a started server."""
    return subprocess.run([DB_SH, 'url', backend], check=True,
                          capture_output=True, text=True).stdout.strip()


def require_server(test, backend):
    """Start the private server of ``backend`` for ``test``; skip (fail
    under CI) when it is not installed. Call it from ``setUp`` itself:
    a skip raised inside a fixture would be reported as an error."""
    if backend == 'sqlite':
        return
    if not installed(backend):
        message = ('%s is not installed: install the Debian package %s '
                   '(as root, "tools/db.sh start %s" does it)' % (
                       backend, PACKAGES[backend], backend))
        if in_ci():
            test.fail(message)
        test.skipTest(message)
    result = subprocess.run([DB_SH, 'start', backend], capture_output=True,
                            text=True, timeout=600)
    if result.returncode:
        test.fail('tools/db.sh start %s failed:\n%s%s' % (
            backend, result.stdout, result.stderr))


class ScratchDatabase(fixtures.Fixture):
    """An empty database, dropped afterwards; ``self.engine`` uses it.
    The server must be running (``require_server``)."""

    def __init__(self, backend):
        super().__init__()
        self.backend = backend

    def _setUp(self):
        if self.backend == 'sqlite':
            path = os.path.join(self.useFixture(fixtures.TempDir()).path,
                                'watcher.sqlite')
            self.url = 'sqlite:///' + path
        else:
            self.url = self._create_database()
        self.engine = engines.create_engine(
            self.url, max_retries=0, mysql_sql_mode='TRADITIONAL')
        self.addCleanup(self.engine.dispose)

    def _create_database(self):
        name = 'watcher_ft_%d_%d' % (os.getpid(), next(_COUNTER))
        base_url = sa.engine.make_url(server_url(self.backend))
        if self.backend == 'mysql':
            admin_url = base_url
            create = ['CREATE DATABASE %s CHARACTER SET utf8mb4' % name]
        else:
            admin_url = base_url.set(username='postgres', password=None,
                                     database='postgres')
            create = ['CREATE DATABASE %s OWNER os' % name]
        admin = sa.create_engine(admin_url, isolation_level='AUTOCOMMIT')
        self.addCleanup(admin.dispose)
        with admin.connect() as connection:
            connection.execute(sa.text('DROP DATABASE IF EXISTS %s' % name))
            for statement in create:
                connection.execute(sa.text(statement))
        self.addCleanup(self._drop, admin, name)
        return base_url.set(database=name).render_as_string(
            hide_password=False)

    def _drop(self, admin, name):
        self.engine.dispose()
        with admin.connect() as connection:
            connection.execute(sa.text('DROP DATABASE IF EXISTS %s' % name))
