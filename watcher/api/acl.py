"""Keystone token validation in front of the API."""

from watcher.api.middleware import auth_token
from watcher import conf

CONF = conf.CONF


def public_routes():
    """Routes that need no token: ``/``, and webhooks if their auth is off."""
    routes = ['/']
    if not CONF.api.enable_webhooks_auth:
        routes.append('/v1/webhooks/.*')
    return routes


def install(app):
    """Wrap ``app`` with keystonemiddleware if authentication is enabled.

    keystonemiddleware reads ``[keystone_authtoken]`` (including the auth
    plugin options) straight from the global configuration.
    """
    if not CONF.enable_authentication:
        return app
    return auth_token.AuthTokenMiddleware(
        app, {'oslo_config_config': CONF}, public_api_routes=public_routes())
