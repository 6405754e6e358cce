"""Build a :class:`CloudState` from a topology (YAML/JSON file or dict).

The format is documented in doc/source/contributor/emulated-cloud.rst.
Every mistake (unknown flavor, host or key, bad number) raises
:class:`TopologyError` naming the offending entry, so a typo in a scenario
never turns into a silently different cloud.
"""
import json
import os

import yaml

from watcher.emulated_cloud import model
from watcher.emulated_cloud import state as state_mod
from watcher.emulated_cloud import storage_ops

BASE_EPOCH = 1767225600  # 2026-01-01T00:00:00Z: default creation times.
DEFAULT_PASSWORDS = {'admin': 'adminpass', 'watcher': 'watcherpass',
                     'nova': 'novapass', 'placement': 'placementpass',
                     'cinder': 'cinderpass', 'ironic': 'ironicpass'}
DEFAULT_PROJECTS = ['admin', 'service']
SERVER_STATES = ('active', 'stopped', 'paused', 'suspended', 'error',
                 'rescued')
POWER_STATES = ('power on', 'power off', None)

_TOP_KEYS = {'region', 'controller_host', 'allow_resize_to_same_host',
             'action_delay', 'identity', 'hosts', 'flavors', 'aggregates',
             'servers', 'volume_types', 'storage_backends', 'volumes',
             'ironic_nodes', 'seed', 'generator'}
_HOST_KEYS = {'name', 'uuid', 'vcpus', 'memory_mb', 'disk_gb',
              'vcpu_reserved', 'memory_mb_reserved', 'disk_gb_reserved',
              'cpu_allocation_ratio', 'ram_allocation_ratio',
              'disk_allocation_ratio', 'state', 'status', 'disabled_reason',
              'forced_down', 'availability_zone', 'hypervisor_hostname',
              'host_ip', 'hypervisor_type', 'base_load'}
_FLAVOR_KEYS = {'id', 'name', 'vcpus', 'ram', 'disk', 'ephemeral', 'swap',
                'extra_specs', 'is_public', 'description'}
_SERVER_KEYS = {'name', 'uuid', 'flavor', 'host', 'state', 'project_id',
                'user_id', 'metadata', 'locked', 'locked_reason',
                'boot_from_volume', 'image', 'created_at', 'cpu_load',
                'memory_load', 'key_name', 'pinned_availability_zone',
                'description', 'tags'}


class TopologyError(ValueError):
    """The topology is not valid; the message says where and why."""


def load(source):
    """A topology dict from a path, a JSON/YAML text or a dict."""
    if isinstance(source, dict):
        return source
    path = os.fspath(source)
    try:
        with open(path, encoding='utf-8') as stream:
            text = stream.read()
    except OSError as exc:
        raise TopologyError('Cannot read topology %s: %s' % (path, exc))
    try:
        if path.endswith('.json'):
            data = json.loads(text)
        else:
            data = yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        raise TopologyError('Topology %s is not valid JSON/YAML: %s'
                            % (path, exc))
    if not isinstance(data, dict):
        raise TopologyError('Topology %s must be a mapping.' % path)
    return data


def _check_keys(where, entry, allowed):
    if not isinstance(entry, dict):
        raise TopologyError('%s must be a mapping, not %r' % (where, entry))
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise TopologyError('%s: unknown key(s) %s' % (where,
                                                       ', '.join(unknown)))


def _number(where, entry, key, default, kind=int, minimum=0, maximum=None):
    value = entry.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TopologyError('%s: %s must be a number, not %r'
                            % (where, key, value))
    if value < minimum or (maximum is not None and value > maximum):
        raise TopologyError('%s: %s=%r is out of range' % (where, key,
                                                           value))
    return kind(value)


def _choice(where, entry, key, default, choices):
    value = entry.get(key, default)
    if value not in choices:
        raise TopologyError('%s: %s must be one of %s, not %r'
                            % (where, key, ', '.join(map(str, choices)),
                               value))
    return value


