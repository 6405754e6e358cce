"""keystonemiddleware with public routes.

Requests whose path matches a public route skip token validation; every
request gets ``is_public_api`` in its WSGI environ.
"""

import re

from keystonemiddleware import auth_token


class AuthTokenMiddleware(auth_token.AuthProtocol):
    """Validate tokens except on public routes (``/`` and friends)."""

    def __init__(self, app, conf, public_api_routes=()):
        route_pattern_tpl = r'%s(\.json|\.xml)?$'
        self.public_api_routes = [re.compile(route_pattern_tpl % route)
                                  for route in public_api_routes]
        super(AuthTokenMiddleware, self).__init__(app, conf)

    def __call__(self, env, start_response):
        path = env.get('PATH_INFO', '/')
        # NOTE: '/v1/' and '/v1' are the same route.
        if path != '/':
            path = path.rstrip('/')
        env['is_public_api'] = any(pattern.match(path)
                                   for pattern in self.public_api_routes)
        if env['is_public_api']:
            return self._app(env, start_response)
        return super(AuthTokenMiddleware, self).__call__(env, start_response)
