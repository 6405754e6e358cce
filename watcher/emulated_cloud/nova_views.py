"""JSON views of the emulated Nova, shaped by the request microversion.

The shapes follow the compute API reference: UUID ids from 2.53, the
flavor embedded in servers from 2.47, hypervisor resource fields dropped
at 2.88, ``pinned_availability_zone`` from 2.96, and so on. ``root`` is
the service root URL (``http://host:port/compute``) used in links.
"""
import hashlib

from watcher.emulated_cloud import state as state_mod

V2_3, V2_9, V2_11, V2_16, V2_19, V2_23, V2_26, V2_28 = (
    (2, 3), (2, 9), (2, 11), (2, 16), (2, 19), (2, 23), (2, 26), (2, 28))
V2_41, V2_47, V2_53, V2_55, V2_59, V2_61, V2_63, V2_71, V2_73 = (
    (2, 41), (2, 47), (2, 53), (2, 55), (2, 59), (2, 61), (2, 63), (2, 71),
    (2, 73))
V2_75, V2_80, V2_88, V2_96, V2_98, V2_100 = (
    (2, 75), (2, 80), (2, 88), (2, 96), (2, 98), (2, 100))

HYPERVISOR_VERSION = 8002000


def _links(root, kind, ident):
    return [{'rel': 'self', 'href': '%s/v2.1/%s/%s' % (root, kind, ident)},
            {'rel': 'bookmark', 'href': '%s/%s/%s' % (root, kind, ident)}]


def host_status(host):
    if host is None:
        return ''
    if host.service_state == 'down':
        return 'DOWN'
    if host.status == 'disabled':
        return 'MAINTENANCE'
    return 'UP'


def embedded_flavor(flavor, version, root):
    if version >= V2_47:
        return {'vcpus': flavor.vcpus, 'ram': flavor.ram,
                'disk': flavor.disk, 'ephemeral': flavor.ephemeral,
                'swap': flavor.swap, 'original_name': flavor.name,
                'extra_specs': dict(flavor.extra_specs)}
    return {'id': flavor.id,
            'links': [{'rel': 'bookmark',
                       'href': '%s/flavors/%s' % (root, flavor.id)}]}


def server_summary(server, root):
    return {'id': server.uuid, 'name': server.name,
            'links': _links(root, 'servers', server.uuid)}


def server_detail(server, host, version, root, show=False):
    """The ``servers/detail`` (or ``show``) body of one server."""
    if server.image_ref:
        image = {'id': server.image_ref,
                 'links': [{'rel': 'bookmark', 'href': '%s/images/%s'
                            % (root, server.image_ref)}]}
        if version >= V2_98:
            image['properties'] = {}
    else:
        image = ''
    host_id = ''
    if server.host:
        host_id = hashlib.sha224(
            (server.project_id + server.host).encode()).hexdigest()
    volumes = [{'id': v} for v in server.volumes]
    if version >= V2_3:
        for volume in volumes:
            volume['delete_on_termination'] = False
    body = {
        'id': server.uuid, 'name': server.name, 'status': server.status,
        'tenant_id': server.project_id, 'user_id': server.user_id,
        'metadata': dict(server.metadata), 'hostId': host_id,
        'image': image,
        'flavor': embedded_flavor(server.flavor, version, root),
        'created': server.created_at, 'updated': server.updated_at,
        'addresses': {}, 'accessIPv4': '', 'accessIPv6': '',
        'links': _links(root, 'servers', server.uuid),
        'OS-DCF:diskConfig': 'MANUAL', 'progress': 0,
        'OS-EXT-AZ:availability_zone': server.availability_zone,
        'config_drive': '', 'key_name': server.key_name,
        'OS-SRV-USG:launched_at': server.launched_at,
        'OS-SRV-USG:terminated_at': None,
        'OS-EXT-SRV-ATTR:host': server.host,
        'OS-EXT-SRV-ATTR:instance_name': server.instance_name,
        'OS-EXT-SRV-ATTR:hypervisor_hostname': server.node,
        'OS-EXT-STS:task_state': server.task_state,
        'OS-EXT-STS:vm_state': server.vm_state,
        'OS-EXT-STS:power_state': server.power_state,
        'os-extended-volumes:volumes_attached': volumes,
        'security_groups': [{'name': 'default'}],
    }
    if version >= V2_3:
        body.update({
            'OS-EXT-SRV-ATTR:reservation_id': 'r-%08x' % server.index,
            'OS-EXT-SRV-ATTR:launch_index': 0,
            'OS-EXT-SRV-ATTR:hostname': server.name.lower(),
            'OS-EXT-SRV-ATTR:kernel_id': '',
            'OS-EXT-SRV-ATTR:ramdisk_id': '',
            'OS-EXT-SRV-ATTR:root_device_name': '/dev/vda',
            'OS-EXT-SRV-ATTR:user_data': None})
    if version >= V2_9:
        body['locked'] = server.locked
    if version >= V2_16:
        body['host_status'] = host_status(host)
    if version >= V2_19:
        body['description'] = server.description
    if version >= V2_26:
        body['tags'] = list(server.tags)
    if version >= V2_63:
        body['trusted_image_certificates'] = None
    if version >= V2_71 and show:
        body['server_groups'] = []
    if version >= V2_73:
        body['locked_reason'] = server.locked_reason
    if version >= V2_96:
        body['pinned_availability_zone'] = server.pinned_availability_zone
    if version >= V2_100:
        body['scheduler_hints'] = {}
    return body


