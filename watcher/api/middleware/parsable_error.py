"""Wrap every error body into ``{"error_message": "<original body>"}``.

The original body of a controller error is WSME's JSON document
(``faultcode``, ``faultstring``, ``debuginfo``), so the wire body is doubly
encoded; python-watcherclient decodes both layers. A client that prefers
XML gets ``<error_message>...</error_message>`` instead.
"""

import json

from lxml import etree
import webob

from watcher._i18n import _


class ParsableErrorMiddleware(object):
    """Replace the body of 4xx/5xx responses with a parsable document."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        captured = {}

        def capture_start_response(status, headers, exc_info=None):
            captured['status'] = status
            captured['headers'] = headers
            captured['exc_info'] = exc_info
            return lambda data: captured.setdefault('written', []).append(
                data)

        app_iter = self.app(environ, capture_start_response)
        if 'status' not in captured:
            # NOTE: a lazy app only starts responding while iterated.
            app_iter = list(app_iter)
        try:
            status_code = int(captured['status'].split(' ', 1)[0])
        except (ValueError, IndexError):
            raise Exception(_('ParsableErrorMiddleware received an invalid '
                              'status %s') % captured['status'])

        if status_code < 400:
            write = start_response(captured['status'], captured['headers'],
                                   captured['exc_info'])
            for data in captured.get('written', []):
                write(data)
            return app_iter

        original = self._read(app_iter, captured.get('written', []))
        headers = [(name, value) for (name, value) in captured['headers']
                   if name.lower() not in ('content-length', 'content-type')]
        body, content_type = self._wrap(environ, original)
        headers.append(('Content-Type', content_type))
        headers.append(('Content-Length', str(len(body))))
        start_response(captured['status'], headers, captured['exc_info'])
        return [body]

    @staticmethod
    def _read(app_iter, written):
        try:
            chunks = list(written) + list(app_iter)
        finally:
            if hasattr(app_iter, 'close'):
                app_iter.close()
        return b''.join(
            c if isinstance(c, bytes) else c.encode('utf-8')
            for c in chunks).decode('utf-8', 'replace')

    @staticmethod
    def _wrap(environ, text):
        request = webob.Request(environ)
        offers = request.accept.acceptable_offers(
            ['application/json', 'application/xml'])
        if offers and offers[0][0] == 'application/xml':
            element = etree.Element('error_message')
            element.text = text
            return etree.tostring(element), 'application/xml'
        body = json.dumps({'error_message': text}).encode('utf-8')
        return body, 'application/json'
