"""Notification payloads shaped like the ones Nova and Cinder send."""


def _versioned(name, version, data):
    return {'nova_object.name': name,
            'nova_object.namespace': 'nova',
            'nova_object.version': version,
            'nova_object.data': data}


def flavor_payload(vcpus=2, memory_mb=2048, root_gb=20, ephemeral_gb=0,
                   swap=0, extra_specs=None):
    return _versioned('FlavorPayload', '1.4', {
        'flavorid': 'flavor-%d-%d' % (vcpus, memory_mb),
        'name': 'm1.custom',
        'memory_mb': memory_mb,
        'vcpus': vcpus,
        'root_gb': root_gb,
        'ephemeral_gb': ephemeral_gb,
        'swap': swap,
        'disabled': False,
        'is_public': True,
        'rxtx_factor': 1.0,
        'vcpu_weight': 0,
        'description': None,
        'extra_specs': extra_specs or {},
        'projects': None,
    })


def instance_payload(uuid, host='host1', node=None, state='active',
                     image_uuid='155d900f-4e14-4e4c-a73d-069cbf4541e6',
                     locked=False, metadata=None, tenant_id='project-a',
                     name=None, **flavor):
    return _versioned('InstanceActionPayload', '1.8', {
        'uuid': uuid,
        'display_name': name or 'vm-%s' % uuid[:8],
        'display_description': '',
        'host': host,
        'node': node if node is not None else host,
        'host_name': 'vm',
        'state': state,
        'power_state': 'running' if state == 'active' else 'shutdown',
        'task_state': None,
        'tenant_id': tenant_id,
        'user_id': 'user-1',
        'image_uuid': image_uuid,
        'metadata': metadata or {},
        'created_at': '2026-03-01T12:00:00Z',
        'launched_at': '2026-03-01T12:00:30Z',
        'terminated_at': None,
        'deleted_at': None,
        'locked': locked,
        'availability_zone': 'nova',
        'kernel_id': '',
        'ramdisk_id': '',
        'reservation_id': 'r-1',
        'os_type': None,
        'architecture': None,
        'progress': 0,
        'flavor': flavor_payload(**flavor),
        'ip_addresses': [],
        'block_devices': [],
        'fault': None,
    })


def service_payload(host, binary='nova-compute', disabled=False,
                    disabled_reason=None, forced_down=False):
    return _versioned('ServiceStatusPayload', '1.1', {
        'host': host,
        'binary': binary,
        'topic': 'compute',
        'report_count': 1,
        'disabled': disabled,
        'disabled_reason': disabled_reason,
        'availability_zone': None,
        'last_seen_up': '2026-03-01T12:00:00Z',
        'forced_down': forced_down,
        'version': 66,
        'uuid': 'service-%s' % host,
    })


def capacity_payload(pool_name, total=1000, free=600, allocated=400,
                     provisioned=450, virtual_free=550):
    return {'name_to_id': pool_name, 'total': total, 'free': free,
            'allocated': allocated, 'provisioned': provisioned,
            'virtual_free': virtual_free, 'reported_at': '2026-03-01'}


def volume_payload(volume_id, host='storage1@lvm#pool1', size=10,
                   status='available', volume_type='type-id-1',
                   attachments=(), bootable=False, tenant_id='project-a',
                   name='vol'):
    payload = {
        'volume_id': volume_id,
        'display_name': name,
        'size': size,
        'status': status,
        'host': host,
        'tenant_id': tenant_id,
        'user_id': 'user-1',
        'availability_zone': 'nova',
        'volume_type': volume_type,
        'snapshot_id': None,
        'created_at': '2026-03-01 12:00:00',
        'launched_at': '2026-03-01 12:00:10',
        'replication_status': None,
        'metadata': [{'key': 'purpose', 'value': 'db'}],
        'volume_attachment': [{'id': 'att-%d' % index,
                               'instance_uuid': server,
                               'attach_status': 'attached'}
                              for index, server in enumerate(attachments)],
    }
    if bootable:
        payload['glance_metadata'] = [{'key': 'image_id', 'value': 'img'}]
    return payload
