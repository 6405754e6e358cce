"""A minimal Aetos for tests: Keystone-checked reverse proxy to Prometheus.

Like Aetos, it requires a Keystone token on every request, validates it
against the real Keystone, lets through only tokens with the ``admin`` or
``service`` role, and forwards the request unchanged to Prometheus. It
serves under a path prefix (as a catalog endpoint usually does) and keeps
a log of who asked what.
"""
import threading
import urllib.parse

from cheroot import wsgi as cheroot_wsgi
import requests

ALLOWED_ROLES = frozenset(('admin', 'service'))


class AetosProxy(object):

    def __init__(self, prometheus_url, keystone_url, prefix='/prometheus'):
        self.prometheus_url = prometheus_url.rstrip('/')
        self.keystone_url = keystone_url.rstrip('/')
        self.prefix = prefix
        self.log = []          # (user name or None, status, path)
        self._tokens = {}      # token -> (user, roles)
        self._lock = threading.Lock()
        self._server = None
        self._thread = None
        self.url = None

    def _identity(self, token):
        with self._lock:
            if token in self._tokens:
                return self._tokens[token]
        response = requests.get(
            self.keystone_url + '/auth/tokens', timeout=10,
            headers={'X-Auth-Token': token, 'X-Subject-Token': token})
        if response.status_code != 200:
            return None
        body = response.json()['token']
        identity = (body['user']['name'],
                    {role['name'] for role in body.get('roles', [])})
        with self._lock:
            self._tokens[token] = identity
        return identity

    def __call__(self, environ, start_response):
        path = environ.get('PATH_INFO', '')
        token = environ.get('HTTP_X_AUTH_TOKEN')
        identity = self._identity(token) if token else None
        if identity is None:
            return self._reply(start_response, None, 401, path,
                               b'{"error": "authentication required"}')
        user, roles = identity
        if not roles & ALLOWED_ROLES:
            return self._reply(start_response, user, 403, path,
                               b'{"error": "admin or service role needed"}')
        if environ['REQUEST_METHOD'] != 'GET' or \
                not path.startswith(self.prefix + '/'):
            return self._reply(start_response, user, 404, path,
                               b'{"error": "not found"}')
        target = self.prometheus_url + path[len(self.prefix):]
        query = environ.get('QUERY_STRING')
        response = requests.get(
            target, params=urllib.parse.parse_qsl(query) if query else None,
            timeout=30)
        return self._reply(start_response, user, response.status_code, path,
                           response.content)

    def _reply(self, start_response, user, status, path, body):
        self.log.append((user, status, path))
        start_response('%d %s' % (status, 'OK' if status == 200 else 'ERR'),
                       [('Content-Type', 'application/json'),
                        ('Content-Length', str(len(body)))])
        return [body]

    def start(self):
        self._server = cheroot_wsgi.Server(('127.0.0.1', 0), self,
                                           numthreads=4)
        self._server.prepare()
        port = self._server.bind_addr[1]
        self._thread = threading.Thread(target=self._server.serve,
                                        daemon=True, name='aetos-proxy')
        self._thread.start()
        self.url = 'http://127.0.0.1:%d%s' % (port, self.prefix)
        return self.url

    def stop(self):
        if self._server is not None:
            self._server.stop()
            self._thread.join(timeout=10)
            self._server = None
