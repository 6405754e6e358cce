"""Public routes of keystonemiddleware."""

from oslo_config import fixture as config_fixture
import testtools
import webob

from watcher.api import acl
from watcher.api.middleware import auth_token
from watcher import conf


class TestPublicRoutes(testtools.TestCase):

    def setUp(self):
        super(TestPublicRoutes, self).setUp()
        self.conf = self.useFixture(config_fixture.Config(conf.CONF))

    def test_root_only_by_default(self):
        self.assertEqual(['/'], acl.public_routes())

    def test_webhooks_public_without_webhook_auth(self):
        self.conf.config(enable_webhooks_auth=False, group='api')
        self.assertEqual(['/', '/v1/webhooks/.*'], acl.public_routes())

    def test_no_middleware_without_authentication(self):
        self.conf.config(enable_authentication=False)
        app = object()
        self.assertIs(app, acl.install(app))


class TestAuthTokenMiddleware(testtools.TestCase):

    def setUp(self):
        super(TestAuthTokenMiddleware, self).setUp()
        fixture = self.useFixture(config_fixture.Config(conf.CONF))
        fixture.config(www_authenticate_uri='http://127.0.0.1:1/identity',
                       group='keystone_authtoken')
        self.calls = []
        self.middleware = auth_token.AuthTokenMiddleware(
            self._app, {'oslo_config_config': conf.CONF,
                        'delay_auth_decision': False},
            public_api_routes=['/', '/v1/webhooks/.*'])

    def _app(self, environ, start_response):
        self.calls.append(environ['is_public_api'])
        start_response('200 OK', [('Content-Type', 'text/plain')])
        return [b'ok']

    def _get(self, path, method='GET'):
        return webob.Request.blank(path, method=method).get_response(
            self.middleware)

    def test_public_root(self):
        self.assertEqual(200, self._get('/').status_int)
        self.assertEqual([True], self.calls)

    def test_public_webhook(self):
        self.assertEqual(200, self._get('/v1/webhooks/a/', 'POST')
                         .status_int)

    def test_v1_needs_a_token(self):
        self.assertEqual(401, self._get('/v1').status_int)
        self.assertEqual(401, self._get('/v1/goals').status_int)
        self.assertEqual([], self.calls)