def build(source, clock=None):
    """Load ``source`` and return a populated :class:`CloudState`."""
    data = load(source)
    _check_keys('topology', data, _TOP_KEYS)
    cloud = state_mod.CloudState(clock=clock)
    cloud.region = data.get('region', 'RegionOne')
    cloud.controller_host = data.get('controller_host', 'controller')
    cloud.allow_resize_to_same_host = bool(
        data.get('allow_resize_to_same_host', False))
    cloud.action_delay = _number('topology', data, 'action_delay', 0,
                                 float)
    _build_identity(cloud, data.get('identity') or {})
    for i, entry in enumerate(data.get('hosts') or []):
        _build_host(cloud, i, entry)
    for i, entry in enumerate(data.get('flavors') or []):
        _build_flavor(cloud, i, entry)
    for i, entry in enumerate(data.get('aggregates') or []):
        _build_aggregate(cloud, i, entry)
    for i, entry in enumerate(data.get('servers') or []):
        _build_server(cloud, i, entry)
    cloud.sort_servers()
    for i, entry in enumerate(data.get('volume_types') or []):
        _build_volume_type(cloud, i, entry)
    for i, entry in enumerate(data.get('storage_backends') or []):
        _build_backend(cloud, i, entry)
    by_name = {}
    for server in cloud.servers.values():
        by_name.setdefault(server.name, server)
    for i, entry in enumerate(data.get('volumes') or []):
        _build_volume(cloud, i, entry, by_name)
    for i, entry in enumerate(data.get('ironic_nodes') or []):
        _build_ironic_node(cloud, i, entry)
    return cloud


def _build_identity(cloud, data):
    _check_keys('identity', data, {'users', 'projects'})
    users = data.get('users') or DEFAULT_PASSWORDS
    projects = data.get('projects') or DEFAULT_PROJECTS
    cloud.identity = {
        'users': {name: {'password': str(password),
                         'id': state_mod.derived_uuid('user', name).replace(
                             '-', '')}
                  for name, password in sorted(users.items())},
        'projects': {name: state_mod.derived_uuid('project', name).replace(
            '-', '') for name in projects},
    }


def _build_host(cloud, i, entry):
    where = 'hosts[%d]' % i
    _check_keys(where, entry, _HOST_KEYS)
    name = entry.get('name')
    if not name or not isinstance(name, str):
        raise TopologyError('%s: name is required' % where)
    index = len(cloud.hosts) + 1
    host = model.Host(
        name=name,
        uuid=str(entry.get('uuid') or state_mod.derived_uuid('host', name)),
        index=index,
        service_uuid=state_mod.derived_uuid('service', name),
        vcpus=_number(where, entry, 'vcpus', 16, minimum=1),
        memory_mb=_number(where, entry, 'memory_mb', 32768, minimum=1),
        disk_gb=_number(where, entry, 'disk_gb', 500, minimum=1),
        vcpu_reserved=_number(where, entry, 'vcpu_reserved', 0),
        memory_mb_reserved=_number(where, entry, 'memory_mb_reserved', 0),
        disk_gb_reserved=_number(where, entry, 'disk_gb_reserved', 0),
        cpu_allocation_ratio=_number(where, entry, 'cpu_allocation_ratio',
                                     1.0, float),
        ram_allocation_ratio=_number(where, entry, 'ram_allocation_ratio',
                                     1.0, float),
        disk_allocation_ratio=_number(where, entry, 'disk_allocation_ratio',
                                      1.0, float),
        state=_choice(where, entry, 'state', 'up', ('up', 'down')),
        status=_choice(where, entry, 'status', 'enabled',
                       ('enabled', 'disabled')),
        disabled_reason=entry.get('disabled_reason'),
        forced_down=bool(entry.get('forced_down', False)),
        availability_zone=entry.get('availability_zone', 'nova'),
        hypervisor_hostname=entry.get('hypervisor_hostname', name),
        host_ip=entry.get('host_ip', '192.0.2.%d' % (index % 250 + 1)),
        hypervisor_type=entry.get('hypervisor_type', 'QEMU'),
        base_load=_number(where, entry, 'base_load', 0.02, float,
                          maximum=1),
        created_at=state_mod.iso(BASE_EPOCH, micro=True))
    if host.name in cloud.hosts:
        raise TopologyError('%s: duplicate host %s' % (where, name))
    cloud.add_host(host)


