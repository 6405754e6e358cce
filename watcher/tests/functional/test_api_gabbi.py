"""Load the API stories (gabbits/*.yaml) as tests.

Each YAML file is one story run in-process against the real WSGI
application (httpx WSGI transport, no network) and a real SQLite database
built by the migrations; see ``fixtures/gabbits.py``.
"""

import os

from gabbi import driver

from watcher.tests.functional.fixtures import gabbits as fixtures

TESTS_DIR = 'gabbits'


def load_tests(loader, tests, pattern):
    """Provide a TestSuite to the discovery process."""
    test_dir = os.path.join(os.path.dirname(__file__), TESTS_DIR)
    return driver.build_tests(test_dir, loader, host=None,
                              test_loader_name=__name__,
                              intercept=fixtures.setup_app,
                              fixture_module=fixtures)
