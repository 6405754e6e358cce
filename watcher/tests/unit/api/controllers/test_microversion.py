"""Resolution of OpenStack-API-Version headers (contract section 2.1)."""

import testtools
from webob import exc

from watcher.api.controllers import microversion


def _parse(value=None):
    headers = {}
    if value is not None:
        headers['OpenStack-API-Version'] = value
    return microversion.parse_headers(headers).as_tuple()


class TestParseHeaders(testtools.TestCase):

    def test_absent_is_minimum(self):
        self.assertEqual((1, 0), _parse())

    def test_other_service_only_is_minimum(self):
        self.assertEqual((1, 0), _parse('compute 2.10'))

    def test_latest_is_maximum(self):
        self.assertEqual((1, 7), _parse('infra-optim latest'))

    def test_bare_one(self):
        self.assertEqual((1, 0), _parse('infra-optim 1'))

    def test_explicit(self):
        self.assertEqual((1, 5), _parse('infra-optim 1.5'))

    def test_in_a_list(self):
        self.assertEqual((1, 3), _parse('compute 2.1, infra-optim 1.3'))

    def test_non_integer_falls_back_to_minimum(self):
        self.assertEqual((1, 0), _parse('infra-optim 1.x'))

    def test_single_part_other_than_one(self):
        error = self.assertRaises(exc.HTTPNotAcceptable, _parse,
                                  'infra-optim 10')
        self.assertIn('Invalid value for OpenStack-API-Version header',
                      str(error))
        self.assertNotIn(microversion.MIN_HEADER, error.headers)

    def test_three_parts(self):
        self.assertRaises(exc.HTTPNotAcceptable, _parse,
                          'infra-optim 1.2.3')


class TestCheckSupported(testtools.TestCase):

    def test_supported(self):
        for minor in range(8):
            microversion.check_supported(microversion.Version(1, minor))

    def test_too_high(self):
        error = self.assertRaises(exc.HTTPNotAcceptable,
                                  microversion.check_supported,
                                  microversion.Version(1, 8))
        self.assertIn('Version 1.8 was requested but the minor version is '
                      'not supported by this service. The supported '
                      'version range is: [1.0, 1.7].', str(error))
        self.assertEqual('1.0', error.headers[microversion.MIN_HEADER])
        self.assertEqual('1.7', error.headers[microversion.MAX_HEADER])

    def test_other_major(self):
        error = self.assertRaises(exc.HTTPNotAcceptable,
                                  microversion.check_supported,
                                  microversion.Version(2, 0))
        self.assertIn('Mutually exclusive versions requested. Version 2.0 '
                      'requested but not supported by this service.',
                      str(error))