def _build_flavor(cloud, i, entry):
    where = 'flavors[%d]' % i
    _check_keys(where, entry, _FLAVOR_KEYS)
    name = entry.get('name')
    if not name:
        raise TopologyError('%s: name is required' % where)
    flavor = model.Flavor(
        id=str(entry.get('id') or state_mod.derived_uuid('flavor', name)),
        name=name,
        vcpus=_number(where, entry, 'vcpus', 1, minimum=1),
        ram=_number(where, entry, 'ram', 512, minimum=1),
        disk=_number(where, entry, 'disk', 0),
        ephemeral=_number(where, entry, 'ephemeral', 0),
        swap=_number(where, entry, 'swap', 0),
        extra_specs={str(k): str(v) for k, v in
                     (entry.get('extra_specs') or {}).items()},
        is_public=bool(entry.get('is_public', True)),
        description=entry.get('description'))
    if flavor.id in cloud.flavors or any(
            f.name == name for f in cloud.flavors.values()):
        raise TopologyError('%s: duplicate flavor %s' % (where, name))
    cloud.add_flavor(flavor)


def _build_aggregate(cloud, i, entry):
    where = 'aggregates[%d]' % i
    _check_keys(where, entry, {'id', 'name', 'availability_zone', 'hosts',
                               'metadata'})
    name = entry.get('name')
    if not name:
        raise TopologyError('%s: name is required' % where)
    hosts = list(entry.get('hosts') or [])
    for host in hosts:
        if host not in cloud.hosts:
            raise TopologyError('%s: unknown host %s' % (where, host))
    agg_id = _number(where, entry, 'id', len(cloud.aggregates) + 1,
                     minimum=1)
    zone = entry.get('availability_zone')
    metadata = {str(k): str(v) for k, v in
                (entry.get('metadata') or {}).items()}
    if zone:
        metadata['availability_zone'] = zone
        for host in hosts:
            cloud.hosts[host].availability_zone = zone
    cloud.aggregates[agg_id] = model.Aggregate(
        id=agg_id, uuid=state_mod.derived_uuid('aggregate', name), name=name,
        availability_zone=zone, hosts=hosts, metadata=metadata,
        created_at=state_mod.iso(BASE_EPOCH, micro=True))


def _build_server(cloud, i, entry):
    where = 'servers[%d]' % i
    _check_keys(where, entry, _SERVER_KEYS)
    name = entry.get('name')
    if not name:
        raise TopologyError('%s: name is required' % where)
    flavor = cloud.find_flavor(entry.get('flavor'))
    if flavor is None:
        raise TopologyError('%s: unknown flavor %r' % (where,
                                                       entry.get('flavor')))
    vm_state = _choice(where, entry, 'state', 'active', SERVER_STATES)
    host_name = entry.get('host')
    host = cloud.hosts.get(host_name) if host_name else None
    if host_name and host is None:
        raise TopologyError('%s: unknown host %s' % (where, host_name))
    if host is None and vm_state != 'error':
        raise TopologyError('%s: a %s server needs a host' % (where,
                                                              vm_state))
    index = cloud.new_server_index()
    bfv = bool(entry.get('boot_from_volume', False))
    image = None if bfv else str(entry.get(
        'image', state_mod.derived_uuid('image', 'cirros')))
    created = entry.get('created_at') or state_mod.iso(BASE_EPOCH + index)
    loads = {}
    for key in ('cpu_load', 'memory_load'):
        if entry.get(key) is not None:
            loads[key] = _number(where, entry, key, None, float, maximum=1)
    server = model.Server(
        uuid=str(entry.get('uuid') or state_mod.derived_uuid('server',
                                                             name)),
        name=name, index=index, flavor=flavor,
        host=host.name if host else None,
        node=host.hypervisor_hostname if host else None,
        project_id=str(entry.get('project_id', 'demo-project')),
        user_id=str(entry.get('user_id', 'demo-user')),
        vm_state=vm_state, power_state=model.VM_STATES[vm_state][1],
        metadata={str(k): str(v) for k, v in
                  (entry.get('metadata') or {}).items()},
        locked=bool(entry.get('locked', False)),
        locked_reason=entry.get('locked_reason'),
        image_ref=image,
        availability_zone=host.availability_zone if host else 'nova',
        pinned_availability_zone=entry.get('pinned_availability_zone'),
        key_name=entry.get('key_name'),
        description=entry.get('description'),
        tags=list(entry.get('tags') or []),
        created_at=created, updated_at=created, launched_at=created,
        **loads)
    if server.uuid in cloud.servers:
        raise TopologyError('%s: duplicate server uuid %s'
                            % (where, server.uuid))
    cloud.add_server(server)


