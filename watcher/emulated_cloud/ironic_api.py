"""The emulated Ironic (bare metal API v1, microversions 1.1 to 1.96).

Nodes carry ``extra.compute_node_id`` (the hypervisor id of the compute
host they run) so power actions can be tied to Nova hosts: powering a
node off takes its nova-compute service down, powering it on brings it
back up.
"""
import json

from watcher.emulated_cloud import compute_ops
from watcher.emulated_cloud import errors
from watcher.emulated_cloud import wsgi

MIN_VERSION = (1, 1)
MAX_VERSION = (1, 96)
MAX_LIMIT = 1000
POWER_TARGETS = {'power on': 'power on', 'power off': 'power off',
                 'rebooting': 'power on', 'soft power off': 'power off',
                 'soft rebooting': 'power on'}


def fault(code, message):
    return {'error_message': json.dumps({
        'faultstring': message,
        'faultcode': 'Client' if code < 500 else 'Server',
        'debuginfo': None})}


class IronicMicroversion(wsgi.MicroversionSpec):
    """Ironic also tells the client its supported range in headers."""

    def headers(self, version):
        return super().headers(version) + [
            ('X-OpenStack-Ironic-API-Minimum-Version',
             self.format(self.minimum)),
            ('X-OpenStack-Ironic-API-Maximum-Version',
             self.format(self.maximum))]


def _version_doc(req):
    return {'id': 'v1', 'status': 'CURRENT',
            'min_version': wsgi.MicroversionSpec.format(MIN_VERSION),
            'version': wsgi.MicroversionSpec.format(MAX_VERSION),
            'links': [{'rel': 'self', 'href': req.root_url + '/v1/'}]}


