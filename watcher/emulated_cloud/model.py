"""The emulated cloud's records: plain dataclasses, no behaviour of note.

Nova, Placement, Cinder and Ironic views are all computed from these, so a
change made through one API (a live migration) is seen by all the others
(hypervisor servers, placement usages, metrics, notifications).
"""
import dataclasses
import math
import typing

RESOURCE_CLASSES = ('VCPU', 'MEMORY_MB', 'DISK_GB')

# Nova's power_state values.
POWER_NOSTATE = 0
POWER_RUNNING = 1
POWER_PAUSED = 3
POWER_SHUTDOWN = 4
POWER_SUSPENDED = 7

# vm_state -> (API status, power_state) when no task is running.
VM_STATES = {
    'active': ('ACTIVE', POWER_RUNNING),
    'building': ('BUILD', POWER_NOSTATE),
    'stopped': ('SHUTOFF', POWER_SHUTDOWN),
    'paused': ('PAUSED', POWER_PAUSED),
    'suspended': ('SUSPENDED', POWER_SUSPENDED),
    'resized': ('VERIFY_RESIZE', POWER_RUNNING),
    'error': ('ERROR', POWER_NOSTATE),
    'shelved': ('SHELVED', POWER_SHUTDOWN),
    'shelved_offloaded': ('SHELVED_OFFLOADED', POWER_SHUTDOWN),
    'rescued': ('RESCUE', POWER_RUNNING),
    'soft-delete': ('SOFT_DELETED', POWER_NOSTATE),
    'deleted': ('DELETED', POWER_NOSTATE),
}

# task_state -> status shown while the task runs (Nova's state map).
TASK_STATUS = {
    'migrating': 'MIGRATING',
    'resize_prep': 'RESIZE',
    'resize_migrating': 'RESIZE',
    'resize_migrated': 'RESIZE',
    'resize_finish': 'RESIZE',
    'resize_reverting': 'REVERT_RESIZE',
    'resize_confirming': 'VERIFY_RESIZE',
    'deleting': 'ACTIVE',
}


@dataclasses.dataclass
class Flavor:
    id: str
    name: str
    vcpus: int
    ram: int
    disk: int
    ephemeral: int = 0
    swap: int = 0
    extra_specs: dict = dataclasses.field(default_factory=dict)
    is_public: bool = True
    description: typing.Optional[str] = None
    rxtx_factor: float = 1.0

    def disk_gb(self, boot_from_volume):
        """Local disk a server of this flavor takes (Nova's placement rule).

        Root disk only when the server boots from an image, plus ephemeral,
        plus swap (MB) rounded up to whole GB.
        """
        root = 0 if boot_from_volume else self.disk
        return root + self.ephemeral + int(math.ceil(self.swap / 1024.0))

    def resources(self, boot_from_volume):
        return {'VCPU': self.vcpus, 'MEMORY_MB': self.ram,
                'DISK_GB': self.disk_gb(boot_from_volume)}


@dataclasses.dataclass
class Host:
    """A compute host: its nova-compute service, hypervisor and provider."""

    name: str
    uuid: str
    index: int
    service_uuid: str
    vcpus: int
    memory_mb: int
    disk_gb: int
    vcpu_reserved: int = 0
    memory_mb_reserved: int = 0
    disk_gb_reserved: int = 0
    cpu_allocation_ratio: float = 1.0
    ram_allocation_ratio: float = 1.0
    disk_allocation_ratio: float = 1.0
    state: str = 'up'
    status: str = 'enabled'
    disabled_reason: typing.Optional[str] = None
    forced_down: bool = False
    availability_zone: str = 'nova'
    hypervisor_hostname: str = ''
    host_ip: str = '192.0.2.1'
    hypervisor_type: str = 'QEMU'
    base_load: float = 0.02
    generation: int = 1
    created_at: str = ''
    updated_at: str = ''
    # consumer uuid -> {resource class: amount}; kept by CloudState.
    allocations: dict = dataclasses.field(default_factory=dict)
    used: dict = dataclasses.field(
        default_factory=lambda: dict.fromkeys(RESOURCE_CLASSES, 0))
    # server uuids whose host is this one, in arrival order.
    servers: dict = dataclasses.field(default_factory=dict)

    def inventory(self):
        """Placement inventory records of the host's provider."""
        rows = (('VCPU', self.vcpus, self.vcpu_reserved,
                 self.cpu_allocation_ratio),
                ('MEMORY_MB', self.memory_mb, self.memory_mb_reserved,
                 self.ram_allocation_ratio),
                ('DISK_GB', self.disk_gb, self.disk_gb_reserved,
                 self.disk_allocation_ratio))
        return {rc: {'total': total, 'reserved': reserved, 'min_unit': 1,
                     'max_unit': total, 'step_size': 1,
                     'allocation_ratio': ratio}
                for rc, total, reserved, ratio in rows}

    def capacity(self, rc):
        """Allocatable amount: (total - reserved) * allocation_ratio."""
        if rc == 'VCPU':
            return (self.vcpus - self.vcpu_reserved) * \
                self.cpu_allocation_ratio
        if rc == 'MEMORY_MB':
            return (self.memory_mb - self.memory_mb_reserved) * \
                self.ram_allocation_ratio
        return (self.disk_gb - self.disk_gb_reserved) * \
            self.disk_allocation_ratio

    def fits(self, resources):
        """Whether ``resources`` can be added to the current allocations."""
        for rc, amount in resources.items():
            if amount > self.inventory_total(rc):
                return False
            if self.used[rc] + amount > self.capacity(rc):
                return False
        return True

    def inventory_total(self, rc):
        return {'VCPU': self.vcpus, 'MEMORY_MB': self.memory_mb,
                'DISK_GB': self.disk_gb}[rc]

    @property
    def service_state(self):
        """'down' when the host is down or the service forced down."""
        return 'down' if (self.forced_down or self.state == 'down') else 'up'