def _build_volume_type(cloud, i, entry):
    where = 'volume_types[%d]' % i
    _check_keys(where, entry, {'id', 'name', 'extra_specs', 'description',
                               'is_public'})
    name = entry.get('name')
    if not name:
        raise TopologyError('%s: name is required' % where)
    vtype = model.VolumeType(
        id=str(entry.get('id') or state_mod.derived_uuid('vtype', name)),
        name=name,
        extra_specs={str(k): str(v) for k, v in
                     (entry.get('extra_specs') or {}).items()},
        description=entry.get('description'),
        is_public=bool(entry.get('is_public', True)))
    cloud.volume_types[vtype.id] = vtype


def _build_backend(cloud, i, entry):
    where = 'storage_backends[%d]' % i
    _check_keys(where, entry, {'host', 'backend_name', 'zone', 'status',
                               'state', 'disabled_reason', 'pools'})
    host = entry.get('host')
    if not host or '@' not in host:
        raise TopologyError('%s: host must look like node@backend' % where)
    backend = model.StorageBackend(
        host=host,
        backend_name=entry.get('backend_name', host.partition('@')[2]),
        zone=entry.get('zone', 'nova'),
        status=_choice(where, entry, 'status', 'enabled',
                       ('enabled', 'disabled')),
        state=_choice(where, entry, 'state', 'up', ('up', 'down')),
        disabled_reason=entry.get('disabled_reason'),
        id=len(cloud.backends) + 1)
    cloud.backends[host] = backend
    pools = entry.get('pools') or [{'name': backend.backend_name}]
    for j, pool_entry in enumerate(pools):
        pwhere = '%s.pools[%d]' % (where, j)
        _check_keys(pwhere, pool_entry, {
            'name', 'total_capacity_gb', 'reserved_percentage',
            'max_over_subscription_ratio', 'thin_provisioning'})
        pool_name = '%s#%s' % (host, pool_entry.get('name',
                                                    backend.backend_name))
        cloud.pools[pool_name] = model.Pool(
            name=pool_name, backend=host,
            total_capacity_gb=_number(pwhere, pool_entry,
                                      'total_capacity_gb', 1000),
            reserved_percentage=_number(pwhere, pool_entry,
                                        'reserved_percentage', 0,
                                        maximum=100),
            max_over_subscription_ratio=_number(
                pwhere, pool_entry, 'max_over_subscription_ratio', 20.0,
                float),
            thin_provisioning=bool(pool_entry.get('thin_provisioning',
                                                  False)))


