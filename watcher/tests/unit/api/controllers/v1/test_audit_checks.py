"""Interval and datetime checks of audits."""

import datetime

import testtools

from watcher.api.controllers.v1 import audit_checks
from watcher.common import exception


class TestInterval(testtools.TestCase):

    def test_seconds(self):
        self.assertEqual('7200', audit_checks.validate_interval('7200'))
        self.assertEqual('60', audit_checks.validate_interval(60))

    def test_cron_is_kept_as_given(self):
        for cron in ('*/5 * * * *', '0 9 * * *', '30 */2 * * *'):
            self.assertEqual(cron, audit_checks.validate_interval(cron))

    def test_invalid_cron_is_a_400(self):
        error = self.assertRaises(exception.InvalidCronFormat,
                                  audit_checks.validate_interval,
                                  '*/5 * * *')
        self.assertEqual(400, error.code)
        self.assertIn('Provided cron is invalid: ', str(error))

    def test_non_positive_seconds(self):
        self.assertRaises(exception.InvalidIntervalOrCron,
                          audit_checks.validate_interval, '0')
        self.assertRaises(exception.InvalidIntervalOrCron,
                          audit_checks.validate_interval, '-5')

    def test_wrong_type(self):
        self.assertRaises(exception.InvalidIntervalOrCron,
                          audit_checks.validate_interval, True)
        self.assertRaises(exception.InvalidIntervalOrCron,
                          audit_checks.validate_interval, [1])

    def test_none(self):
        self.assertIsNone(audit_checks.validate_interval(None))


class TestDatetimes(testtools.TestCase):

    def test_offset_is_converted_to_naive_utc(self):
        self.assertEqual(
            datetime.datetime(2026, 1, 1, 10, 0),
            audit_checks.parse_datetime('2026-01-01T12:00:00+02:00'))

    def test_z_suffix(self):
        self.assertEqual(datetime.datetime(2026, 1, 1, 10, 0),
                         audit_checks.parse_datetime('2026-01-01T10:00:00Z'))

    def test_not_a_datetime(self):
        self.assertRaises(exception.Invalid, audit_checks.parse_datetime,
                          'tomorrow at noon')

    def test_none(self):
        self.assertIsNone(audit_checks.to_utc_naive(None))
