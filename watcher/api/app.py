"""Assemble the API WSGI application and its middleware.

Order, outermost first: ``/healthcheck`` (oslo.middleware, no token) ->
keystonemiddleware (when authentication is on) -> CORS -> HTTPProxyToWSGI
-> RequestId -> ParsableErrorMiddleware -> Pecan. So keystonemiddleware's
401 bodies are not wrapped in ``error_message``.
"""

from oslo_middleware import cors
from oslo_middleware import healthcheck
from oslo_middleware import http_proxy_to_wsgi
from oslo_middleware import request_id
import pecan

from watcher.api import acl
from watcher.api import config as api_config
from watcher.api import hooks
from watcher.api.middleware import parsable_error
from watcher import conf

CONF = conf.CONF

CORS_ALLOW_HEADERS = ['X-Auth-Token', 'X-Identity-Status', 'X-Roles',
                      'X-Service-Catalog', 'X-User-Id', 'X-Tenant-Id',
                      'X-OpenStack-Request-ID']
CORS_EXPOSE_HEADERS = ['X-Auth-Token', 'X-Subject-Token', 'X-Service-Token',
                       'X-OpenStack-Request-ID']
CORS_ALLOW_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH']
HEALTHCHECK_PATH = '/healthcheck'


def set_cors_defaults():
    """The reference's ``[cors]`` defaults (a config file may override)."""
    cors.set_defaults(allow_headers=CORS_ALLOW_HEADERS,
                      expose_headers=CORS_EXPOSE_HEADERS,
                      allow_methods=CORS_ALLOW_METHODS)


class HealthcheckRouter(object):
    """Answer ``/healthcheck`` with oslo.middleware, ahead of the token
    check (load balancers have no token); everything else goes on."""

    def __init__(self, app):
        self.app = app
        self.healthcheck = healthcheck.Healthcheck(None, CONF)

    def __call__(self, environ, start_response):
        path = environ.get('PATH_INFO', '') or '/'
        if path.rstrip('/') == HEALTHCHECK_PATH:
            return self.healthcheck(environ, start_response)
        return self.app(environ, start_response)


def setup_app(config=None):
    """The Pecan application wrapped in the whole middleware stack."""
    config = config or api_config.pecan_config()
    pecan.configuration.set_config(dict(config), overwrite=True)
    app_conf = dict(config['app'])
    root = app_conf.pop('root')
    app_conf.pop('modules', None)
    app = pecan.make_app(
        root,
        hooks=[hooks.ContextHook(), hooks.NoExceptionTracebackHook()],
        **app_conf)
    app = parsable_error.ParsableErrorMiddleware(app)
    app = request_id.RequestId(app)
    app = http_proxy_to_wsgi.HTTPProxyToWSGI(app, CONF)
    set_cors_defaults()
    app = cors.CORS(app, CONF)
    return HealthcheckRouter(acl.install(app))


def load_app():
    """The application served by ``watcher-api`` and ``watcher-api-wsgi``."""
    return setup_app()


def app_factory(global_config, **local_conf):
    """paste.deploy entry point (see etc/watcher/api-paste.ini)."""
    return setup_app()
