"""The broker fixture skips locally but fails under CI when RabbitMQ is
missing."""
import unittest

import fixtures
import testtools

from watcher.tests.functional.fixtures import rabbitmq


class TestBrokerUnavailable(testtools.TestCase):

    def test_skip_outside_ci(self):
        self.useFixture(fixtures.EnvironmentVariable('CI', None))
        self.assertRaises(unittest.SkipTest, rabbitmq._unavailable, 'gone')

    def test_failure_under_ci(self):
        self.useFixture(fixtures.EnvironmentVariable('CI', 'true'))
        error = self.assertRaises(RuntimeError, rabbitmq._unavailable,
                                  'gone')
        self.assertIn('RabbitMQ is required under CI=true: gone', str(error))
