"""Volume operations of the emulated Cinder: attach, migrate, retype.

Moves finish at once (or after ``state.action_delay``); a migration that
cannot fit its destination pool fails the way Cinder's does, by setting
the migration status to ``error`` after the 202.
"""
from watcher.emulated_cloud import errors
from watcher.emulated_cloud import model
from watcher.emulated_cloud import state as state_mod

_MOVABLE = ('available', 'in-use')


def pool_free(state, pool):
    return pool.total_capacity_gb - state.pool_allocated(pool)


def place_volume(state, volume, pool_name):
    """Point ``volume`` at ``pool_name`` and keep the pool index right."""
    old = state.pools.get(volume.pool)
    if old is not None:
        old.volumes.pop(volume.id, None)
    pool = state.pools[pool_name]
    pool.volumes[volume.id] = None
    volume.pool = pool_name
    backend = state.backends.get(pool.backend)
    if backend is not None:
        volume.availability_zone = backend.zone


def _resolve_pool(state, host):
    """A pool from ``host@backend#pool`` or ``host@backend`` (first pool)."""
    if host in state.pools:
        return state.pools[host]
    for pool in state.pools.values():
        if pool.backend == host:
            return pool
    return None


def migrate_volume(state, volume_id, host, force_host_copy=False,
                   lock_volume=False):
    """os-migrate_volume to another pool."""
    with state.lock:
        volume = state.get_volume(volume_id)
        if volume.status not in _MOVABLE:
            raise errors.BadRequest(
                'Volume %s status must be available or in-use, but current '
                'status is: %s.' % (volume.id, volume.status))
        if volume.migration_status in ('starting', 'migrating'):
            raise errors.BadRequest(
                'Volume %s is already part of an active migration.'
                % volume.id)
        pool = _resolve_pool(state, host)
        if pool is None:
            raise errors.BadRequest(
                'No available service named %s' % host)
        if pool.name == volume.pool or (
                '#' not in host and
                volume.pool.partition('#')[0] == host):
            raise errors.BadRequest(
                'Destination host must be different than the current host.')
        volume.migration_status = 'migrating'
        volume.updated_at = state.now()
        previous_status = volume.status
        volume.status = 'maintenance' if lock_volume else previous_status

        def finish():
            volume.status = previous_status
            if pool_free(state, pool) < volume.size:
                volume.migration_status = 'error'
            else:
                place_volume(state, volume, pool.name)
                volume.migration_status = 'success'
            volume.updated_at = state.now()

        state.run_later(('volume', volume.id), finish)


def retype_volume(state, volume_id, new_type, migration_policy='never'):
    """os-retype; moves to a pool of the type's backend when allowed."""
    with state.lock:
        volume = state.get_volume(volume_id)
        vtype = state.find_volume_type(new_type)
        if vtype is None:
            raise errors.NotFound(
                'Volume type with name %s could not be found.' % new_type)
        if migration_policy not in ('never', 'on-demand'):
            raise errors.BadRequest(
                "Invalid migration_policy: '%s'." % migration_policy)
        if volume.status not in _MOVABLE:
            raise errors.BadRequest(
                'Volume %s status must be available or in-use, but current '
                'status is: %s.' % (volume.id, volume.status))
        if vtype.name == volume.volume_type:
            raise errors.BadRequest(
                'Retype cannot change the volume type to the same type.')
        previous_status = volume.status
        volume.status = 'retyping'
        volume.updated_at = state.now()

        def finish():
            volume.status = previous_status
            backend_name = vtype.backend_name
            current = state.pools[volume.pool]
            current_backend = state.backends[current.backend]
            if backend_name and backend_name != current_backend.backend_name:
                target = _pool_for_backend(state, backend_name, volume.size)
                if migration_policy != 'on-demand' or target is None:
                    volume.updated_at = state.now()
                    return
                place_volume(state, volume, target.name)
                volume.migration_status = 'success'
            volume.volume_type = vtype.name
            volume.updated_at = state.now()

        state.run_later(('volume', volume.id), finish)


def _pool_for_backend(state, backend_name, size):
    best = None
    for pool in state.pools.values():
        backend = state.backends.get(pool.backend)
        if backend is None or backend.backend_name != backend_name:
            continue
        free = pool_free(state, pool)
        if free >= size and (best is None or free > best[0]):
            best = (free, pool)
    return best[1] if best else None


def attach(state, volume, server, device=None):
    """Attach ``volume`` to ``server`` (Cinder and Nova sides)."""
    index = len(server.volumes) + (0 if server.boot_from_volume else 1)
    attachment = model.Attachment(
        id=state_mod.derived_uuid('attachment',
                                  '%s:%s' % (volume.id, server.uuid)),
        server_id=server.uuid, host_name=server.host,
        device=device or '/dev/vd%s' % chr(ord('a') + min(index, 25)),
        attached_at=state.now())
    volume.attachments.append(attachment)
    volume.status = 'in-use'
    if volume.id not in server.volumes:
        server.volumes.append(volume.id)


def detach_all(state, server):
    for volume_id in server.volumes:
        volume = state.volumes.get(volume_id)
        if volume is None:
            continue
        volume.attachments = [a for a in volume.attachments
                              if a.server_id != server.uuid]
        if not volume.attachments:
            volume.status = 'available'
        volume.updated_at = state.now()
    server.volumes = []
