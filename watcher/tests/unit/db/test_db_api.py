"""``watcher.db.api``: the facade and the start-up connection check."""
from oslo_db.sqlalchemy import enginefacade
import testtools

from watcher.common import exception
from watcher import conf
from watcher.db import api as db_api
from watcher.db.sqlalchemy import api as sqla_api
from watcher.tests import db_fixture

CONF = conf.CONF
# Nothing listens on port 1: the connection is refused at once.
UNREACHABLE = 'mysql+pymysql://watcher:s3cret@127.0.0.1:1/watcher'


class TestFacade(testtools.TestCase):

    def test_get_instance_is_one_generic_connection(self):
        self.assertIs(db_api.get_instance(), db_api.get_instance())
        self.assertIsInstance(db_api.get_instance(), sqla_api.Connection)

    def test_check_connection_passes_on_a_working_database(self):
        self.useFixture(db_fixture.Database())
        db_api.check_connection()


class TestUnreachableDatabase(testtools.TestCase):
    """[database] points at a server that is down."""

    def setUp(self):
        super().setUp()
        for name, value in (('connection', UNREACHABLE), ('max_retries', 2),
                            ('retry_interval', 0)):
            CONF.set_override(name, value, group='database')
            self.addCleanup(CONF.clear_override, name, group='database')
        # A fresh facade reads the overrides when it starts.
        self.addCleanup(sqla_api.main_context_manager.patch_factory(
            enginefacade.transaction_context()))

    def test_check_connection_gives_one_clear_line(self):
        error = self.assertRaises(exception.DatabaseUnavailable,
                                  db_api.check_connection)
        message = str(error)
        self.assertEqual(1, len(message.splitlines()))
        self.assertIn('cannot connect to mysql+pymysql://watcher:***@'
                      '127.0.0.1:1/watcher after 2 attempt(s)', message)
        self.assertIn('Connection refused', message)
        self.assertNotIn('s3cret', message)
        self.assertEqual(503, error.code)

    def test_exit_unless_reachable_exits_with_the_message(self):
        error = self.assertRaises(SystemExit, db_api.exit_unless_reachable,
                                  'watcher-applier')
        self.assertTrue(str(error.code).startswith(
            'watcher-applier: The database is unavailable: cannot connect'))

    def test_api_calls_raise_database_unavailable(self):
        error = self.assertRaises(exception.DatabaseUnavailable,
                                  db_api.get_instance().list, None, 'goal')
        self.assertIn("Can't connect", str(error))