@dataclasses.dataclass
class PendingResize:
    """What a server in VERIFY_RESIZE still holds on its source host."""

    migration_id: int
    migration_uuid: str
    source_host: str
    old_flavor: Flavor
    previous_vm_state: str


@dataclasses.dataclass
class Server:
    uuid: str
    name: str
    index: int
    flavor: Flavor
    host: typing.Optional[str]
    node: typing.Optional[str]
    project_id: str
    user_id: str
    vm_state: str = 'active'
    task_state: typing.Optional[str] = None
    power_state: int = POWER_RUNNING
    metadata: dict = dataclasses.field(default_factory=dict)
    locked: bool = False
    locked_reason: typing.Optional[str] = None
    image_ref: typing.Optional[str] = None
    availability_zone: str = 'nova'
    pinned_availability_zone: typing.Optional[str] = None
    key_name: typing.Optional[str] = None
    description: typing.Optional[str] = None
    tags: list = dataclasses.field(default_factory=list)
    volumes: list = dataclasses.field(default_factory=list)
    created_at: str = ''
    updated_at: str = ''
    launched_at: typing.Optional[str] = None
    cpu_load: typing.Optional[float] = None
    memory_load: typing.Optional[float] = None
    resize: typing.Optional[PendingResize] = None
    revision: int = 0

    @property
    def boot_from_volume(self):
        return not self.image_ref

    @property
    def instance_name(self):
        return 'instance-%08x' % self.index

    @property
    def status(self):
        if self.task_state in TASK_STATUS and self.vm_state == 'active':
            return TASK_STATUS[self.task_state]
        return VM_STATES.get(self.vm_state, ('UNKNOWN', 0))[0]


@dataclasses.dataclass
class Migration:
    id: int
    uuid: str
    server_uuid: str
    migration_type: str
    source_compute: str
    dest_compute: typing.Optional[str]
    source_node: str
    dest_node: typing.Optional[str]
    old_flavor_id: str
    new_flavor_id: str
    status: str
    project_id: str
    user_id: str
    created_at: str
    updated_at: str


@dataclasses.dataclass
class Aggregate:
    id: int
    uuid: str
    name: str
    availability_zone: typing.Optional[str] = None
    hosts: list = dataclasses.field(default_factory=list)
    metadata: dict = dataclasses.field(default_factory=dict)
    created_at: str = ''


@dataclasses.dataclass
class VolumeType:
    id: str
    name: str
    extra_specs: dict = dataclasses.field(default_factory=dict)
    description: typing.Optional[str] = None
    is_public: bool = True

    @property
    def backend_name(self):
        return self.extra_specs.get('volume_backend_name')


@dataclasses.dataclass
class StorageBackend:
    """A cinder-volume service, named ``host@backend``."""

    host: str
    backend_name: str
    zone: str = 'nova'
    status: str = 'enabled'
    state: str = 'up'
    disabled_reason: typing.Optional[str] = None
    id: int = 0
    vendor_name: str = 'Open Source'
    storage_protocol: str = 'iSCSI'


@dataclasses.dataclass
class Pool:
    """A backend pool, named ``host@backend#pool``."""

    name: str
    backend: str
    total_capacity_gb: int
    reserved_percentage: int = 0
    max_over_subscription_ratio: float = 20.0
    thin_provisioning: bool = False
    volumes: dict = dataclasses.field(default_factory=dict)

    @property
    def pool_name(self):
        return self.name.partition('#')[2]


@dataclasses.dataclass
class Attachment:
    id: str
    server_id: str
    host_name: typing.Optional[str]
    device: str
    attached_at: str


@dataclasses.dataclass
class Volume:
    id: str
    name: str
    size: int
    pool: str
    volume_type: str
    project_id: str
    user_id: str
    status: str = 'available'
    attachments: list = dataclasses.field(default_factory=list)
    bootable: bool = False
    multiattach: bool = False
    snapshot_id: typing.Optional[str] = None
    metadata: dict = dataclasses.field(default_factory=dict)
    availability_zone: str = 'nova'
    description: typing.Optional[str] = None
    created_at: str = ''
    updated_at: str = ''
    migration_status: typing.Optional[str] = None
    image_id: typing.Optional[str] = None


@dataclasses.dataclass
class IronicNode:
    uuid: str
    name: typing.Optional[str]
    power_state: typing.Optional[str] = 'power on'
    provision_state: str = 'active'
    maintenance: bool = False
    maintenance_reason: typing.Optional[str] = None
    extra: dict = dataclasses.field(default_factory=dict)
    properties: dict = dataclasses.field(default_factory=dict)
    driver: str = 'fake-hardware'
    resource_class: typing.Optional[str] = None
    instance_uuid: typing.Optional[str] = None
    compute_host: typing.Optional[str] = None
    created_at: str = ''
    updated_at: str = ''
