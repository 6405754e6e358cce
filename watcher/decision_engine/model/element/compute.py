"""Compute elements: hypervisor nodes and the instances they host."""
import enum

from watcher.decision_engine.model.element import base


class InstanceState(enum.Enum):
    """Nova ``vm_state`` values the model knows."""
    ACTIVE = 'active'
    BUILDING = 'building'
    PAUSED = 'paused'
    SUSPENDED = 'suspended'
    STOPPED = 'stopped'
    RESCUED = 'rescued'
    RESIZED = 'resized'
    SHELVED = 'shelved'
    SOFT_DELETED = 'soft-delete'
    DELETED = 'deleted'
    ERROR = 'error'


class ServiceState(enum.Enum):
    """Compute service ``state`` (up/down) and ``status`` (enabled/...)."""
    ONLINE = 'up'
    OFFLINE = 'down'
    ENABLED = 'enabled'
    DISABLED = 'disabled'


_NODE_FIELDS = (
    base.Field('uuid', base.as_str, ''),
    base.Field('hostname', base.as_str, ''),
    base.Field('status', base.as_str, ServiceState.ENABLED.value),
    base.Field('disabled_reason', base.as_optional_str, None),
    base.Field('state', base.as_str, ServiceState.ONLINE.value),
    base.Field('memory', base.as_non_negative_int, 0),
    base.Field('memory_mb_reserved', base.as_non_negative_int, 0),
    base.Field('disk', base.as_non_negative_int, 0),
    base.Field('disk_gb_reserved', base.as_non_negative_int, 0),
    base.Field('vcpus', base.as_non_negative_int, 0),
    base.Field('vcpu_reserved', base.as_non_negative_int, 0),
    base.Field('memory_ratio', base.as_non_negative_float, 1.0),
    base.Field('vcpu_ratio', base.as_non_negative_float, 1.0),
    base.Field('disk_ratio', base.as_non_negative_float, 1.0),
)


class ComputeNode(base.Element):
    """A hypervisor as Placement sees it (totals, reserved, ratios).

    ``hostname`` is the compute *service* host, the name actions use.
    """

    FIELDS = _NODE_FIELDS
    __slots__ = base.slots(_NODE_FIELDS)
    KEY = 'uuid'

    @property
    def vcpu_capacity(self):
        """Schedulable vCPUs: (total - reserved) * allocation ratio."""
        return (self.vcpus - self.vcpu_reserved) * self.vcpu_ratio

    @property
    def memory_mb_capacity(self):
        return (self.memory - self.memory_mb_reserved) * self.memory_ratio

    @property
    def disk_gb_capacity(self):
        return (self.disk - self.disk_gb_reserved) * self.disk_ratio


_INSTANCE_FIELDS = (
    base.Field('uuid', base.as_str, ''),
    base.Field('watcher_exclude', base.as_bool, False),
    base.Field('name', base.as_str, ''),
    base.Field('state', base.as_str, InstanceState.ACTIVE.value),
    base.Field('memory', base.as_non_negative_int, 0),
    base.Field('disk', base.as_non_negative_int, 0),
    base.Field('vcpus', base.as_non_negative_int, 0),
    base.Field('metadata', base.as_mapping, None),
    base.Field('project_id', base.as_str, ''),
    base.Field('locked', base.as_bool, False),
    base.Field('host', base.as_str, ''),
    base.Field('hypervisor_hostname', base.as_str, ''),
    base.Field('created', base.as_optional_datetime, None),
    base.Field('pinned_az', base.as_str, ''),
    base.Field('flavor_extra_specs', base.as_mapping, None),
)


class Instance(base.Element):
    """A server with the resources its flavor allocates.

    ``disk`` counts local storage only: the root disk unless the server
    boots from volume, plus ephemeral, plus swap rounded up to GB.
    """

    FIELDS = _INSTANCE_FIELDS
    __slots__ = base.slots(_INSTANCE_FIELDS)
    KEY = 'uuid'

    @property
    def resources(self):
        """(vcpus, memory MB, disk GB) this instance takes on its node."""
        return (self.vcpus, self.memory, self.disk)


def instance_disk_gb(root_gb, ephemeral_gb, swap_mb, boot_from_volume):
    """Local disk of a server: root (unless BFV) + ephemeral + swap in GB.

    Swap is given in MB by Nova and rounded up to whole GB.
    """
    root = 0 if boot_from_volume else int(root_gb or 0)
    swap = int(swap_mb or 0)
    return root + int(ephemeral_gb or 0) + (swap + 1023) // 1024
