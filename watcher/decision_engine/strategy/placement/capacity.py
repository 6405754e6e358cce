"""Whether an instance fits a node, by its Placement allocation.

A node's capacity is what Placement schedules against:
``(total - reserved) * allocation_ratio`` for vCPU, memory (MB) and disk
(GB) (the model's ``*_capacity`` properties). An instance takes its
flavor's vcpus, memory and local disk, whatever it measures. No strategy
here ever plans a node beyond that capacity.

Two comparisons are kept apart on purpose because the reference wrote
them both ways and they can differ by a rounding at fractional ratios:
``fits_free`` (``demand <= capacity - used``, the model's free resources)
and ``fits_capacity`` (``used + demand <= capacity``).
"""

RESOURCES = ('vcpu', 'memory', 'disk')

# A node is saturated when no instance of any size can be added to it
# (free vCPU <= 0, free memory <= 128 MB, free disk <= 0) ...
FREE_LIMITS = {'vcpu': 0, 'memory': 128, 'disk': 0}
# ... or when its measured use is at capacity (cpu in cores, ram in MB,
# disk in GB), less these margins.
USAGE_LIMITS = {'cpu': 0, 'ram': 128, 'disk': 0}
USAGE_METRICS = ('cpu', 'ram', 'disk')


def demand(instance):
    """{vcpu, memory, disk} the instance's flavor allocates."""
    return {'vcpu': instance.vcpus, 'memory': instance.memory,
            'disk': instance.disk}


def capacity(node):
    """{vcpu, memory, disk} Placement lets the node allocate."""
    return {'vcpu': node.vcpu_capacity, 'memory': node.memory_mb_capacity,
            'disk': node.disk_gb_capacity}


def fits_free(instance, free, resources=RESOURCES):
    """``demand <= free`` for each resource (free = capacity - used)."""
    wanted = demand(instance)
    return all(wanted[name] <= free[name] for name in resources)


def fits_capacity(node, used, instance, resources=RESOURCES):
    """``used + demand <= capacity`` for each resource."""
    wanted = demand(instance)
    limit = capacity(node)
    return all(limit[name] >= used[name] + wanted[name]
               for name in resources)


def fits_allocation(model, instance, node, resources=RESOURCES):
    """Whether ``node`` has the free allocation ``instance`` needs."""
    return fits_free(instance, model.get_node_free_resources(node),
                     resources)


def allocation_saturated(free):
    """No instance can be added: free vCPU <= 0, memory <= 128, disk <= 0."""
    return any(free[name] <= FREE_LIMITS[name] for name in RESOURCES)


def usage_saturated(usage, limit, coefficients=None):
    """Measured use at capacity: ``usage >= limit * cc - margin``."""
    for name in USAGE_METRICS:
        factor = coefficients[name] if coefficients else 1.0
        if usage[name] >= limit[name] * factor - USAGE_LIMITS[name]:
            return True
    return False
