"""Hypervisors, services, flavors, aggregates and zones of emulated Nova.

Split from :mod:`nova_api` (servers and their actions) to keep modules
small; both share one router and one microversion negotiation.
"""
from watcher.emulated_cloud import compute_ops
from watcher.emulated_cloud import errors
from watcher.emulated_cloud import nova_views as views
from watcher.emulated_cloud import wsgi

MAX_LIMIT = 1000


def _version(req):
    return req.context['version']


def _root(req):
    return req.root_url


class NovaInfraAPI:
    """Handlers of the compute API's non-server resources."""

    def __init__(self, state):
        self.state = state

    def routes(self, v):
        return [
            ('GET', v + '/os-hypervisors', self.list_hypervisors),
            ('GET', v + '/os-hypervisors/detail',
             self.list_hypervisors_detail),
            ('GET', v + '/os-hypervisors/{pattern}/search',
             self.search_hypervisors),
            ('GET', v + '/os-hypervisors/{pattern}/servers',
             self.hypervisor_servers),
            ('GET', v + '/os-hypervisors/{hypervisor_id}',
             self.show_hypervisor),
            ('GET', v + '/os-services', self.list_services),
            ('PUT', v + '/os-services/{service_id}', self.update_service),
            ('GET', v + '/flavors', self.list_flavors),
            ('GET', v + '/flavors/detail', self.list_flavors_detail),
            ('GET', v + '/flavors/{flavor_id}', self.show_flavor),
            ('GET', v + '/flavors/{flavor_id}/os-extra_specs',
             self.flavor_extra_specs),
            ('GET', v + '/os-aggregates', self.list_aggregates),
            ('GET', v + '/os-aggregates/{aggregate_id}',
             self.show_aggregate),
            ('GET', v + '/os-availability-zone', self.list_zones),
            ('GET', v + '/os-availability-zone/detail',
             self.list_zones_detail),
        ]

    # -- hypervisors --------------------------------------------------------

    def _hypervisors(self, req, detail):
        version = _version(req)
        state = self.state
        with_servers = pattern = None
        if version >= (2, 53):
            # Older microversions ignore both, as Nova does.
            with_servers = wsgi.as_bool(req.param('with_servers', 'false'))
            pattern = req.param('hypervisor_hostname_pattern')
        limit = marker = None
        if version >= (2, 33):
            limit = wsgi.parse_limit(req, MAX_LIMIT)
            marker = req.param('marker')
        if pattern is not None and (req.has_param('limit') or marker):
            raise errors.BadRequest(
                'Paging over hypervisors with the hypervisor_hostname_pattern'
                ' query parameter is not supported.')
        with state.lock:
            hosts = list(state.hosts.values())
            if pattern is not None:
                hosts = [h for h in hosts
                         if pattern in h.hypervisor_hostname]
                if not hosts:
                    raise errors.NotFound(
                        "No hypervisor matching '%s' could be found."
                        % pattern)
            if marker is not None:
                ids = [str(views.hypervisor_id(h, version)) for h in hosts]
                if marker not in ids:
                    raise errors.BadRequest('marker [%s] not found'
                                            % marker)
                hosts = hosts[ids.index(marker) + 1:]
            if limit is not None:
                hosts = hosts[:limit]
            body = {'hypervisors': [
                views.hypervisor_view(state, h, version, detail, with_servers)
                for h in hosts]}
        if limit and len(hosts) == limit:
            body['hypervisors_links'] = [{'rel': 'next',
                                          'href': wsgi.next_link(
                                              req, str(views.hypervisor_id(
                                                  hosts[-1], version)))}]
        return wsgi.Response(200, body)

    def list_hypervisors(self, req):
        return self._hypervisors(req, detail=False)

    def list_hypervisors_detail(self, req):
        return self._hypervisors(req, detail=True)

    def _legacy_search(self, req, with_servers):
        version = _version(req)
        if version >= (2, 53):
            raise errors.NotFound('The resource could not be found.')
        pattern = req.match['pattern']
        with self.state.lock:
            hosts = [h for h in self.state.hosts.values()
                     if pattern in h.hypervisor_hostname]
            if not hosts:
                raise errors.NotFound(
                    "No hypervisor matching '%s' could be found." % pattern)
            return wsgi.Response(200, {'hypervisors': [
                views.hypervisor_view(self.state, h, version, False,
                                      with_servers) for h in hosts]})

    def search_hypervisors(self, req):
        return self._legacy_search(req, with_servers=False)

    def hypervisor_servers(self, req):
        return self._legacy_search(req, with_servers=True)

    def show_hypervisor(self, req):
        version = _version(req)
        ident = req.match['hypervisor_id']
        with self.state.lock:
            host = None
            if version >= (2, 53):
                host = self.state.hosts_by_uuid.get(ident)
            else:
                host = next((h for h in self.state.hosts.values()
                             if str(h.index) == ident), None)
            if host is None:
                raise errors.NotFound(
                    'Hypervisor with ID %s could not be found.' % ident)
            with_servers = version >= (2, 53) and wsgi.as_bool(
                req.param('with_servers', 'false'))
            return wsgi.Response(200, {'hypervisor': views.hypervisor_view(
                self.state, host, version, True, with_servers, show=True)})

    # -- services -----------------------------------------------------------

    def list_services(self, req):
        version = _version(req)
        host_filter = req.param('host')
        binary = req.param('binary')
        with self.state.lock:
            now = self.state.now(micro=True)
            services = [views.service_view(h, version, now)
                        for h in self.state.hosts.values()]
            services += views.controller_services(self.state, version, now)
        services = [s for s in services
                    if (host_filter is None or s['host'] == host_filter) and
                    (binary is None or s['binary'] == binary)]
        return wsgi.Response(200, {'services': services})

    def update_service(self, req):
        version = _version(req)
        body = req.json()
        if not isinstance(body, dict):
            raise errors.BadRequest('Malformed request body')
        if version >= (2, 53):
            return self._update_service_by_id(req, body, version)
        return self._legacy_service_action(req, body, version)

    def _update_service_by_id(self, req, body, version):
        ident = req.match['service_id']
        unexpected = sorted(set(body) - {'status', 'disabled_reason',
                                         'forced_down'})
        if unexpected or not body:
            raise errors.BadRequest(
                'Invalid input for the service update: %s'
                % (', '.join(unexpected) or 'empty body'))
        status = body.get('status')
        if status is not None and status not in ('enabled', 'disabled'):
            raise errors.BadRequest(
                "Invalid input for field/attribute status. Value: %s. '%s' "
                "is not one of ['enabled', 'disabled']" % (status, status))
        if 'disabled_reason' in body and status != 'disabled':
            raise errors.BadRequest(
                'Specifying a disabled reason is only supported when the '
                'status is disabled.')
        reason = body.get('disabled_reason')
        if reason is not None and (not isinstance(reason, str) or
                                   len(reason) > 255):
            raise errors.BadRequest('Invalid input for field/attribute '
                                    'disabled_reason.')
        forced = body.get('forced_down')
        if forced is not None and not isinstance(forced, bool):
            raise errors.BadRequest('Invalid input for field/attribute '
                                    'forced_down. Value: %s.' % forced)
        with self.state.lock:
            host = next((h for h in self.state.hosts.values()
                         if h.service_uuid == ident), None)
            if host is None:
                if ident in (views.state_uuid(self.state, b) for b in (
                        'nova-scheduler', 'nova-conductor')):
                    raise errors.BadRequest(
                        'Updating a nova-scheduler or nova-conductor service'
                        ' is not supported. Only nova-compute services can '
                        'be updated.')
                raise errors.NotFound('Service %s could not be found.'
                                      % ident)
            compute_ops.update_service(
                self.state, host.name, status=status, disabled_reason=reason,
                forced_down=forced, set_reason='disabled_reason' in body)
            return wsgi.Response(200, {'service': views.service_view(
                host, version, self.state.now(micro=True))})

    def _legacy_service_action(self, req, body, version):
        action = req.match['service_id']
        if action not in ('enable', 'disable', 'disable-log-reason',
                          'force-down'):
            raise errors.NotFound('Unknown action')
        host_name = wsgi.require_str(body.get('host'), 'host')
        binary = wsgi.require_str(body.get('binary'), 'binary')
        with self.state.lock:
            host = self.state.hosts.get(host_name)
            if host is None or binary != 'nova-compute':
                raise errors.NotFound(
                    'Service binary %s on host %s could not be found.'
                    % (binary, host_name))
            result = {'host': host_name, 'binary': binary}
            if action == 'force-down':
                if version < (2, 11):
                    raise errors.NotFound('Unknown action')
                forced = body.get('forced_down')
                if not isinstance(forced, bool):
                    raise errors.BadRequest(
                        'Invalid input for field/attribute forced_down.')
                compute_ops.update_service(self.state, host_name,
                                           forced_down=forced)
                result['forced_down'] = forced
            elif action == 'enable':
                compute_ops.update_service(self.state, host_name,
                                           status='enabled')
                result['status'] = 'enabled'
            else:
                reason = body.get('disabled_reason')
                if action == 'disable-log-reason' and not reason:
                    raise errors.BadRequest('Missing disabled reason field')
                compute_ops.update_service(
                    self.state, host_name, status='disabled',
                    disabled_reason=reason,
                    set_reason=action == 'disable-log-reason')
                result['status'] = 'disabled'
                if action == 'disable-log-reason':
                    result['disabled_reason'] = reason
        return wsgi.Response(200, {'service': result})

    # -- flavors ------------------------------------------------------------

    def _flavors(self, req, detail):
        version, root = _version(req), _root(req)
        limit = wsgi.parse_limit(req, MAX_LIMIT)
        marker = req.param('marker')
        min_ram = wsgi.parse_int(req, 'minRam')
        min_disk = wsgi.parse_int(req, 'minDisk')
        with self.state.lock:
            flavors = sorted(self.state.flavors.values(),
                             key=lambda f: f.id)
            if marker is not None:
                ids = [f.id for f in flavors]
                if marker not in ids:
                    raise errors.BadRequest('marker [%s] not found'
                                            % marker)
                flavors = flavors[ids.index(marker) + 1:]
            flavors = [f for f in flavors
                       if f.ram >= min_ram and f.disk >= min_disk][:limit]
            body = {'flavors': [views.flavor_view(f, version, root, detail)
                                for f in flavors]}
        if limit and len(flavors) == limit:
            body['flavors_links'] = [{'rel': 'next', 'href': wsgi.next_link(
                req, flavors[-1].id)}]
        return wsgi.Response(200, body)

    def list_flavors(self, req):
        return self._flavors(req, detail=False)

    def list_flavors_detail(self, req):
        return self._flavors(req, detail=True)

    def show_flavor(self, req):
        with self.state.lock:
            flavor = self.state.get_flavor(req.match['flavor_id'])
            return wsgi.Response(200, {'flavor': views.flavor_view(
                flavor, _version(req), _root(req))})

    def flavor_extra_specs(self, req):
        with self.state.lock:
            flavor = self.state.get_flavor(req.match['flavor_id'])
            return wsgi.Response(200, {'extra_specs': dict(
                flavor.extra_specs)})

    # -- aggregates and zones -------------------------------------------------

    def list_aggregates(self, req):
        with self.state.lock:
            return wsgi.Response(200, {'aggregates': [
                views.aggregate_view(a, _version(req))
                for a in sorted(self.state.aggregates.values(),
                                key=lambda a: a.id)]})

    def show_aggregate(self, req):
        ident = req.match['aggregate_id']
        with self.state.lock:
            aggregate = None
            if ident.isdigit():
                aggregate = self.state.aggregates.get(int(ident))
            if aggregate is None:
                raise errors.NotFound('Aggregate %s could not be found.'
                                      % ident)
            return wsgi.Response(200, {'aggregate': views.aggregate_view(
                aggregate, _version(req))})

    def _zones(self):
        zones = {}
        for host in self.state.hosts.values():
            zone = zones.setdefault(host.availability_zone, {})
            zone[host.name] = host
        return zones

    def list_zones(self, req):
        with self.state.lock:
            zones = self._zones()
            info = [{'zoneName': name,
                     'zoneState': {'available': any(
                         h.status == 'enabled' and h.service_state == 'up'
                         for h in hosts.values())},
                     'hosts': None}
                    for name, hosts in sorted(zones.items())]
        return wsgi.Response(200, {'availabilityZoneInfo': info})

    def list_zones_detail(self, req):
        with self.state.lock:
            now = self.state.now(micro=True)
            info = [{'zoneName': 'internal', 'zoneState': {'available': True},
                     'hosts': {self.state.controller_host: {
                         binary: {'available': True, 'active': True,
                                  'updated_at': now}
                         for binary in ('nova-scheduler',
                                        'nova-conductor')}}}]
            for name, hosts in sorted(self._zones().items()):
                info.append({
                    'zoneName': name,
                    'zoneState': {'available': any(
                        h.status == 'enabled' and h.service_state == 'up'
                        for h in hosts.values())},
                    'hosts': {h.name: {'nova-compute': {
                        'available': h.service_state == 'up',
                        'active': h.status == 'enabled',
                        'updated_at': h.updated_at}}
                        for h in hosts.values()}})
        return wsgi.Response(200, {'availabilityZoneInfo': info})
