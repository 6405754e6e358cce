"""Serve recorded HTTP answers to ``requests`` (and so to keystoneauth).

A transport adapter mounted on a ``requests.Session``: each request is
matched against routes ``(method, path)`` and answered with a recorded
JSON body from ``fixtures/``; every request is kept for assertions.
"""
import json
import os
import urllib.parse

import requests
from requests import adapters

FIXTURES = os.path.join(os.path.dirname(__file__), 'fixtures')


def load(name):
    with open(os.path.join(FIXTURES, name), encoding='utf-8') as stream:
        return json.load(stream)


class Reply(object):
    """A canned answer; ``body`` None sends an empty body."""

    def __init__(self, status=200, body=None, text=None):
        self.status = status
        self.body = body
        self.text = text


class Seen(object):
    """One request as the server would see it."""

    def __init__(self, request):
        parts = urllib.parse.urlsplit(request.url)
        self.method = request.method
        self.url = request.url
        self.path = parts.path
        self.params = dict(urllib.parse.parse_qsl(parts.query))
        self.headers = dict(request.headers)
        body = request.body
        if isinstance(body, bytes):
            body = body.decode('utf-8')
        self.json = json.loads(body) if body else None


class RecordedHTTP(adapters.BaseAdapter):
    """``routes``: {(METHOD, path): Reply or callable(Seen) -> Reply}."""

    def __init__(self, routes=None):
        super().__init__()
        self.routes = dict(routes or {})
        self.requests = []
        self.failures = {}   # (METHOD, path) -> exceptions left to raise

    def fail(self, method, path, times, exc=None):
        self.failures[(method, path)] = [
            exc or requests.ConnectionError('connection refused')] * times

    def send(self, request, **kwargs):
        seen = Seen(request)
        self.requests.append(seen)
        key = (seen.method, seen.path)
        pending = self.failures.get(key)
        if pending:
            raise pending.pop()
        reply = self.routes.get(key)
        if callable(reply):
            reply = reply(seen)
        if reply is None:
            reply = Reply(404, {'error': 'no route for %s %s' % key})
        response = requests.Response()
        response.status_code = reply.status
        response.reason = {200: 'OK', 204: 'No Content', 400: 'Bad Request',
                           401: 'Unauthorized', 404: 'Not Found',
                           500: 'Internal Server Error',
                           503: 'Service Unavailable'}.get(reply.status, '')
        if reply.text is not None:
            response._content = reply.text.encode('utf-8')
        elif reply.body is not None:
            response._content = json.dumps(reply.body).encode('utf-8')
            response.headers['Content-Type'] = 'application/json'
        else:
            response._content = b''
        response.url = request.url
        response.request = request
        return response

    def close(self):
        pass

    def calls(self, method, path):
        return [r for r in self.requests
                if r.method == method and r.path == path]


def session_with(adapter):
    session = requests.Session()
    session.mount('http://', adapter)
    session.mount('https://', adapter)
    return session
