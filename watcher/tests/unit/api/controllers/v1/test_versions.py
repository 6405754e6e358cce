"""The microversion constants."""

import testtools

from watcher.api.controllers.v1 import versions


class TestVersions(testtools.TestCase):

    def test_range(self):
        self.assertEqual('1.0', versions.min_version_string())
        self.assertEqual('1.7', versions.max_version_string())

    def test_one_constant_per_minor_version(self):
        self.assertEqual(list(range(8)),
                         [v.value for v in versions.VERSIONS])
        self.assertEqual('MINOR_7_AUDIT_TEMPLATE_DEFAULT_PARAMS',
                         versions.MINOR_MAX_VERSION.name)
