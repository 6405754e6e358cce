"""Destination checks and choice for moves, like Nova's scheduler.

A destination must be enabled, up and have room in its Placement
inventory, where room is ``(total - reserved) * allocation_ratio`` minus
what is already allocated. Without a requested host the least loaded
candidate (most free RAM, as Nova's default RAM weigher) wins; ties go to
the host created first, so choices are deterministic.
"""
from watcher.emulated_cloud import errors


def rejection(server, host, resources, force=False, same_host_ok=False):
    """Why ``host`` cannot take ``resources`` for ``server``, or None."""
    if host.name == server.host and not same_host_ok:
        return 'the instance is already on host %s' % host.name
    if not force:
        if host.status != 'enabled':
            return 'host %s is disabled' % host.name
        if host.service_state != 'up':
            return 'host %s is down' % host.name
        zone = server.pinned_availability_zone
        if zone and host.availability_zone != zone:
            return 'host %s is not in availability zone %s' % (host.name,
                                                               zone)
    if not host.fits(resources):
        short = [rc for rc, amount in sorted(resources.items())
                 if host.used[rc] + amount > host.capacity(rc)
                 or amount > host.inventory_total(rc)]
        return 'host %s does not have enough free %s' % (
            host.name, ', '.join(short))
    return None


def check_destination(server, host, resources, force=False,
                      same_host_ok=False):
    """Raise unless ``host`` can take ``server`` with ``resources``."""
    if host.name == server.host and not same_host_ok:
        raise errors.BadRequest(
            'Unable to migrate instance (%s) to current host (%s).'
            % (server.uuid, host.name))
    reason = rejection(server, host, resources, force=force,
                       same_host_ok=same_host_ok)
    if reason:
        raise errors.NoValidHost(reason)


def select_destination(state, server, resources, same_host_ok=False):
    """The best host for ``server`` or :class:`errors.NoValidHost`."""
    best = None
    best_free = None
    for host in state.hosts.values():
        if rejection(server, host, resources,
                     same_host_ok=same_host_ok) is not None:
            continue
        free = host.capacity('MEMORY_MB') - host.used['MEMORY_MB']
        if best is None or free > best_free:
            best, best_free = host, free
    if best is None:
        raise errors.NoValidHost('There are not enough hosts available.')
    return best
