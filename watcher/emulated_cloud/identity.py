"""A Keystone v3 emulator: version discovery, password tokens, catalog.

Enough for keystoneauth's ``password`` (and ``token``) plugins and for
keystonemiddleware's token validation, so Watcher can be configured
exactly as in production. The other emulators also accept requests without a
valid token, as services in ``noauth`` mode do, so ``auth_type = none``
with endpoint overrides works too.
"""
import datetime
import threading
import time
import uuid as uuidlib

from watcher.emulated_cloud import errors
from watcher.emulated_cloud import wsgi

TOKEN_LIFETIME = 86400
DOMAIN = {'id': 'default', 'name': 'Default'}
ROLES = ('admin', 'member', 'reader', 'service')
VERSION_ID = 'v3.14'
_TITLES = {400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden',
           404: 'Not Found', 405: 'Method Not Allowed',
           406: 'Not Acceptable', 409: 'Conflict',
           500: 'Internal Server Error'}


def fault(code, message):
    return {'error': {'code': code, 'title': _TITLES.get(code, 'Error'),
                      'message': message}}


def _stamp(epoch):
    return datetime.datetime.fromtimestamp(
        epoch, tz=datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%fZ')


def _role_id(name):
    return uuidlib.uuid5(uuidlib.NAMESPACE_URL, 'role:' + name).hex


class Identity:
    """Token store plus the Keystone routes."""

    def __init__(self, state, catalog_builder):
        self.state = state
        self._catalog = catalog_builder
        self._tokens = {}
        self._lock = threading.Lock()
        self.router = wsgi.Router([
            ('GET', '/', self.versions),
            ('GET', '/v3', self.version),
            ('POST', '/v3/auth/tokens', self.issue),
            ('GET', '/v3/auth/tokens', self.validate),
            ('DELETE', '/v3/auth/tokens', self.revoke),
            ('GET', '/v3/auth/catalog', self.get_catalog),
            ('GET', '/v3/auth/projects', self.list_projects),
            ('GET', '/v3/services', self.list_services),
            ('GET', '/v3/endpoints', self.list_endpoints),
        ], fault)

    # -- checks used by every emulated service ------------------------------

    def check(self, req):
        """Fill ``req.context`` from the X-Auth-Token we issued.

        Like a service in ``noauth`` mode, a request without a token we
        know (keystoneauth's ``none`` plugin sends ``notused``) is served
        as an admin of no particular project.
        """
        token = req.header('X-Auth-Token')
        record = self._lookup(token) if token else None
        if record is None:
            req.context['project_id'] = None
            return
        project = record.get('project')
        req.context['project_id'] = project['id'] if project else None
        req.context['user_id'] = record['user']['id']

    def _lookup(self, token):
        with self._lock:
            record = self._tokens.get(token)
        if record is None or record['_expires'] < time.time():
            return None
        return record

    # -- discovery ----------------------------------------------------------

    def _version_body(self, req):
        return {'id': VERSION_ID, 'status': 'stable',
                'updated': '2020-04-07T00:00:00Z',
                'links': [{'rel': 'self', 'href': req.root_url + '/v3/'}],
                'media-types': [{'base': 'application/json',
                                 'type': 'application/'
                                         'vnd.openstack.identity-v3+json'}]}

    def versions(self, req):
        return wsgi.Response(300, {'versions': {
            'values': [self._version_body(req)]}})

    def version(self, req):
        return wsgi.Response(200, {'version': self._version_body(req)})

    # -- tokens -------------------------------------------------------------

    def _find_user(self, user):
        users = self.state.identity['users']
        if not isinstance(user, dict):
            return None, None
        if 'id' in user:
            for name, record in users.items():
                if record['id'] == user['id']:
                    return name, record
            return None, None
        domain = user.get('domain') or {}
        if not isinstance(domain, dict) or (
                domain and domain.get('id', 'default') != 'default' and
                str(domain.get('name', 'Default')).lower() != 'default'):
            return None, None
        name = user.get('name')
        if not isinstance(name, str):
            return None, None
        return name, users.get(name)

    def _find_project(self, project):
        projects = self.state.identity['projects']
        if not isinstance(project, dict):
            return None
        if 'id' in project:
            for name, project_id in projects.items():
                if project_id == project['id']:
                    return name, project_id
            return None
        name = project.get('name')
        if isinstance(name, str) and name in projects:
            return name, projects[name]
        return None

    def issue(self, req):
        body = req.json()
        auth = body.get('auth') if isinstance(body, dict) else None
        if not isinstance(auth, dict) or not isinstance(
                auth.get('identity'), dict):
            raise errors.BadRequest("'identity' is a required property")
        identity = auth['identity']
        methods = identity.get('methods') or []
        unauthorized = errors.Unauthorized(
            'The request you have made requires authentication.',
            headers=[('WWW-Authenticate',
                      'Keystone uri="%s"' % req.root_url)])
        if not isinstance(methods, list):
            raise errors.BadRequest("'methods' must be a list")
        if 'password' in methods:
            password = identity.get('password')
            user_spec = password.get('user') if isinstance(
                password, dict) else None
            if not isinstance(user_spec, dict):
                raise errors.BadRequest("'user' is a required property")
            name, user = self._find_user(user_spec)
            if user is None or user_spec.get('password') != user['password']:
                raise unauthorized
        elif 'token' in methods:
            token_spec = identity.get('token')
            token_id = token_spec.get('id') if isinstance(
                token_spec, dict) else None
            previous = self._lookup(token_id) if isinstance(
                token_id, str) else None
            if previous is None:
                raise unauthorized
            name = previous['user']['name']
            user = self.state.identity['users'][name]
        else:
            raise unauthorized
        scope = auth.get('scope')
        token = {'methods': list(methods),
                 'user': {'id': user['id'], 'name': name, 'domain': DOMAIN,
                          'password_expires_at': None}}
        if scope is not None and not isinstance(scope, dict):
            raise errors.BadRequest("'scope' must be an object")
        if isinstance(scope, dict) and 'project' in scope:
            found = self._find_project(scope['project'])
            if found is None:
                raise unauthorized
            token['project'] = {'id': found[1], 'name': found[0],
                                'domain': DOMAIN}
            token['is_domain'] = False
        elif isinstance(scope, dict) and 'system' in scope:
            token['system'] = {'all': True}
        now = time.time()
        token_id = uuidlib.uuid4().hex
        token.update({'issued_at': _stamp(now),
                      'expires_at': _stamp(now + TOKEN_LIFETIME),
                      'audit_ids': [uuidlib.uuid4().hex[:22]]})
        if scope:
            token['roles'] = [{'id': _role_id(r), 'name': r} for r in ROLES]
        record = dict(token, _expires=now + TOKEN_LIFETIME)
        with self._lock:
            self._tokens[token_id] = record
        return wsgi.Response(201, {'token': self._with_catalog(req, token)},
                             [('X-Subject-Token', token_id)])

    def _with_catalog(self, req, token):
        if 'project' in token or 'system' in token:
            token = dict(token, catalog=self._catalog(req))
        return token

    def _subject(self, req):
        self.check(req)
        token_id = req.header('X-Subject-Token')
        record = self._lookup(token_id) if token_id else None
        if record is None:
            raise errors.NotFound('Could not find token: %s' % token_id)
        return token_id, record

    def validate(self, req):
        token_id, record = self._subject(req)
        token = {k: v for k, v in record.items() if not k.startswith('_')}
        if req.has_param('nocatalog'):
            body = {'token': token}
        else:
            body = {'token': self._with_catalog(req, token)}
        return wsgi.Response(200, body, [('X-Subject-Token', token_id)])

    def revoke(self, req):
        token_id, _ = self._subject(req)
        with self._lock:
            self._tokens.pop(token_id, None)
        return wsgi.Response(204)

    def get_catalog(self, req):
        self._require_token(req)
        return wsgi.Response(200, {'catalog': self._catalog(req)})

    def list_projects(self, req):
        self._require_token(req)
        projects = [{'id': pid, 'name': name, 'domain_id': 'default',
                     'enabled': True, 'is_domain': False,
                     'parent_id': 'default', 'description': '',
                     'links': {'self': '%s/v3/projects/%s'
                               % (req.root_url, pid)}}
                    for name, pid in sorted(
                        self.state.identity['projects'].items())]
        return wsgi.Response(200, {'projects': projects,
                                   'links': {'self': req.root_url +
                                             '/v3/auth/projects',
                                             'previous': None,
                                             'next': None}})

    def _require_token(self, req):
        self.check(req)
        if 'user_id' not in req.context:
            raise errors.Unauthorized(
                'The request you have made requires authentication.')

    def list_services(self, req):
        """Catalog services (Watcher checks for block-storage here)."""
        kind = req.param('type')
        services = [{'id': entry['id'], 'name': entry['name'],
                     'type': entry['type'], 'enabled': True,
                     'description': '',
                     'links': {'self': '%s/v3/services/%s'
                               % (req.root_url, entry['id'])}}
                    for entry in self._catalog(req)
                    if kind is None or entry['type'] == kind]
        return wsgi.Response(200, {'services': services, 'links': {
            'self': req.root_url + '/v3/services', 'previous': None,
            'next': None}})

    def list_endpoints(self, req):
        service_id = req.param('service_id')
        interface = req.param('interface')
        endpoints = [dict(endpoint, service_id=entry['id'], enabled=True,
                          links={'self': '%s/v3/endpoints/%s'
                                 % (req.root_url, endpoint['id'])})
                     for entry in self._catalog(req)
                     for endpoint in entry['endpoints']
                     if (service_id is None or entry['id'] == service_id)
                     and (interface is None or
                          endpoint['interface'] == interface)]
        return wsgi.Response(200, {'endpoints': endpoints, 'links': {
            'self': req.root_url + '/v3/endpoints', 'previous': None,
            'next': None}})
