"""Reading Nova and Placement for the compute model.

Requests go through the openstacksdk compute and placement proxies and are
read as raw JSON (see ``http``). Turning response bodies into model
records lives here too, shared by the collector (bulk build), the
notification endpoints (a node Nova just announced) and the compute scope
(aggregates, zones).

Bodies read (compute microversion >= 2.53, default 2.56): a hypervisor has
``id`` (uuid), ``hypervisor_hostname``, ``hypervisor_type``, ``state``,
``status``, ``service`` {host, disabled_reason}, ``servers`` [{uuid}]
and, before 2.88, ``vcpus``/``memory_mb``/``local_gb``; a server has
``id``, ``name``, ``OS-EXT-STS:vm_state``, ``OS-EXT-SRV-ATTR:host``,
``OS-EXT-SRV-ATTR:hypervisor_hostname``, ``tenant_id``, ``metadata``,
``locked``, ``created``, ``image`` ('' when booted from volume),
``flavor`` (embedded since 2.47) and, since 2.96,
``pinned_availability_zone``.
"""
import collections

from openstack import exceptions as sdk_exceptions
from oslo_log import log

from watcher import conf
from watcher.decision_engine.model.collector import http
from watcher.decision_engine.model.collector import retry
from watcher.decision_engine.model import element

CONF = conf.CONF
LOG = log.getLogger(__name__)

IRONIC_HYPERVISOR_TYPE = 'ironic'
PAGE_SIZE = 1000
PINNED_AZ_MIN_VERSION = (2, 96)

Aggregate = collections.namedtuple('Aggregate', 'id name hosts')
ComputeService = collections.namedtuple('ComputeService', 'host zone')
Capacity = collections.namedtuple('Capacity', 'total reserved ratio')


def _version_tuple(text):
    major, _, minor = str(text).partition('.')
    return int(major), int(minor or 0)


# -- reads --------------------------------------------------------------------

def list_hypervisors(conn, hostname=None):
    """Hypervisor bodies with their servers (paginated).

    Nova refuses ``limit``/``marker`` together with a hostname pattern, so
    a pattern search is one unpaginated call.
    """
    params = {'with_servers': 'true'}
    if hostname:
        params['hypervisor_hostname_pattern'] = hostname
    else:
        params['limit'] = PAGE_SIZE
    return http.list_paged(conn.compute, '/os-hypervisors/detail',
                           'hypervisors', params, 'Listing hypervisors')


def list_servers(conn, on_page=None):
    """Every server body of every project, in large pages.

    With ``on_page``, pages are handed to it as they arrive (see
    ``http.list_paged``).
    """
    return http.list_paged(conn.compute, '/servers/detail', 'servers',
                           {'all_tenants': 'True', 'limit': PAGE_SIZE},
                           'Listing servers', on_page=on_page)


def list_flavors(conn):
    return http.list_paged(conn.compute, '/flavors/detail', 'flavors',
                           {'is_public': 'None'}, 'Listing flavors')


def get_inventories(conn, provider_uuid):
    """{resource class: Capacity} of a resource provider ({} if none)."""
    try:
        body = retry.call_with_retries(
            'Reading inventories of %s' % provider_uuid, http.get_json,
            conn.placement, '/resource_providers/%s/inventories' %
            provider_uuid)
    except sdk_exceptions.NotFoundException:
        return {}
    inventories = body.get('inventories') or {}
    return {resource_class: Capacity(
        inventory.get('total') or 0, inventory.get('reserved') or 0,
        1.0 if inventory.get('allocation_ratio') is None
        else inventory['allocation_ratio'])
        for resource_class, inventory in inventories.items()}


def list_aggregates(conn):
    body = retry.call_with_retries('Listing host aggregates', http.get_json,
                                   conn.compute, '/os-aggregates')
    return [Aggregate(agg.get('id'), agg.get('name'),
                      tuple(agg.get('hosts') or ()))
            for agg in body.get('aggregates') or ()]


def list_compute_services(conn):
    body = retry.call_with_retries('Listing compute services',
                                   http.get_json, conn.compute,
                                   '/os-services',
                                   {'binary': 'nova-compute'})
    return [ComputeService(svc.get('host'), svc.get('zone'))
            for svc in body.get('services') or ()]


class NovaInventory(object):
    """Aggregates and zones, read once per scope evaluation."""

    def __init__(self, conn):
        self._conn = conn

    def aggregates(self):
        return list_aggregates(self._conn)

    def compute_services(self):
        return list_compute_services(self._conn)


# -- bodies -> records --------------------------------------------------------

