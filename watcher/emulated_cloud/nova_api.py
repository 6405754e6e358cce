"""The emulated Nova (compute API v2.1, microversions 2.1 to 2.100).

Routes are declared as data at the bottom; handlers are small and take the
state lock while they read or write. Listings page like Nova: a ``limit``
(at most 1000), a ``marker`` that must exist, and a ``<key>_links`` next
link whenever a page is full.
"""
import re

from watcher.emulated_cloud import compute_ops
from watcher.emulated_cloud import errors
from watcher.emulated_cloud import nova_infra_api
from watcher.emulated_cloud import nova_views as views
from watcher.emulated_cloud import server_lifecycle
from watcher.emulated_cloud import wsgi

MAX_VERSION = (2, 100)
MIN_VERSION = (2, 1)
MAX_LIMIT = 1000
_FAULT_NAMES = {400: 'badRequest', 401: 'unauthorized', 403: 'forbidden',
                404: 'itemNotFound', 405: 'badMethod', 406: 'notAcceptable',
                409: 'conflictingRequest', 413: 'overLimit',
                415: 'badMediaType', 501: 'notImplemented',
                503: 'serviceUnavailable'}


def fault(code, message):
    return {_FAULT_NAMES.get(code, 'computeFault'): {'code': code,
                                                     'message': message}}


def _version(req):
    return req.context['version']


def _root(req):
    return req.root_url


def _version_doc(req):
    return {'id': 'v2.1', 'status': 'CURRENT',
            'version': wsgi.MicroversionSpec.format(MAX_VERSION),
            'min_version': wsgi.MicroversionSpec.format(MIN_VERSION),
            'updated': '2013-07-23T11:33:21Z',
            'links': [{'rel': 'self', 'href': req.root_url + '/v2.1/'}]}


