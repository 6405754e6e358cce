"""The request context built from the headers (no-auth mode included)."""

from oslo_config import cfg
from oslo_config import fixture as config_fixture
from oslo_log import log
import testtools
import webob

from watcher.api import hooks
from watcher import conf


class _State(object):
    def __init__(self, headers):
        self.request = webob.Request.blank('/v1/goals', headers=headers)


class TestContextHook(testtools.TestCase):

    def setUp(self):
        super(TestContextHook, self).setUp()
        self.conf = self.useFixture(config_fixture.Config(conf.CONF))
        self.conf.config(enable_authentication=False)

    def _context(self, **headers):
        state = _State(headers)
        hooks.ContextHook().before(state)
        return state.request.context

    def test_identity_headers(self):
        ctx = self._context(**{'X-User-Id': 'u', 'X-Project-Id': 'p',
                               'X-Roles': 'member,reader'})
        self.assertEqual('u', ctx.user_id)
        self.assertEqual('p', ctx.project_id)
        self.assertEqual(['member', 'reader'], ctx.roles)
        self.assertFalse(ctx.show_deleted)

    def test_no_roles_header_gets_default_roles(self):
        self.assertEqual(['admin'], self._context().roles)

    def test_reference_behaviour_without_default_roles(self):
        self.conf.config(noauth_default_roles=[], group='api')
        self.assertEqual([], self._context().roles)

    def test_default_roles_only_without_authentication(self):
        self.conf.config(enable_authentication=True)
        self.assertEqual([], self._context().roles)

    def test_empty_roles_header_is_no_role(self):
        self.assertEqual([], self._context(**{'X-Roles': ''}).roles)

    def test_show_deleted(self):
        for value, expected in (('True', True), ('1', True), ('yes', True),
                                ('anything', True), ('false', False),
                                ('0', False), ('No', False)):
            ctx = self._context(**{'X-Show-Deleted': value})
            self.assertEqual(expected, ctx.show_deleted, value)

    def test_token_info_is_kept(self):
        state = _State({})
        state.request.environ['keystone.token_info'] = {'token': {}}
        hooks.ContextHook().before(state)
        self.assertEqual({'token': {}},
                         state.request.context.auth_token_info)


class TestNoExceptionTracebackHook(testtools.TestCase):

    def setUp(self):
        super(TestNoExceptionTracebackHook, self).setUp()
        try:
            conf.CONF.debug
        except cfg.NoSuchOptError:
            log.register_options(conf.CONF)
        self.useFixture(config_fixture.Config(conf.CONF))

    def _after(self, body, status=500):
        state = _State({})
        state.response = webob.Response(status=status,
                                        json_body=body)
        hooks.NoExceptionTracebackHook().after(state)
        return state.response.json_body

    def test_remote_traceback_is_cut(self):
        body = self._after({'faultcode': 'Server', 'faultstring':
                            'Boom\nTraceback (most recent call last):\n x',
                            'debuginfo': None})
        self.assertEqual('Boom', body['faultstring'])

    def test_success_untouched(self):
        body = {'faultstring': 'Traceback (most recent call last):'}
        self.assertEqual(body, self._after(body, status=200))