def is_ironic(hypervisor):
    return (hypervisor.get('hypervisor_type') or '').lower() == \
        IRONIC_HYPERVISOR_TYPE


def service_host(hypervisor):
    service = hypervisor.get('service') or {}
    return service.get('host') or hypervisor.get('hypervisor_hostname')


def build_compute_node(hypervisor, inventories):
    """A ComputeNode from a hypervisor body and its inventories.

    Without an inventory for a resource class, the hypervisor's own total
    is used with nothing reserved and a ratio of 1.0.
    """
    if not hypervisor.get('id'):
        raise ValueError('hypervisor %r has no id' %
                         hypervisor.get('hypervisor_hostname'))

    def capacity(resource_class, fallback):
        found = inventories.get(resource_class)
        if found is not None:
            return found
        return Capacity(hypervisor.get(fallback) or 0, 0, 1.0)

    vcpu = capacity('VCPU', 'vcpus')
    memory = capacity('MEMORY_MB', 'memory_mb')
    disk = capacity('DISK_GB', 'local_gb')
    service = hypervisor.get('service') or {}
    return element.ComputeNode(
        uuid=str(hypervisor['id']),
        hostname=service_host(hypervisor),
        state=hypervisor.get('state') or 'up',
        status=hypervisor.get('status') or 'enabled',
        disabled_reason=service.get('disabled_reason'),
        vcpus=vcpu.total, vcpu_reserved=vcpu.reserved,
        vcpu_ratio=vcpu.ratio,
        memory=memory.total, memory_mb_reserved=memory.reserved,
        memory_ratio=memory.ratio,
        disk=disk.total, disk_gb_reserved=disk.reserved,
        disk_ratio=disk.ratio)


def needs_flavor_lookup(server):
    """True when the server body only references its flavor (< 2.47)."""
    flavor = server.get('flavor')
    return isinstance(flavor, dict) and 'vcpus' not in flavor


def _flavor_of(server, flavors_by_id):
    flavor = server.get('flavor')
    if not isinstance(flavor, dict):
        raise ValueError('server has no flavor')
    if 'vcpus' not in flavor:
        flavor = (flavors_by_id or {}).get(flavor.get('id'))
        if flavor is None:
            raise ValueError('flavor %s not found' %
                             server['flavor'].get('id'))
    return flavor


def boots_from_volume(server):
    image = server.get('image')
    return not image or not (isinstance(image, dict) and image.get('id'))


def build_instance(server, flavors_by_id=None):
    """An Instance from a server body."""
    flavor = _flavor_of(server, flavors_by_id)
    extended = CONF.compute_model.enable_extended_attributes
    pinned_az = ''
    if extended and _version_tuple(CONF.nova.api_version) >= \
            PINNED_AZ_MIN_VERSION:
        pinned_az = server.get('pinned_availability_zone') or ''
    ephemeral = flavor.get('ephemeral',
                           flavor.get('OS-FLV-EXT-DATA:ephemeral'))
    return element.Instance(
        uuid=server['id'],
        name=server.get('name') or '',
        state=server.get('OS-EXT-STS:vm_state') or 'active',
        memory=flavor.get('ram') or 0,
        vcpus=flavor.get('vcpus') or 0,
        disk=element.instance_disk_gb(flavor.get('disk'), ephemeral,
                                      flavor.get('swap') or 0,
                                      boots_from_volume(server)),
        metadata=server.get('metadata') or {},
        project_id=server.get('tenant_id') or '',
        locked=bool(server.get('locked')),
        host=server.get('OS-EXT-SRV-ATTR:host') or '',
        hypervisor_hostname=server.get(
            'OS-EXT-SRV-ATTR:hypervisor_hostname') or '',
        created=server.get('created'),
        pinned_az=pinned_az,
        flavor_extra_specs=(flavor.get('extra_specs') or {}) if extended
        else {})


def fetch_compute_node(conn, hostname):
    """The node Nova knows as service host ``hostname``, or None.

    The hostname pattern filter matches hypervisor names only (and Nova
    answers 404 when nothing matches), so a full listing is the fallback
    when the service host differs from the hypervisor name.
    """
    try:
        candidates = list_hypervisors(conn, hostname=hostname)
    except sdk_exceptions.NotFoundException:
        candidates = []
    for attempt in (candidates, None):
        if attempt is None:
            attempt = list_hypervisors(conn)
        for hypervisor in attempt:
            if is_ironic(hypervisor):
                continue
            if hostname in (service_host(hypervisor),
                            hypervisor.get('hypervisor_hostname')):
                return build_compute_node(
                    hypervisor, get_inventories(conn, hypervisor['id']))
    return None
