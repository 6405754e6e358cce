"""Pecan hooks: the request context, and no tracebacks in error bodies."""

import json

from pecan import hooks

from watcher.common import context
from watcher import conf

CONF = conf.CONF

TRACEBACK_MARKER = 'Traceback (most recent call last):'
FALSE_STRINGS = ('0', 'f', 'false', 'n', 'no', 'off')


def show_deleted(value):
    """Any non-empty ``X-Show-Deleted`` shows deleted rows, except an
    explicit false (the reference also took ``false`` as true)."""
    return bool(value) and value.strip().lower() not in FALSE_STRINGS


def _noauth_roles(environ):
    """Roles of a no-auth request that names none (see noauth_default_roles).

    Any caller can send ``X-Roles: admin`` when authentication is off, so
    giving a role to header-less requests does not weaken anything; it lets
    ``openstack --os-auth-type none`` (which sends no roles) work.
    """
    if CONF.enable_authentication:
        return None
    if 'HTTP_X_ROLES' in environ or 'HTTP_X_ROLE' in environ:
        return None
    roles = list(CONF.api.noauth_default_roles)
    return roles or None


class ContextHook(hooks.PecanHook):
    """Build ``request.context`` from the headers keystonemiddleware sets.

    With authentication disabled the same headers (``X-User-Id``,
    ``X-Project-Id``, ``X-Roles``...) come straight from the client.
    ``X-Show-Deleted`` shows soft-deleted rows (see :func:`show_deleted`).
    """

    def before(self, state):
        environ = state.request.environ
        extra = {
            'show_deleted': show_deleted(
                state.request.headers.get('X-Show-Deleted')),
            'auth_token_info': environ.get('keystone.token_info'),
        }
        roles = _noauth_roles(environ)
        if roles is not None:
            extra['roles'] = roles
        state.request.context = context.RequestContext.from_environ(
            environ, **extra)


class NoExceptionTracebackHook(hooks.PecanHook):
    """Cut remote tracebacks out of ``faultstring`` unless debugging.

    Exceptions re-raised from an RPC call carry the remote traceback in
    their message.
    """

    # NOTE: must run after the controller has rendered the error body.
    def after(self, state):
        response = state.response
        if response is None or response.status_int < 400:
            return
        try:
            body = json.loads(response.body)
        except ValueError:
            return
        if not isinstance(body, dict):
            return
        if CONF.debug and body.get('faultcode') != 'Server':
            return
        faultstring = body.get('faultstring')
        if isinstance(faultstring, str) and TRACEBACK_MARKER in faultstring:
            body['faultstring'] = faultstring.split(
                TRACEBACK_MARKER, 1)[0].rstrip()
            response.body = json.dumps(body).encode('utf-8')