class NovaAPI:
    """Handlers of the compute API bound to one :class:`CloudState`."""

    def __init__(self, state, identity):
        self.state = state
        self.infra = nova_infra_api.NovaInfraAPI(state)
        self.router = wsgi.Router(
            self.routes(), fault,
            microversion=wsgi.MicroversionSpec(
                'compute', MIN_VERSION, MAX_VERSION,
                legacy_header='X-OpenStack-Nova-API-Version'),
            before=identity.check)

    def routes(self):
        v = '/v2.1'
        return [
            ('GET', '/', self.versions),
            ('GET', v, self.version),
            ('GET', v + '/servers', self.list_servers),
            ('POST', v + '/servers', self.create_server),
            ('GET', v + '/servers/detail', self.list_servers_detail),
            ('GET', v + '/servers/{server_id}', self.show_server),
            ('DELETE', v + '/servers/{server_id}', self.delete_server),
            ('POST', v + '/servers/{server_id}/action', self.server_action),
            ('GET', v + '/servers/{server_id}/migrations',
             self.list_server_migrations),
            ('GET', v + '/servers/{server_id}/migrations/{migration_id}',
             self.show_server_migration),
            ('DELETE', v + '/servers/{server_id}/migrations/{migration_id}',
             self.abort_server_migration),
            ('GET', v + '/os-migrations', self.list_migrations),
        ] + self.infra.routes(v)

    # -- versions -----------------------------------------------------------

    def versions(self, req):
        return wsgi.Response(200, {'versions': [_version_doc(req)]})

    def version(self, req):
        doc = _version_doc(req)
        doc['media-types'] = [{'base': 'application/json',
                               'type': 'application/'
                                       'vnd.openstack.compute+json;'
                                       'version=2.1'}]
        return wsgi.Response(200, {'version': doc})

    # -- servers ------------------------------------------------------------

    def _page(self, req):
        """Servers of one listing page and whether a next link is due."""
        state = self.state
        limit = wsgi.parse_limit(req, MAX_LIMIT)
        marker = req.param('marker')
        all_tenants = req.has_param('all_tenants') and wsgi.as_bool(
            req.param('all_tenants'))
        project = req.param('project_id') or req.param('tenant_id')
        if not all_tenants and not project:
            project = req.context.get('project_id')
        host = req.param('host')
        filters = []
        if project:
            filters.append(lambda s: s.project_id == project)
        for name, attr in (('status', 'status'), ('vm_state', 'vm_state'),
                           ('task_state', 'task_state'),
                           ('flavor', None), ('uuid', 'uuid'),
                           ('node', 'node')):
            value = req.param(name)
            if value is None:
                continue
            if name == 'status':
                filters.append(lambda s, v=value.upper(): s.status == v)
            elif name == 'flavor':
                filters.append(lambda s, v=value: s.flavor.id == v)
            else:
                filters.append(lambda s, a=attr, v=value: getattr(s, a) == v)
        name = req.param('name')
        if name:
            try:
                pattern = re.compile(name)
            except re.error:
                raise errors.BadRequest('Invalid regular expression %s'
                                        % name)
            filters.append(lambda s: pattern.search(s.name) is not None)
        since = req.param('changes-since')
        if since:
            filters.append(lambda s: s.updated_at >= since)
        page = []
        with state.lock:
            positions = state.positions()
            start = -1
            if marker is not None:
                if marker not in positions:
                    raise errors.BadRequest('marker [%s] not found' % marker)
                start = positions[marker]
            if host is not None:
                target = state.hosts.get(host)
                candidates = state.ordered_servers(
                    target.servers if target else ())
                candidates = [s for s in candidates
                              if positions[s.uuid] > start]
            else:
                candidates = (state.servers[u]
                              for u in state._order[start + 1:])
            if limit:
                for server in candidates:
                    if all(f(server) for f in filters):
                        page.append(server)
                        if len(page) >= limit:
                            break
        return page, limit and len(page) == limit

    def _list_response(self, req, page, full, render):
        body = {'servers': [render(s) for s in page]}
        if full and page:
            body['servers_links'] = [{'rel': 'next', 'href': wsgi.next_link(
                req, page[-1].uuid)}]
        return wsgi.Response(200, body)

    def list_servers(self, req):
        page, full = self._page(req)
        root = _root(req)
        return self._list_response(
            req, page, full, lambda s: views.server_summary(s, root))

    def list_servers_detail(self, req):
        page, full = self._page(req)
        root, version, state = _root(req), _version(req), self.state
        with state.lock:
            return self._list_response(
                req, page, full,
                lambda s: views.server_detail(s, state.host_of(s), version,
                                              root))

    def show_server(self, req):
        with self.state.lock:
            server = self.state.get_server(req.match['server_id'])
            return wsgi.Response(200, {'server': views.server_detail(
                server, self.state.host_of(server), _version(req),
                _root(req), show=True)})

    def create_server(self, req):
        body = req.json()
        spec = body.get('server') if isinstance(body, dict) else None
        if not isinstance(spec, dict):
            raise errors.BadRequest("'server' is a required property")
        name = spec.get('name')
        if not isinstance(name, str) or not name.strip():
            raise errors.BadRequest("'name' is a required property")
        if not spec.get('flavorRef'):
            raise errors.BadRequest("'flavorRef' is a required property")
        wsgi.require_str(spec['flavorRef'], 'flavorRef')
        wsgi.require_str(spec.get('imageRef'), 'imageRef', allow_none=True)
        wsgi.require_str(spec.get('availability_zone'), 'availability_zone',
                         allow_none=True)
        metadata = spec.get('metadata') or {}
        bdms = spec.get('block_device_mapping_v2') or []
        if not isinstance(metadata, dict) or not isinstance(bdms, list):
            raise errors.BadRequest('Invalid input for field/attribute '
                                    'metadata or block_device_mapping_v2.')
        boot_volume = None
        for bdm in bdms:
            if (isinstance(bdm, dict) and bdm.get('source_type') == 'volume'
                    and str(bdm.get('boot_index', '')) == '0'):
                boot_volume = bdm.get('uuid')
        if not spec.get('imageRef') and not boot_volume:
            raise errors.BadRequest(
                'Block Device Mapping is Invalid: Boot sequence for the '
                'instance and image/block device mapping combination is '
                'not valid.')
        project = req.context.get('project_id') or 'admin'
        server = server_lifecycle.create_server(
            self.state, name, spec['flavorRef'], project,
            req.context.get('user_id') or 'admin',
            image_ref=None if boot_volume else spec.get('imageRef'),
            boot_volume_id=boot_volume,
            availability_zone=spec.get('availability_zone'),
            metadata=metadata, key_name=spec.get('key_name'),
            description=spec.get('description'))
        root = _root(req)
        return wsgi.Response(202, {'server': {
            'id': server.uuid, 'links': views.server_summary(
                server, root)['links'],
            'OS-DCF:diskConfig': 'MANUAL',
            'security_groups': [{'name': 'default'}],
            'adminPass': 'emulated'}},
            [('Location', '%s/v2.1/servers/%s' % (root, server.uuid))])

    def delete_server(self, req):
        server_lifecycle.delete_server(self.state, req.match['server_id'])
        return wsgi.Response(204)

    # -- server actions -----------------------------------------------------

    def server_action(self, req):
        body = req.json()
        if not isinstance(body, dict) or len(body) != 1:
            raise errors.BadRequest('Malformed request body')
        action, args = next(iter(body.items()))
        handler = self._actions().get(action)
        if handler is None:
            raise errors.BadRequest('There is no such action: %s' % action)
        server_id = req.match['server_id']
        with self.state.lock:
            self.state.get_server(server_id)
        return handler(req, server_id, args)

    def _actions(self):
        return {'os-migrateLive': self._live_migrate,
                'migrate': self._migrate, 'resize': self._resize,
                'confirmResize': self._confirm, 'revertResize': self._revert,
                'os-stop': self._stop, 'os-start': self._start,
                'lock': self._lock, 'unlock': self._unlock,
                'pause': self._pause, 'unpause': self._unpause,
                'suspend': self._suspend, 'resume': self._resume}

    def _live_migrate(self, req, server_id, args):
        if not isinstance(args, dict) or 'host' not in args:
            raise errors.BadRequest(
                "Invalid input for field/attribute os-migrateLive. Value: "
                "%s. 'host' is a required property" % args)
        allowed = (True, False, 'auto') if _version(req) >= (2, 25) \
            else (True, False)
        if args.get('block_migration', False) not in allowed:
            raise errors.BadRequest(
                'Invalid input for field/attribute block_migration. Value: '
                '%s.' % args.get('block_migration'))
        host = args.get('host')
        if host is not None and not isinstance(host, str):
            raise errors.BadRequest('Invalid input for field/attribute '
                                    'host. Value: %s.' % host)
        compute_ops.live_migrate(self.state, server_id, host=host,
                                 force=bool(args.get('force', False)))
        return wsgi.Response(202)

    def _migrate(self, req, server_id, args):
        host = None
        if isinstance(args, dict):
            unexpected = sorted(set(args) - {'host'})
            if unexpected or ('host' in args and _version(req) < (2, 56)):
                raise errors.BadRequest(
                    "Additional properties are not allowed (%s were "
                    "unexpected)" % ', '.join(repr(k) for k in
                                              (unexpected or ['host'])))
            host = wsgi.require_str(args.get('host'), 'host',
                                    allow_none=True)
        elif args is not None:
            raise errors.BadRequest('Invalid input for field/attribute '
                                    'migrate. Value: %s.' % args)
        compute_ops.migrate(self.state, server_id, host=host)
        return wsgi.Response(202)

    def _resize(self, req, server_id, args):
        if not isinstance(args, dict) or not args.get('flavorRef'):
            raise errors.BadRequest("'flavorRef' is a required property")
        wsgi.require_str(args['flavorRef'], 'flavorRef')
        compute_ops.resize(self.state, server_id, args['flavorRef'])
        return wsgi.Response(202)

    def _confirm(self, req, server_id, args):
        compute_ops.confirm_resize(self.state, server_id)
        return wsgi.Response(204)

    def _revert(self, req, server_id, args):
        compute_ops.revert_resize(self.state, server_id)
        return wsgi.Response(202)

    def _stop(self, req, server_id, args):
        compute_ops.stop(self.state, server_id)
        return wsgi.Response(202)

    def _start(self, req, server_id, args):
        compute_ops.start(self.state, server_id)
        return wsgi.Response(202)

    def _lock(self, req, server_id, args):
        reason = wsgi.require_str(args.get('locked_reason'), 'locked_reason',
                                  allow_none=True) \
            if isinstance(args, dict) else None
        compute_ops.set_locked(self.state, server_id, True, reason)
        return wsgi.Response(202)

    def _unlock(self, req, server_id, args):
        compute_ops.set_locked(self.state, server_id, False)
        return wsgi.Response(202)

    def _pause(self, req, server_id, args):
        compute_ops.simple_transition(self.state, server_id, 'pause')
        return wsgi.Response(202)

    def _unpause(self, req, server_id, args):
        compute_ops.simple_transition(self.state, server_id, 'unpause')
        return wsgi.Response(202)

    def _suspend(self, req, server_id, args):
        compute_ops.simple_transition(self.state, server_id, 'suspend')
        return wsgi.Response(202)

    def _resume(self, req, server_id, args):
        compute_ops.simple_transition(self.state, server_id, 'resume')
        return wsgi.Response(202)

    # -- migrations ---------------------------------------------------------

    def _server_migrations(self, req):
        state = self.state
        server = state.get_server(req.match['server_id'])
        return server, [m for m in state.migrations.values()
                        if m.server_uuid == server.uuid and
                        m.migration_type == 'live-migration' and
                        m.status in ('queued', 'preparing', 'running')]

    def list_server_migrations(self, req):
        with self.state.lock:
            _, running = self._server_migrations(req)
            return wsgi.Response(200, {'migrations': [
                views.server_migration_view(m, _version(req))
                for m in running]})

    def _migration_id(self, req):
        try:
            return int(req.match['migration_id'])
        except ValueError:
            raise errors.NotFound('Migration %s could not be found.'
                                  % req.match['migration_id'])

    def show_server_migration(self, req):
        migration_id = self._migration_id(req)
        with self.state.lock:
            server, running = self._server_migrations(req)
            for migration in running:
                if migration.id == migration_id:
                    return wsgi.Response(200, {
                        'migration': views.server_migration_view(
                            migration, _version(req))})
        raise errors.NotFound(
            'In-progress live migration %s is not found for server %s.'
            % (migration_id, server.uuid))

    def abort_server_migration(self, req):
        compute_ops.abort_live_migration(
            self.state, req.match['server_id'], self._migration_id(req))
        return wsgi.Response(202)

    def list_migrations(self, req):
        filters = {key: req.param(key) for key in (
            'host', 'status', 'instance_uuid', 'migration_type',
            'source_compute') if req.param(key)}
        with self.state.lock:
            result = []
            for migration in sorted(self.state.migrations.values(),
                                    key=lambda m: (m.created_at, m.id),
                                    reverse=True):
                host = filters.get('host')
                if host and host not in (migration.source_compute,
                                         migration.dest_compute):
                    continue
                if any(filters.get(k) not in (None, v) for k, v in (
                        ('status', migration.status),
                        ('instance_uuid', migration.server_uuid),
                        ('migration_type', migration.migration_type),
                        ('source_compute', migration.source_compute))):
                    continue
                result.append(views.migration_view(migration, _version(req),
                                                   _root(req)))
        return wsgi.Response(200, {'migrations': result})
