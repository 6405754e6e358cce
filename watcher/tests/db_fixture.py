"""A real, private database for tests: in-memory SQLite by default.

``Database`` builds the schema from the models and swaps its engine into
the enginefacade of ``watcher.db.sqlalchemy.api``, so every
``watcher.db.api.get_instance()`` call in the test uses it.
"""
import fixtures
from oslo_db.sqlalchemy import engines

from watcher import conf
from watcher.db.sqlalchemy import api as sqla_api
from watcher.db.sqlalchemy import models

CONF = conf.CONF


class Database(fixtures.Fixture):
    """Fresh schema per use; ``self.engine`` is the patched-in engine.

    Given an ``engine`` (e.g. a migrated MariaDB scratch database), it is
    used as it is instead of a new in-memory SQLite one.
    """

    def __init__(self, connection='sqlite://', engine=None):
        super().__init__()
        self.connection = connection
        self.engine = engine

    def _setUp(self):
        # The facade starts (once per process) from [database] connection;
        # never let that touch the default file under state_path.
        CONF.set_override('connection', 'sqlite://', group='database')
        self.addCleanup(CONF.clear_override, 'connection', group='database')
        if self.engine is None:
            self.engine = engines.create_engine(self.connection,
                                                max_retries=0)
            self.addCleanup(self.engine.dispose)
            models.Base.metadata.create_all(self.engine)
        self.addCleanup(sqla_api.main_context_manager.patch_engine(
            self.engine))
