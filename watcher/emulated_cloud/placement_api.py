"""The emulated Placement API (microversions 1.0 to 1.39).

Every compute host is a resource provider whose uuid is the hypervisor id
and whose name is the hypervisor hostname. Inventories come from the host
size, reserved amounts and allocation ratios; allocations are those the
emulated Nova keeps (servers, plus migrations holding the source side of a
resize until it is confirmed).
"""
from watcher.emulated_cloud import errors
from watcher.emulated_cloud import model
from watcher.emulated_cloud import wsgi

MIN_VERSION = (1, 0)
MAX_VERSION = (1, 39)
_TITLES = {400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden',
           404: 'Not Found', 405: 'Method Not Allowed',
           406: 'Not Acceptable', 409: 'Conflict',
           500: 'Internal Server Error'}
_INVENTORY_FIELDS = ('total', 'reserved', 'min_unit', 'max_unit',
                     'step_size', 'allocation_ratio')


def fault(code, message):
    code_name = 'placement.concurrent_update' if code == 409 \
        else 'placement.undefined_code'
    return {'errors': [{'status': code, 'title': _TITLES.get(code, 'Error'),
                        'detail': message, 'code': code_name,
                        'request_id': 'req-emulated'}]}


def _version(req):
    return req.context['version']


class PlacementAPI:
    """Handlers of the placement API bound to one :class:`CloudState`."""

    def __init__(self, state, identity):
        self.state = state
        self.router = wsgi.Router([
            ('GET', '/', self.root),
            ('GET', '/resource_providers', self.list_providers),
            ('GET', '/resource_providers/{uuid}', self.show_provider),
            ('GET', '/resource_providers/{uuid}/inventories',
             self.list_inventories),
            ('PUT', '/resource_providers/{uuid}/inventories',
             self.set_inventories),
            ('GET', '/resource_providers/{uuid}/inventories/{rc}',
             self.show_inventory),
            ('GET', '/resource_providers/{uuid}/usages',
             self.provider_usages),
            ('GET', '/resource_providers/{uuid}/allocations',
             self.provider_allocations),
            ('GET', '/resource_providers/{uuid}/traits',
             self.provider_traits),
            ('GET', '/resource_providers/{uuid}/aggregates',
             self.provider_aggregates),
            ('GET', '/allocations/{consumer}', self.consumer_allocations),
            ('GET', '/usages', self.project_usages),
        ], fault, microversion=wsgi.MicroversionSpec(
            'placement', MIN_VERSION, MAX_VERSION), before=identity.check)

    def root(self, req):
        return wsgi.Response(200, {'versions': [{
            'id': 'v1.0', 'status': 'CURRENT',
            'min_version': wsgi.MicroversionSpec.format(MIN_VERSION),
            'max_version': wsgi.MicroversionSpec.format(MAX_VERSION),
            'links': [{'rel': 'self', 'href': ''}]}]})

    # -- providers ----------------------------------------------------------

    def _host(self, req):
        host = self.state.hosts_by_uuid.get(req.match['uuid'])
        if host is None:
            raise errors.NotFound('No resource provider with uuid %s found'
                                  % req.match['uuid'])
        return host

    def _provider_view(self, req, host):
        version = _version(req)
        base = '/resource_providers/%s' % host.uuid
        links = [{'rel': 'self', 'href': base},
                 {'rel': 'inventories', 'href': base + '/inventories'},
                 {'rel': 'usages', 'href': base + '/usages'}]
        if version >= (1, 1):
            links.append({'rel': 'aggregates', 'href': base + '/aggregates'})
        if version >= (1, 6):
            links.append({'rel': 'traits', 'href': base + '/traits'})
        if version >= (1, 11):
            links.append({'rel': 'allocations',
                          'href': base + '/allocations'})
        body = {'uuid': host.uuid, 'name': host.hypervisor_hostname,
                'generation': host.generation, 'links': links}
        if version >= (1, 14):
            body['parent_provider_uuid'] = None
            body['root_provider_uuid'] = host.uuid
        return body

    def list_providers(self, req):
        name = req.param('name')
        uuid = req.param('uuid') or req.param('in_tree')
        member_of = req.param('member_of')
        wanted = self._parse_resources(req.param('resources'))
        with self.state.lock:
            hosts = list(self.state.hosts.values())
            if name is not None:
                hosts = [h for h in hosts if h.hypervisor_hostname == name]
            if uuid is not None:
                hosts = [h for h in hosts if h.uuid == uuid]
            if member_of:
                aggs = set(member_of[3:].split(',')
                           if member_of.startswith('in:') else [member_of])
                hosts = [h for h in hosts if aggs & {
                    a.uuid for a in self.state.host_aggregates(h.name)}]
            if wanted:
                hosts = [h for h in hosts if h.fits(wanted)]
            return wsgi.Response(200, {'resource_providers': [
                self._provider_view(req, h) for h in hosts]})

    @staticmethod
    def _parse_resources(text):
        if not text:
            return None
        wanted = {}
        for part in text.split(','):
            rc, _, amount = part.partition(':')
            if rc not in model.RESOURCE_CLASSES or not amount.isdigit():
                raise errors.BadRequest(
                    'Badly formed resources parameter. Expected resources '
                    'query string parameter in form: ?resources=VCPU:2,'
                    'MEMORY_MB:1024. Got: %s.' % text)
            wanted[rc] = int(amount)
        return wanted

    def show_provider(self, req):
        with self.state.lock:
            return wsgi.Response(200, self._provider_view(req,
                                                          self._host(req)))

    # -- inventories --------------------------------------------------------

    def list_inventories(self, req):
        with self.state.lock:
            host = self._host(req)
            return wsgi.Response(200, {
                'resource_provider_generation': host.generation,
                'inventories': host.inventory()})

    def show_inventory(self, req):
        with self.state.lock:
            host = self._host(req)
            record = host.inventory().get(req.match['rc'])
            if record is None:
                raise errors.NotFound(
                    'No inventory of class %s for %s'
                    % (req.match['rc'], host.uuid))
            return wsgi.Response(200, dict(
                record, resource_provider_generation=host.generation))

    def set_inventories(self, req):
        body = req.json()
        if not isinstance(body, dict) or not isinstance(
                body.get('inventories'), dict) or not isinstance(
                body.get('resource_provider_generation'), int):
            raise errors.BadRequest(
                "'inventories' and 'resource_provider_generation' are "
                "required properties")
        inventories = body['inventories']
        if set(inventories) != set(model.RESOURCE_CLASSES):
            raise errors.BadRequest(
                'The emulated placement keeps exactly the VCPU, MEMORY_MB '
                'and DISK_GB inventories of a compute node.')
        for rc, record in inventories.items():
            if not isinstance(record, dict) or not isinstance(
                    record.get('total'), int) or record['total'] < 1:
                raise errors.BadRequest("'total' is a required property "
                                        "of %s" % rc)
            if not isinstance(record.get('reserved', 0), int) or \
                    isinstance(record.get('allocation_ratio', 1.0),
                               bool) or not isinstance(
                        record.get('allocation_ratio', 1.0), (int, float)):
                raise errors.BadRequest(
                    'Invalid reserved or allocation_ratio of %s' % rc)
        with self.state.lock:
            host = self._host(req)
            if body['resource_provider_generation'] != host.generation:
                raise errors.Conflict(
                    'resource provider generation conflict')
            for rc, prefix, ratio in (
                    ('VCPU', 'vcpu', 'cpu_allocation_ratio'),
                    ('MEMORY_MB', 'memory_mb', 'ram_allocation_ratio'),
                    ('DISK_GB', 'disk_gb', 'disk_allocation_ratio')):
                record = inventories[rc]
                setattr(host, {'VCPU': 'vcpus'}.get(rc, prefix),
                        record['total'])
                setattr(host, prefix + '_reserved',
                        int(record.get('reserved', 0)))
                setattr(host, ratio,
                        float(record.get('allocation_ratio', 1.0)))
            host.generation += 1
            return wsgi.Response(200, {
                'resource_provider_generation': host.generation,
                'inventories': host.inventory()})

    # -- usages, allocations, traits, aggregates ----------------------------

    def provider_usages(self, req):
        with self.state.lock:
            host = self._host(req)
            return wsgi.Response(200, {
                'resource_provider_generation': host.generation,
                'usages': dict(host.used)})

    def provider_allocations(self, req):
        with self.state.lock:
            host = self._host(req)
            return wsgi.Response(200, {
                'resource_provider_generation': host.generation,
                'allocations': {consumer: {'resources': dict(resources)}
                                for consumer, resources in
                                host.allocations.items()}})

    def provider_traits(self, req):
        with self.state.lock:
            host = self._host(req)
            traits = ['COMPUTE_NODE']
            if host.status == 'disabled':
                traits.append('COMPUTE_STATUS_DISABLED')
            return wsgi.Response(200, {
                'resource_provider_generation': host.generation,
                'traits': sorted(traits)})

    def provider_aggregates(self, req):
        if _version(req) < (1, 1):
            raise errors.NotFound('The resource could not be found.')
        with self.state.lock:
            host = self._host(req)
            body = {'aggregates': [a.uuid for a in
                                   self.state.host_aggregates(host.name)]}
            if _version(req) >= (1, 19):
                body['resource_provider_generation'] = host.generation
            return wsgi.Response(200, body)

    def consumer_allocations(self, req):
        version = _version(req)
        consumer = req.match['consumer']
        with self.state.lock:
            found = self.state.consumer_allocations(consumer)
            body = {'allocations': {
                self.state.hosts[name].uuid: {
                    'generation': self.state.hosts[name].generation,
                    'resources': dict(resources)}
                for name, resources in found.items()}}
            if not found:
                return wsgi.Response(200, body)
            owner = self.state.servers.get(consumer)
            if owner is None:
                owner = next((self.state.servers.get(m.server_uuid)
                              for m in self.state.migrations.values()
                              if m.uuid == consumer), None)
            if version >= (1, 12) and owner is not None:
                body['project_id'] = owner.project_id
                body['user_id'] = owner.user_id
            if version >= (1, 28):
                body['consumer_generation'] = 1
            if version >= (1, 38):
                body['consumer_type'] = ('INSTANCE' if consumer in
                                         self.state.servers else 'MIGRATION')
            return wsgi.Response(200, body)

    def project_usages(self, req):
        if _version(req) < (1, 9):
            raise errors.NotFound('The resource could not be found.')
        project = req.param('project_id')
        if not project:
            raise errors.BadRequest("'project_id' is a required property")
        user = req.param('user_id')
        by_type = {}
        with self.state.lock:
            for server in self.state.servers.values():
                if server.project_id != project or (
                        user and server.user_id != user):
                    continue
                for consumer, kind in ((server.uuid, 'INSTANCE'),):
                    found = self.state.consumer_allocations(consumer)
                    self._add_usage(by_type, kind, found)
                if server.resize:
                    source = self.state.hosts.get(server.resize.source_host)
                    if source is not None:
                        resources = source.allocations.get(
                            server.resize.migration_uuid)
                        if resources:
                            self._add_usage(by_type, 'MIGRATION',
                                            {source.name: resources})
        if _version(req) >= (1, 38):
            return wsgi.Response(200, {'usages': by_type})
        totals = {}
        for usage in by_type.values():
            for rc, amount in usage.items():
                if rc != 'consumer_count':
                    totals[rc] = totals.get(rc, 0) + amount
        return wsgi.Response(200, {'usages': totals})

    @staticmethod
    def _add_usage(by_type, kind, found):
        if not found:
            return
        usage = by_type.setdefault(kind, {'consumer_count': 0})
        usage['consumer_count'] += 1
        for resources in found.values():
            for rc, amount in resources.items():
                usage[rc] = usage.get(rc, 0) + amount