def flavor_view(flavor, version, root, detail=True):
    body = {'id': flavor.id, 'name': flavor.name,
            'links': _links(root, 'flavors', flavor.id)}
    if version >= V2_55:
        body['description'] = flavor.description
    if not detail:
        return body
    swap = flavor.swap
    if not swap and version < V2_75:
        swap = ''
    body.update({'ram': flavor.ram, 'disk': flavor.disk,
                 'vcpus': flavor.vcpus,
                 'OS-FLV-EXT-DATA:ephemeral': flavor.ephemeral,
                 'swap': swap, 'rxtx_factor': flavor.rxtx_factor,
                 'os-flavor-access:is_public': flavor.is_public,
                 'OS-FLV-DISABLED:disabled': False})
    if version >= V2_61:
        body['extra_specs'] = dict(flavor.extra_specs)
    return body


def hypervisor_id(host, version):
    return host.uuid if version >= V2_53 else host.index


def service_id(host, version):
    return host.service_uuid if version >= V2_53 else host.index


def hypervisor_view(state, host, version, detail, with_servers, show=False):
    body = {'id': hypervisor_id(host, version),
            'hypervisor_hostname': host.hypervisor_hostname,
            'state': host.service_state,
            'status': 'disabled' if host.status == 'disabled'
            else 'enabled'}
    if detail:
        body.update({
            'hypervisor_type': host.hypervisor_type,
            'hypervisor_version': HYPERVISOR_VERSION,
            'host_ip': host.host_ip,
            'service': {'host': host.name,
                        'id': service_id(host, version),
                        'disabled_reason': host.disabled_reason}})
        if version < V2_88:
            memory_used = host.used['MEMORY_MB'] + host.memory_mb_reserved
            disk_used = host.used['DISK_GB'] + host.disk_gb_reserved
            body.update({
                'vcpus': host.vcpus, 'memory_mb': host.memory_mb,
                'local_gb': host.disk_gb,
                'vcpus_used': host.used['VCPU'],
                'memory_mb_used': memory_used, 'local_gb_used': disk_used,
                'free_ram_mb': host.memory_mb - memory_used,
                'free_disk_gb': host.disk_gb - disk_used,
                'current_workload': 0, 'running_vms': len(host.servers),
                'disk_available_least': host.disk_gb - disk_used,
                'cpu_info': ({'arch': 'x86_64', 'model': 'host-model',
                              'vendor': 'Intel', 'topology': {
                                  'cores': host.vcpus, 'threads': 1,
                                  'sockets': 1}}
                             if version >= V2_28 else '{}')})
        elif show:
            body['uptime'] = ' 10:00:00 up 10 days,  1 user,  load average:' \
                ' 0.10, 0.10, 0.10'
    if with_servers:
        servers = [{'name': state.servers[u].instance_name, 'uuid': u}
                   for u in host.servers]
        if servers or version >= V2_75:
            body['servers'] = servers
    return body