def _build_volume(cloud, i, entry, servers_by_name):
    where = 'volumes[%d]' % i
    _check_keys(where, entry, {
        'id', 'name', 'size', 'pool', 'volume_type', 'project_id',
        'user_id', 'status', 'attached_to', 'bootable', 'multiattach',
        'metadata', 'snapshot_id', 'created_at', 'description'})
    name = entry.get('name') or ''
    pool_ref = entry.get('pool')
    pool = cloud.pools.get(pool_ref) or next(
        (p for p in cloud.pools.values() if p.backend == pool_ref), None)
    if pool is None:
        raise TopologyError('%s: unknown pool %r' % (where, pool_ref))
    vtype_ref = entry.get('volume_type')
    vtype = cloud.find_volume_type(vtype_ref) if vtype_ref else None
    if vtype_ref and vtype is None:
        raise TopologyError('%s: unknown volume type %r'
                            % (where, vtype_ref))
    created = entry.get('created_at') or state_mod.iso(
        BASE_EPOCH + len(cloud.volumes) + 1)
    volume = model.Volume(
        id=str(entry.get('id') or state_mod.derived_uuid(
            'volume', name or str(i))),
        name=name, size=_number(where, entry, 'size', 1, minimum=1),
        pool=pool.name, volume_type=vtype.name if vtype else None,
        project_id=str(entry.get('project_id', 'demo-project')),
        user_id=str(entry.get('user_id', 'demo-user')),
        status=_choice(where, entry, 'status', 'available',
                       ('available', 'in-use', 'error', 'creating',
                        'deleting', 'maintenance', 'reserved')),
        bootable=bool(entry.get('bootable', False)),
        multiattach=bool(entry.get('multiattach', False)),
        snapshot_id=entry.get('snapshot_id'),
        metadata={str(k): str(v) for k, v in
                  (entry.get('metadata') or {}).items()},
        description=entry.get('description'),
        created_at=created, updated_at=created)
    cloud.volumes[volume.id] = volume
    storage_ops.place_volume(cloud, volume, pool.name)
    attached = entry.get('attached_to') or []
    if isinstance(attached, str):
        attached = [attached]
    for ref in attached:
        server = cloud.servers.get(ref) or servers_by_name.get(ref)
        if server is None:
            raise TopologyError('%s: unknown server %r' % (where, ref))
        storage_ops.attach(cloud, volume, server,
                           '/dev/vda' if (volume.bootable and
                                          server.boot_from_volume) else None)


def _build_ironic_node(cloud, i, entry):
    where = 'ironic_nodes[%d]' % i
    _check_keys(where, entry, {
        'uuid', 'name', 'power_state', 'provision_state', 'maintenance',
        'maintenance_reason', 'extra', 'properties', 'driver',
        'compute_host', 'resource_class'})
    name = entry.get('name')
    extra = dict(entry.get('extra') or {})
    compute_host = entry.get('compute_host')
    if compute_host:
        host = cloud.hosts.get(compute_host)
        if host is None:
            raise TopologyError('%s: unknown compute_host %s'
                                % (where, compute_host))
        extra.setdefault('compute_node_id', host.uuid)
    node = model.IronicNode(
        uuid=str(entry.get('uuid') or state_mod.derived_uuid(
            'ironic', name or str(i))),
        name=name,
        power_state=_choice(where, entry, 'power_state', 'power on',
                            POWER_STATES),
        provision_state=entry.get('provision_state', 'active'),
        maintenance=bool(entry.get('maintenance', False)),
        maintenance_reason=entry.get('maintenance_reason'),
        extra=extra, properties=dict(entry.get('properties') or {}),
        driver=entry.get('driver', 'fake-hardware'),
        resource_class=entry.get('resource_class', 'baremetal'),
        compute_host=compute_host,
        created_at=state_mod.iso(BASE_EPOCH, micro=True))
    if compute_host and not node.properties:
        host = cloud.hosts[compute_host]
        node.properties = {'cpus': host.vcpus, 'memory_mb': host.memory_mb,
                           'local_gb': host.disk_gb, 'cpu_arch': 'x86_64'}
    if compute_host and node.power_state == 'power off':
        cloud.hosts[compute_host].state = 'down'
    cloud.ironic_nodes[node.uuid] = node
