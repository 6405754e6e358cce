"""The emulated Cinder (block storage API v3, microversions 3.0 to 3.71).

URLs work with or without the project id after ``/v3`` (project-less
URLs arrived in 3.67). Backends are cinder-volume services named
``host@backend``; pools are ``host@backend#pool`` and their capacities
follow the volumes placed in them.
"""
import re

from watcher.emulated_cloud import errors
from watcher.emulated_cloud import nova_api
from watcher.emulated_cloud import storage_ops
from watcher.emulated_cloud import wsgi

MIN_VERSION = (3, 0)
MAX_VERSION = (3, 71)
MAX_LIMIT = 1000
_COLLECTIONS = {'volumes', 'types', 'scheduler-stats', 'os-services',
                'os-availability-zone', 'snapshots', 'backups', 'limits',
                'extensions', 'attachments', 'messages', 'groups'}
_PROJECT_PATH = re.compile(r'^/v3/([^/]+)(/.*)?$')

fault = nova_api.fault


def _version(req):
    return req.context['version']


class CinderAPI:
    """Handlers of the block storage API bound to one state."""

    def __init__(self, state, identity):
        self.state = state
        self._identity = identity
        self.router = wsgi.Router([
            ('GET', '/', self.versions),
            ('GET', '/v3', self.versions),
            ('GET', '/v3/volumes', self.list_volumes),
            ('GET', '/v3/volumes/detail', self.list_volumes_detail),
            ('GET', '/v3/volumes/{volume_id}', self.show_volume),
            ('POST', '/v3/volumes/{volume_id}/action', self.volume_action),
            ('GET', '/v3/types', self.list_types),
            ('GET', '/v3/types/{type_id}', self.show_type),
            ('GET', '/v3/types/{type_id}/extra_specs', self.type_specs),
            ('GET', '/v3/scheduler-stats/get_pools', self.list_pools),
            ('GET', '/v3/os-services', self.list_services),
            ('GET', '/v3/os-availability-zone', self.list_zones),
        ], fault, microversion=wsgi.MicroversionSpec(
            'volume', MIN_VERSION, MAX_VERSION), before=self._before)

    def _before(self, req):
        found = _PROJECT_PATH.match(req.path)
        if found and found.group(1) not in _COLLECTIONS:
            req.context['url_project'] = found.group(1)
            req.path = '/v3' + (found.group(2) or '')
            req.root_url += '/v3/' + found.group(1)
        else:
            req.root_url += '/v3'
        self._identity.check(req)

    def versions(self, req):
        base = req.root_url.rsplit('/v3', 1)[0]
        return wsgi.Response(200, {'versions': [{
            'id': 'v3.0', 'status': 'CURRENT',
            'version': wsgi.MicroversionSpec.format(MAX_VERSION),
            'min_version': wsgi.MicroversionSpec.format(MIN_VERSION),
            'updated': '2023-08-31T00:00:00Z',
            'links': [{'rel': 'self', 'href': base + '/v3/'}],
            'media-types': [{'base': 'application/json',
                             'type': 'application/'
                                     'vnd.openstack.volume+json;version=3'}]
        }]})

    # -- volumes ------------------------------------------------------------

    def _volume_view(self, volume, version, root):
        vtype = self.state.find_volume_type(volume.volume_type) \
            if volume.volume_type else None
        body = {
            'id': volume.id, 'name': volume.name, 'status': volume.status,
            'size': volume.size,
            'availability_zone': volume.availability_zone,
            'created_at': volume.created_at,
            'updated_at': volume.updated_at,
            'attachments': [{'id': volume.id, 'attachment_id': a.id,
                             'volume_id': volume.id, 'server_id': a.server_id,
                             'host_name': a.host_name, 'device': a.device,
                             'attached_at': a.attached_at}
                            for a in volume.attachments],
            'bootable': 'true' if volume.bootable else 'false',
            'encrypted': False, 'multiattach': volume.multiattach,
            'snapshot_id': volume.snapshot_id, 'source_volid': None,
            'volume_type': volume.volume_type,
            'metadata': dict(volume.metadata),
            'user_id': volume.user_id, 'description': volume.description,
            'links': [{'rel': 'self',
                       'href': '%s/volumes/%s' % (root, volume.id)}],
            'os-vol-tenant-attr:tenant_id': volume.project_id,
            'os-vol-host-attr:host': volume.pool,
            'os-vol-mig-status-attr:migstat': volume.migration_status,
            'os-vol-mig-status-attr:name_id': None,
            'replication_status': None, 'consistencygroup_id': None,
        }
        if volume.bootable:
            body['volume_image_metadata'] = {'image_id': volume.image_id or
                                             '', 'image_name': 'cirros'}
        if version >= (3, 13):
            body['group_id'] = None
        if version >= (3, 21):
            body['provider_id'] = None
        if version >= (3, 48):
            body['service_uuid'] = None
            body['shared_targets'] = False
        if version >= (3, 61):
            body['cluster_name'] = None
        if version >= (3, 63):
            body['volume_type_id'] = vtype.id if vtype else None
        if version >= (3, 65):
            body['consumes_quota'] = True
        return body

    def _page(self, req):
        limit = wsgi.parse_limit(req, MAX_LIMIT)
        marker = req.param('marker')
        all_tenants = wsgi.as_bool(req.param('all_tenants', 'false'))
        project = req.param('project_id') or (
            None if all_tenants else req.context.get('project_id'))
        name, status = req.param('name'), req.param('status')
        with self.state.lock:
            volumes = sorted(self.state.volumes.values(),
                             key=lambda v: (v.created_at, v.id),
                             reverse=True)
            if marker is not None:
                ids = [v.id for v in volumes]
                if marker not in ids:
                    raise errors.NotFound('Marker %s could not be found.'
                                          % marker)
                volumes = volumes[ids.index(marker) + 1:]
            volumes = [v for v in volumes
                       if (not project or v.project_id == project) and
                       (name is None or v.name == name) and
                       (status is None or v.status == status)][:limit]
        return volumes, limit and len(volumes) == limit

    def _list(self, req, render):
        volumes, full = self._page(req)
        with self.state.lock:
            body = {'volumes': [render(v) for v in volumes]}
        if full and volumes:
            body['volumes_links'] = [{'rel': 'next', 'href': wsgi.next_link(
                req, volumes[-1].id)}]
        return wsgi.Response(200, body)

    def list_volumes(self, req):
        root = req.root_url
        return self._list(req, lambda v: {
            'id': v.id, 'name': v.name,
            'links': [{'rel': 'self', 'href': '%s/volumes/%s'
                       % (root, v.id)}]})

    def list_volumes_detail(self, req):
        version, root = _version(req), req.root_url
        return self._list(req, lambda v: self._volume_view(v, version,
                                                           root))

    def show_volume(self, req):
        with self.state.lock:
            volume = self.state.get_volume(req.match['volume_id'])
            return wsgi.Response(200, {'volume': self._volume_view(
                volume, _version(req), req.root_url)})

    def volume_action(self, req):
        body = req.json()
        if not isinstance(body, dict) or len(body) != 1:
            raise errors.BadRequest('Malformed request body')
        action, args = next(iter(body.items()))
        volume_id = req.match['volume_id']
        if action == 'os-migrate_volume':
            if not isinstance(args, dict) or not args.get('host'):
                raise errors.BadRequest("'host' is a required property")
            wsgi.require_str(args['host'], 'host')
            storage_ops.migrate_volume(
                self.state, volume_id, args['host'],
                force_host_copy=bool(args.get('force_host_copy', False)),
                lock_volume=bool(args.get('lock_volume', False)))
        elif action == 'os-retype':
            if not isinstance(args, dict) or not args.get('new_type'):
                raise errors.BadRequest("'new_type' is a required property")
            wsgi.require_str(args['new_type'], 'new_type')
            wsgi.require_str(args.get('migration_policy'), 'migration_policy',
                             allow_none=True)
            storage_ops.retype_volume(
                self.state, volume_id, args['new_type'],
                migration_policy=args.get('migration_policy') or 'never')
        else:
            raise errors.BadRequest('There is no such action: %s' % action)
        return wsgi.Response(202)

    # -- types --------------------------------------------------------------

    @staticmethod
    def _type_view(vtype):
        return {'id': vtype.id, 'name': vtype.name,
                'description': vtype.description,
                'is_public': vtype.is_public,
                'os-volume-type-access:is_public': vtype.is_public,
                'extra_specs': dict(vtype.extra_specs),
                'qos_specs_id': None}

    def list_types(self, req):
        with self.state.lock:
            return wsgi.Response(200, {'volume_types': [
                self._type_view(t) for t in self.state.volume_types.values()]})

    def _type(self, req):
        vtype = self.state.volume_types.get(req.match['type_id'])
        if vtype is None:
            raise errors.NotFound('Volume type %s could not be found.'
                                  % req.match['type_id'])
        return vtype

    def show_type(self, req):
        with self.state.lock:
            return wsgi.Response(200, {'volume_type': self._type_view(
                self._type(req))})

    def type_specs(self, req):
        with self.state.lock:
            return wsgi.Response(200, {'extra_specs': dict(
                self._type(req).extra_specs)})

    # -- pools, services, zones -----------------------------------------------

    def list_pools(self, req):
        detail = wsgi.as_bool(req.param('detail', 'false'))
        with self.state.lock:
            pools = []
            for pool in self.state.pools.values():
                if not detail:
                    pools.append({'name': pool.name})
                    continue
                backend = self.state.backends[pool.backend]
                allocated = self.state.pool_allocated(pool)
                pools.append({'name': pool.name, 'capabilities': {
                    'pool_name': pool.pool_name,
                    'volume_backend_name': backend.backend_name,
                    'total_capacity_gb': pool.total_capacity_gb,
                    'free_capacity_gb': pool.total_capacity_gb - allocated,
                    'allocated_capacity_gb': allocated,
                    'provisioned_capacity_gb': allocated,
                    'total_volumes': len(pool.volumes),
                    'reserved_percentage': pool.reserved_percentage,
                    'max_over_subscription_ratio':
                        pool.max_over_subscription_ratio,
                    'thin_provisioning_support': pool.thin_provisioning,
                    'thick_provisioning_support':
                        not pool.thin_provisioning,
                    'multiattach': True, 'QoS_support': False,
                    'vendor_name': backend.vendor_name,
                    'driver_version': '3.0.0',
                    'storage_protocol': backend.storage_protocol,
                    'timestamp': self.state.now(micro=True)}})
        return wsgi.Response(200, {'pools': pools})

    def list_services(self, req):
        version = _version(req)
        host, binary = req.param('host'), req.param('binary')
        with self.state.lock:
            now = self.state.now(micro=True)
            services = [{'binary': 'cinder-scheduler',
                         'host': self.state.controller_host,
                         'zone': 'nova', 'status': 'enabled', 'state': 'up',
                         'updated_at': now, 'disabled_reason': None}]
            for backend in self.state.backends.values():
                services.append({
                    'binary': 'cinder-volume', 'host': backend.host,
                    'zone': backend.zone, 'status': backend.status,
                    'state': backend.state, 'updated_at': now,
                    'disabled_reason': backend.disabled_reason})
                if version >= (3, 49):
                    services[-1]['backend_state'] = backend.state
        for service in services:
            service.update({'replication_status': 'disabled',
                            'active_backend_id': None, 'frozen': False})
            if version >= (3, 7):
                service['cluster'] = None
        services = [s for s in services
                    if (host is None or s['host'] == host) and
                    (binary is None or s['binary'] == binary)]
        return wsgi.Response(200, {'services': services})

    def list_zones(self, req):
        with self.state.lock:
            zones = sorted({b.zone for b in self.state.backends.values()})
        return wsgi.Response(200, {'availabilityZoneInfo': [
            {'zoneName': zone, 'zoneState': {'available': True}}
            for zone in zones]})