def service_view(host, version, now):
    body = {'id': service_id(host, version), 'binary': 'nova-compute',
            'host': host.name, 'zone': host.availability_zone,
            'status': host.status, 'state': host.service_state,
            'updated_at': host.updated_at or now,
            'disabled_reason': host.disabled_reason}
    if version >= V2_11:
        body['forced_down'] = host.forced_down
    return body


def controller_services(state, version, now):
    """nova-scheduler and nova-conductor on the controller host."""
    result = []
    base = len(state.hosts)
    for i, binary in enumerate(('nova-scheduler', 'nova-conductor')):
        body = {'id': (state_uuid(state, binary) if version >= V2_53
                       else base + i + 1),
                'binary': binary, 'host': state.controller_host,
                'zone': 'internal', 'status': 'enabled', 'state': 'up',
                'updated_at': now, 'disabled_reason': None}
        if version >= V2_11:
            body['forced_down'] = False
        result.append(body)
    return result


def state_uuid(state, binary):
    return state_mod.derived_uuid('service', '%s:%s' % (
        state.controller_host, binary))


def aggregate_view(aggregate, version):
    body = {'id': aggregate.id, 'name': aggregate.name,
            'availability_zone': aggregate.availability_zone,
            'hosts': list(aggregate.hosts),
            'metadata': dict(aggregate.metadata),
            'created_at': aggregate.created_at, 'updated_at': None,
            'deleted_at': None, 'deleted': False}
    if version >= V2_41:
        body['uuid'] = aggregate.uuid
    return body


def server_migration_view(migration, version):
    body = {'id': migration.id, 'server_uuid': migration.server_uuid,
            'source_compute': migration.source_compute,
            'source_node': migration.source_node,
            'dest_compute': migration.dest_compute,
            'dest_node': migration.dest_node, 'dest_host': None,
            'status': migration.status,
            'created_at': migration.created_at,
            'updated_at': migration.updated_at,
            'memory_total_bytes': 0, 'memory_processed_bytes': 0,
            'memory_remaining_bytes': 0, 'disk_total_bytes': 0,
            'disk_processed_bytes': 0, 'disk_remaining_bytes': 0}
    if version >= V2_59:
        body['uuid'] = migration.uuid
    if version >= V2_80:
        body['project_id'] = migration.project_id
        body['user_id'] = migration.user_id
    return body


def migration_view(migration, version, root):
    body = {'id': migration.id, 'instance_uuid': migration.server_uuid,
            'source_compute': migration.source_compute,
            'source_node': migration.source_node,
            'dest_compute': migration.dest_compute,
            'dest_node': migration.dest_node, 'dest_host': None,
            'old_instance_type_id': migration.old_flavor_id,
            'new_instance_type_id': migration.new_flavor_id,
            'status': migration.status,
            'created_at': migration.created_at,
            'updated_at': migration.updated_at}
    if version >= V2_23:
        body['migration_type'] = migration.migration_type
        if (migration.migration_type == 'live-migration' and
                migration.status == 'running'):
            body['links'] = [{'rel': 'self', 'href': '%s/v2.1/servers/%s/'
                              'migrations/%d' % (root, migration.server_uuid,
                                                 migration.id)}]
    if version >= V2_59:
        body['uuid'] = migration.uuid
    if version >= V2_80:
        body['project_id'] = migration.project_id
        body['user_id'] = migration.user_id
    return body