class IronicAPI:
    """Handlers of the bare metal API bound to one state."""

    def __init__(self, state, identity):
        self.state = state
        self.router = wsgi.Router([
            ('GET', '/', self.root),
            ('GET', '/v1', self.v1),
            ('GET', '/v1/nodes', self.list_nodes),
            ('GET', '/v1/nodes/detail', self.list_nodes_detail),
            ('GET', '/v1/nodes/{ident}', self.show_node),
            ('GET', '/v1/nodes/{ident}/states', self.node_states),
            ('PUT', '/v1/nodes/{ident}/states/power', self.set_power),
            ('PUT', '/v1/nodes/{ident}/maintenance', self.set_maintenance),
            ('DELETE', '/v1/nodes/{ident}/maintenance',
             self.unset_maintenance),
        ], fault, microversion=IronicMicroversion(
            'baremetal', MIN_VERSION, MAX_VERSION,
            legacy_header='X-OpenStack-Ironic-API-Version'),
            before=identity.check)

    def root(self, req):
        doc = _version_doc(req)
        return wsgi.Response(200, {
            'name': 'OpenStack Ironic API',
            'description': 'Ironic is an OpenStack project which enables the'
                           ' provision and management of baremetal machines.',
            'default_version': doc, 'versions': [doc]})

    def v1(self, req):
        return wsgi.Response(200, {
            'id': 'v1', 'links': [{'rel': 'self',
                                   'href': req.root_url + '/v1/'}],
            'media_types': [{'base': 'application/json',
                             'type': 'application/'
                                     'vnd.openstack.ironic.v1+json'}],
            'nodes': [{'rel': 'self', 'href': req.root_url + '/v1/nodes/'}],
            'version': _version_doc(req)})

    # -- nodes --------------------------------------------------------------

    def _node_view(self, node, root, detail):
        body = {'uuid': node.uuid, 'name': node.name,
                'instance_uuid': node.instance_uuid,
                'power_state': node.power_state,
                'provision_state': node.provision_state,
                'maintenance': node.maintenance,
                'links': [{'rel': 'self',
                           'href': '%s/v1/nodes/%s' % (root, node.uuid)},
                          {'rel': 'bookmark',
                           'href': '%s/nodes/%s' % (root, node.uuid)}]}
        if detail:
            body.update({
                'driver': node.driver, 'extra': dict(node.extra),
                'properties': dict(node.properties),
                'maintenance_reason': node.maintenance_reason,
                'target_power_state': None,
                'target_provision_state': None,
                'resource_class': node.resource_class,
                'created_at': node.created_at,
                'updated_at': node.updated_at or None,
                'provision_updated_at': None, 'last_error': None,
                'console_enabled': False, 'driver_info': {},
                'instance_info': {}, 'reservation': None,
                'conductor_group': '', 'conductor': 'controller',
                'chassis_uuid': None, 'owner': None, 'lessee': None,
                'protected': False, 'protected_reason': None,
                'retired': False, 'retired_reason': None,
                'description': None, 'fault': None,
                'automated_clean': None, 'allocation_uuid': None,
                'inspection_started_at': None,
                'inspection_finished_at': None})
        return body

    def _nodes(self, req, detail):
        limit = wsgi.parse_limit(req, MAX_LIMIT)
        marker = req.param('marker')
        fields = req.param('fields')
        wanted = {
            'maintenance': req.param('maintenance'),
            'provision_state': req.param('provision_state'),
            'associated': req.param('associated'),
        }
        with self.state.lock:
            nodes = list(self.state.ironic_nodes.values())
            if marker is not None:
                ids = [n.uuid for n in nodes]
                if marker not in ids:
                    raise errors.BadRequest('Marker %s could not be found.'
                                            % marker)
                nodes = nodes[ids.index(marker) + 1:]
            if wanted['maintenance'] is not None:
                flag = wsgi.as_bool(wanted['maintenance'])
                nodes = [n for n in nodes if n.maintenance == flag]
            if wanted['provision_state'] is not None:
                nodes = [n for n in nodes
                         if n.provision_state == wanted['provision_state']]
            if wanted['associated'] is not None:
                flag = wsgi.as_bool(wanted['associated'])
                nodes = [n for n in nodes
                         if bool(n.instance_uuid) == flag]
            nodes = nodes[:limit]
            views = [self._node_view(n, req.root_url,
                                     detail or bool(fields)) for n in nodes]
        if fields:
            keep = set(fields.split(','))
            views = [{k: v for k, v in view.items() if k in keep}
                     for view in views]
        body = {'nodes': views}
        if limit and len(nodes) == limit:
            body['next'] = wsgi.next_link(req, nodes[-1].uuid)
        return wsgi.Response(200, body)

    def list_nodes(self, req):
        return self._nodes(req, detail=wsgi.as_bool(
            req.param('detail', 'false')))

    def list_nodes_detail(self, req):
        return self._nodes(req, detail=True)

    def show_node(self, req):
        with self.state.lock:
            node = self.state.find_ironic_node(req.match['ident'])
            return wsgi.Response(200, self._node_view(node, req.root_url,
                                                      True))

    def node_states(self, req):
        with self.state.lock:
            node = self.state.find_ironic_node(req.match['ident'])
            return wsgi.Response(200, {
                'power_state': node.power_state,
                'target_power_state': None,
                'provision_state': node.provision_state,
                'target_provision_state': None,
                'last_error': None, 'console_enabled': False,
                'provision_updated_at': None, 'raid_config': {},
                'target_raid_config': {}})

    def set_power(self, req):
        body = req.json()
        target = body.get('target') if isinstance(body, dict) else None
        if not isinstance(target, str) or target not in POWER_TARGETS:
            raise errors.BadRequest(
                "Invalid input for field/attribute target. Value: '%s'. "
                "Value should be one of: %s" % (
                    target, ', '.join(sorted(POWER_TARGETS))))
        with self.state.lock:
            node = self.state.find_ironic_node(req.match['ident'])
            node.power_state = POWER_TARGETS[target]
            node.updated_at = self.state.now(micro=True)
            if node.compute_host:
                compute_ops.set_host_power(self.state, node.compute_host,
                                           node.power_state == 'power on')
        return wsgi.Response(202, None, [
            ('Location', '%s/v1/nodes/%s/states' % (req.root_url,
                                                    node.uuid))])

    def set_maintenance(self, req):
        body = req.json(required=False) or {}
        if not isinstance(body, dict):
            raise errors.BadRequest('The body must be a JSON object.')
        wsgi.require_str(body.get('reason'), 'reason', allow_none=True)
        with self.state.lock:
            node = self.state.find_ironic_node(req.match['ident'])
            node.maintenance = True
            node.maintenance_reason = body.get('reason')
            node.updated_at = self.state.now(micro=True)
        return wsgi.Response(202)

    def unset_maintenance(self, req):
        with self.state.lock:
            node = self.state.find_ironic_node(req.match['ident'])
            node.maintenance = False
            node.maintenance_reason = None
            node.updated_at = self.state.now(micro=True)
        return wsgi.Response(202)
