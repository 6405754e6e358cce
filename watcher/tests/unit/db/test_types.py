"""The JSON column types bind strictly and take part in statement caching."""
import warnings

import sqlalchemy as sa
import testtools

from watcher.db.sqlalchemy import models
from watcher.db.sqlalchemy import types


class TestJSONTypes(testtools.TestCase):

    def test_every_table_has_cacheable_statements(self):
        # A type without its own cache_ok makes SQLAlchemy warn and compile
        # every statement touching the column again, each time.
        with warnings.catch_warnings():
            warnings.simplefilter('error')
            for table in models.Base.metadata.sorted_tables:
                statement = sa.insert(table).returning(*table.c)
                self.assertIsNotNone(statement._generate_cache_key(),
                                     table.name)

    def test_wrong_container_type_is_refused(self):
        self.assertRaises(TypeError, types.JSONEncodedList()
                          .process_bind_param, {'a': 1}, None)
        self.assertEqual('[]', types.JSONEncodedList()
                         .process_bind_param(None, None))
