"""Reading Cinder (raw JSON through the block-storage proxy, see ``http``).

Shared by the storage collector (bulk build) and the Cinder notification
endpoints (a pool or backend the model lacks, a volume type id to name).
"""
from oslo_log import log

from watcher.common import exception
from watcher.decision_engine.model.collector import http
from watcher.decision_engine.model.collector import retry
from watcher.decision_engine.model import element

LOG = log.getLogger(__name__)

VOLUME_BINARY = 'cinder-volume'
VOLUMES_PAGE_SIZE = 1000
POOL_CAPACITY_FIELDS = ('total_volumes', 'total_capacity_gb',
                        'free_capacity_gb', 'provisioned_capacity_gb',
                        'allocated_capacity_gb', 'virtual_free')


def list_volume_services(conn):
    body = retry.call_with_retries('Listing volume services', http.get_json,
                                   conn.block_storage, '/os-services',
                                   {'binary': VOLUME_BINARY})
    return body.get('services') or []


def list_volume_types(conn):
    body = retry.call_with_retries('Listing volume types', http.get_json,
                                   conn.block_storage, '/types',
                                   {'is_public': 'None'})
    return body.get('volume_types') or []


def list_pools(conn):
    body = retry.call_with_retries('Listing storage pools', http.get_json,
                                   conn.block_storage,
                                   '/scheduler-stats/get_pools',
                                   {'detail': 'True'})
    return body.get('pools') or []


def list_volumes(conn):
    return http.list_paged(conn.block_storage, '/volumes/detail', 'volumes',
                           {'all_tenants': 'True',
                            'limit': VOLUMES_PAGE_SIZE}, 'Listing volumes')


def backend_name(host):
    """``hostname@backend`` -> ``backend`` ('' for a bare hostname)."""
    return host.split('@', 1)[1] if '@' in (host or '') else ''


def types_by_backend(volume_types):
    """{backend name: sorted volume type names} from the types' specs."""
    result = {}
    for vtype in volume_types:
        backend = (vtype.get('extra_specs') or {}).get('volume_backend_name')
        if backend and vtype.get('name'):
            result.setdefault(backend, set()).add(vtype['name'])
    return {backend: sorted(names) for backend, names in result.items()}


def build_storage_node(service, backend_types):
    return element.StorageNode(
        host=service['host'],
        zone=service.get('zone') or '',
        state=service.get('state') or 'up',
        status=service.get('status') or 'enabled',
        volume_type=backend_types.get(backend_name(service['host']), ()))


def build_pool(name, capabilities):
    """A Pool; InvalidPoolAttributeValue for a non-numeric capacity."""
    values = {'name': name}
    for field in POOL_CAPACITY_FIELDS:
        raw = (capabilities or {}).get(field)
        if raw is None:
            continue
        try:
            values[field] = int(float(raw))
        except (TypeError, ValueError, OverflowError):
            raise exception.InvalidPoolAttributeValue(name=name,
                                                      attribute=field)
    return element.Pool(**values)


def build_volume(volume):
    """A Volume from a ``volumes/detail`` body."""
    attachments = [{'server_id': item.get('server_id'),
                    'attachment_id': item.get('attachment_id')}
                   for item in volume.get('attachments') or ()
                   if isinstance(item, dict)]
    bootable = str(volume.get('bootable', 'false')).lower()
    return element.Volume(
        uuid=volume['id'],
        size=volume.get('size') or 0,
        status=volume.get('status') or 'available',
        attachments=attachments,
        name=volume.get('name') or '',
        multiattach=bool(volume.get('multiattach')),
        snapshot_id=volume.get('snapshot_id') or '',
        project_id=volume.get('os-vol-tenant-attr:tenant_id') or '',
        metadata=volume.get('metadata') or {},
        bootable='true' if bootable == 'true' else 'false',
        volume_type=volume.get('volume_type') or '',
        created_at=volume.get('created_at') or '',
        host=volume.get('os-vol-host-attr:host') or '')


def fetch_storage_node(conn, host):
    """The backend ``host`` (``hostname@backend``) or None."""
    backend_types = types_by_backend(list_volume_types(conn))
    for service in list_volume_services(conn):
        if service.get('host') == host:
            return build_storage_node(service, backend_types)
    return None


def fetch_pool(conn, name):
    """The pool ``name`` with its current capacities, or None."""
    for pool in list_pools(conn):
        if pool.get('name') == name:
            return build_pool(name, pool.get('capabilities'))
    return None


def volume_type_name(conn, type_id):
    """The name of a volume type given its id ('' when unknown)."""
    if not type_id:
        return ''
    for vtype in list_volume_types(conn):
        if type_id in (vtype.get('id'), vtype.get('name')):
            return vtype.get('name') or ''
    return ''
