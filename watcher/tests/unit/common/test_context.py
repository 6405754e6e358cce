"""RequestContext survives RPC serialization and reads API headers."""
import datetime

from oslo_serialization import jsonutils
import testtools

from watcher.common import context


class TestRequestContext(testtools.TestCase):

    def test_round_trip_through_json(self):
        original = context.RequestContext(
            user_id='u-1', project_id='p-1', domain_id='d-1',
            user_name='alice', project_name='demo', roles=['admin', 'reader'],
            auth_token='tok', auth_token_info={'token': {'expires_at': 'x'}},
            show_deleted=True, request_id='req-1234',
            global_request_id='req-5678', is_admin=False)
        wire = jsonutils.loads(jsonutils.dumps(original.to_dict()))
        restored = context.RequestContext.from_dict(wire)
        self.assertEqual(original.to_dict(), restored.to_dict())
        self.assertTrue(restored.show_deleted)
        self.assertEqual({'token': {'expires_at': 'x'}},
                         restored.auth_token_info)
        self.assertEqual(original.timestamp, restored.timestamp)
        self.assertEqual(('u-1', 'p-1', 'alice', 'demo', 'req-1234'),
                         (restored.user_id, restored.project_id,
                          restored.user_name, restored.project_name,
                          restored.request_id))

    def test_to_dict_has_policy_credentials(self):
        values = context.RequestContext(user_id='u', project_id='p',
                                        roles=['member']).to_dict()
        for key in ('user_id', 'project_id', 'roles', 'is_admin',
                    'auth_token_info', 'timestamp'):
            self.assertIn(key, values)
        self.assertEqual('u', values['user_id'])
        self.assertEqual(['member'], values['roles'])

    def test_defaults(self):
        ctx = context.RequestContext()
        self.assertFalse(ctx.show_deleted)
        self.assertFalse(ctx.is_admin)
        self.assertIsNone(ctx.auth_token_info)
        self.assertIsInstance(ctx.timestamp, datetime.datetime)

    def test_from_environ_headers(self):
        environ = {'HTTP_X_USER_ID': 'u-9', 'HTTP_X_PROJECT_ID': 'p-9',
                   'HTTP_X_ROLES': 'admin,member',
                   'HTTP_X_SHOW_DELETED': 'True',
                   'keystone.token_info': {'token': {'methods': ['pw']}}}
        ctx = context.RequestContext.from_environ(environ)
        self.assertEqual(('u-9', 'p-9'), (ctx.user_id, ctx.project_id))
        self.assertEqual(['admin', 'member'], ctx.roles)
        self.assertTrue(ctx.show_deleted)
        self.assertEqual({'token': {'methods': ['pw']}}, ctx.auth_token_info)

    def test_from_environ_without_show_deleted(self):
        ctx = context.RequestContext.from_environ({'HTTP_X_ROLES': ''})
        self.assertFalse(ctx.show_deleted)
        self.assertEqual([], ctx.roles)

    def test_admin_context(self):
        ctx = context.get_admin_context()
        self.assertTrue(ctx.is_admin)
        self.assertEqual(['admin'], ctx.roles)
        self.assertFalse(ctx.show_deleted)
        self.assertTrue(context.get_admin_context(show_deleted=True)
                        .show_deleted)

    def test_make_context(self):
        ctx = context.make_context(user_id='x', show_deleted=True)
        self.assertIsInstance(ctx, context.RequestContext)
        self.assertTrue(ctx.show_deleted)
