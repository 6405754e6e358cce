"""ParsableErrorMiddleware: the error body wrapping clients rely on."""

import json

import testtools
import webob

from watcher.api.middleware import parsable_error


def _app(status, body, content_type='application/json'):
    def app(environ, start_response):
        start_response(status, [('Content-Type', content_type),
                                ('Content-Length', str(len(body))),
                                ('X-Kept', 'yes')])
        return [body]
    return app


class TestParsableErrorMiddleware(testtools.TestCase):

    def _call(self, app, accept=None):
        request = webob.Request.blank('/v1/goals')
        if accept:
            request.headers['Accept'] = accept
        return request.get_response(
            parsable_error.ParsableErrorMiddleware(app))

    def test_success_is_untouched(self):
        response = self._call(_app('200 OK', b'{"goals": []}'))
        self.assertEqual(200, response.status_int)
        self.assertEqual(b'{"goals": []}', response.body)

    def test_error_is_wrapped_as_a_json_string(self):
        inner = b'{"faultcode": "Client", "faultstring": "nope"}'
        response = self._call(_app('404 Not Found', inner))
        self.assertEqual(404, response.status_int)
        self.assertEqual('application/json', response.content_type)
        body = json.loads(response.body)
        self.assertEqual(['error_message'], list(body))
        self.assertEqual('nope',
                         json.loads(body['error_message'])['faultstring'])
        self.assertEqual(str(len(response.body)),
                         response.headers['Content-Length'])
        self.assertEqual('yes', response.headers['X-Kept'])

    def test_plain_text_error_is_wrapped_too(self):
        response = self._call(_app('405 Method Not Allowed', b'no way',
                                   'text/plain'))
        self.assertEqual({'error_message': 'no way'},
                         json.loads(response.body))

    def test_xml_client_gets_xml(self):
        response = self._call(_app('400 Bad Request', b'bad <input>'),
                              accept='application/xml')
        self.assertEqual('application/xml', response.content_type)
        self.assertEqual(b'<error_message>bad &lt;input&gt;</error_message>',
                         response.body)

    def test_json_preferred_when_both_are_acceptable(self):
        response = self._call(_app('400 Bad Request', b'x'),
                              accept='application/json, application/xml')
        self.assertEqual('application/json', response.content_type)

    def test_invalid_status_is_refused(self):
        self.assertRaises(Exception, self._call, _app('abc', b''))
