"""Server and service operations of the emulated Nova.

Each function validates like the real API (409 for a wrong vm_state, 400
for an unknown or unsuitable destination), moves Placement allocations,
emits the versioned notifications Nova's computes would send and, with
``state.action_delay`` > 0, lets the operation run in the background so
pollers see the intermediate task states (MIGRATING, RESIZE, ...).
"""
import copy

from watcher.emulated_cloud import errors
from watcher.emulated_cloud import model
from watcher.emulated_cloud import scheduler


def _check_state(server, action, vm_states):
    if server.task_state is not None:
        raise errors.Conflict(
            "Cannot '%s' instance %s while it is in task_state %s"
            % (action, server.uuid, server.task_state))
    if server.vm_state not in vm_states:
        raise errors.Conflict(
            "Cannot '%s' instance %s while it is in vm_state %s"
            % (action, server.uuid, server.vm_state))


def _update_event(state, server, old_state, old_task_state=None):
    publisher = server.host or state.controller_host
    state.notify_instance('instance.update', server, publisher,
                          old_state=old_state, old_task_state=old_task_state)


def _requested_host(state, name):
    host = state.hosts.get(name)
    if host is None:
        raise errors.BadRequest('Compute host %s could not be found.' % name)
    return host


# -- live migration -----------------------------------------------------


def live_migrate(state, server_id, host=None, force=False):
    """os-migrateLive: to ``host`` or to the scheduler's choice."""
    with state.lock:
        server = state.get_server(server_id)
        _check_state(server, 'os-migrateLive', ('active', 'paused'))
        source = state.get_host(server.host)
        resources = server.flavor.resources(server.boot_from_volume)
        if host:
            dest = _requested_host(state, host)
            scheduler.check_destination(server, dest, resources, force=force)
        else:
            dest = scheduler.select_destination(state, server, resources)
        migration = state.new_migration(server, 'live-migration', source,
                                        dest)
        state.release(server.uuid, source)
        state.allocate(migration.uuid, source, resources)
        state.allocate(server.uuid, dest, resources)
        server.task_state = 'migrating'
        state.touch(server)
        state.notify_instance('instance.live_migration_pre.start', server,
                              dest.name)
        state.notify_instance('instance.live_migration_pre.end', server,
                              dest.name)

        def finish():
            state.before_change(hosts=[source.name, dest.name],
                                servers=[server.uuid])
            state.release(migration.uuid, source)
            state.move_server(server, dest)
            server.task_state = None
            migration.status = 'completed'
            migration.updated_at = state.now(micro=True)
            state.touch(server)
            state.notify_instance('instance.live_migration_post.start',
                                  server, source.name)
            state.notify_instance('instance.live_migration_post.end',
                                  server, source.name)
            state.notify_instance('instance.live_migration_post_dest.start',
                                  server, dest.name)
            state.notify_instance('instance.live_migration_post_dest.end',
                                  server, dest.name)

        state.run_later(('migration', migration.id), finish)
        return migration


def abort_live_migration(state, server_id, migration_id):
    """DELETE /servers/{id}/migrations/{mid}: cancel a running one."""
    with state.lock:
        server = state.get_server(server_id)
        migration = state.migrations.get(migration_id)
        if migration is None or migration.server_uuid != server.uuid:
            raise errors.NotFound(
                'Instance %s is not migrating, or migration %s could not '
                'be found.' % (server.uuid, migration_id))
        timer = state.pending.pop(('migration', migration.id), None)
        if (migration.migration_type != 'live-migration' or
                migration.status not in ('running', 'queued',
                                         'preparing') or timer is None):
            raise errors.BadRequest(
                'Migration %s state of instance %s is %s. Cannot '
                'force_complete while the migration is in this state.'
                % (migration.id, server.uuid, migration.status))
        timer.cancel()
        source = state.get_host(migration.source_compute)
        dest = state.get_host(migration.dest_compute)
        resources = server.flavor.resources(server.boot_from_volume)
        state.release(server.uuid, dest)
        state.release(migration.uuid, source)
        state.allocate(server.uuid, source, resources)
        server.task_state = None
        migration.status = 'cancelled'
        migration.updated_at = state.now(micro=True)
        state.touch(server)
        state.notify_instance('instance.live_migration_abort.end', server,
                              source.name)


# -- cold migration and resize ----------------------------------------------


def migrate(state, server_id, host=None):
    """The ``migrate`` action: cold migration, ends in VERIFY_RESIZE."""
    with state.lock:
        server = state.get_server(server_id)
        _check_state(server, 'migrate', ('active', 'stopped'))
        return _move(state, server, server.flavor, host, 'migration')


def resize(state, server_id, flavor_ref):
    """The ``resize`` action: new flavor, ends in VERIFY_RESIZE."""
    with state.lock:
        server = state.get_server(server_id)
        flavor = state.find_flavor(flavor_ref)
        if flavor is None:
            raise errors.BadRequest('Unable to locate requested flavor.')
        _check_state(server, 'resize', ('active', 'stopped'))
        if flavor.id == server.flavor.id:
            raise errors.BadRequest(
                'When resizing, instances must change flavor!')
        if not server.boot_from_volume and flavor.disk < server.flavor.disk:
            raise errors.BadRequest(
                'Server disk was unable to be resized because: Resize '
                'error: Unable to resize disk down.')
        return _move(state, server, flavor, None, 'resize')


def _move(state, server, flavor, host, kind):
    source = state.get_host(server.host)
    old = server.flavor.resources(server.boot_from_volume)
    new = flavor.resources(server.boot_from_volume)
    same_host_ok = kind == 'resize' and state.allow_resize_to_same_host
    if host:
        dest = _requested_host(state, host)
        if dest.name == source.name:
            raise errors.NoValidHost(
                'The instance is already on host %s.' % dest.name)
        scheduler.check_destination(server, dest, new)
    else:
        dest = scheduler.select_destination(state, server, new,
                                            same_host_ok=same_host_ok)
    migration = state.new_migration(server, kind, source, dest,
                                    new_flavor=flavor, status='migrating')
    state.release(server.uuid, source)
    state.allocate(migration.uuid, source, old)
    state.allocate(server.uuid, dest, new)
    previous = server.vm_state
    server.task_state = 'resize_migrating'
    state.touch(server)
    prep = {'new_flavor': flavor}
    state.notify_instance('instance.resize_prep.start', server, dest.name,
                          **prep)
    state.notify_instance('instance.resize_prep.end', server, dest.name,
                          **prep)

    def finish():
        state.before_change(hosts=[source.name, dest.name],
                            servers=[server.uuid])
        state.notify_instance('instance.resize.start', server, source.name)
        state.move_server(server, dest)
        server.resize = model.PendingResize(
            migration_id=migration.id, migration_uuid=migration.uuid,
            source_host=source.name, old_flavor=server.flavor,
            previous_vm_state=previous)
        server.flavor = copy.deepcopy(flavor)
        server.vm_state = 'resized'
        server.task_state = None
        migration.status = 'finished'
        migration.updated_at = state.now(micro=True)
        state.touch(server)
        state.notify_instance('instance.resize.end', server, source.name)
        state.notify_instance('instance.resize_finish.start', server,
                              dest.name)
        state.notify_instance('instance.resize_finish.end', server,
                              dest.name)
        _update_event(state, server, previous)

    state.run_later(('migration', migration.id), finish)
    return migration


def confirm_resize(state, server_id):
    """confirmResize: free the source and return to the previous state."""
    with state.lock:
        server = state.get_server(server_id)
        _check_state(server, 'confirmResize', ('resized',))
        pending = server.resize
        source = state.hosts.get(pending.source_host)
        if source is not None:
            state.release(pending.migration_uuid, source)
        migration = state.migrations[pending.migration_id]
        migration.status = 'confirmed'
        migration.updated_at = state.now(micro=True)
        server.vm_state = pending.previous_vm_state
        server.resize = None
        state.touch(server)
        publisher = pending.source_host
        state.notify_instance('instance.resize_confirm.start', server,
                              publisher)
        state.notify_instance('instance.resize_confirm.end', server,
                              publisher)
        _update_event(state, server, 'resized')


def revert_resize(state, server_id):
    """revertResize: back to the source host with the old flavor."""
    with state.lock:
        server = state.get_server(server_id)
        _check_state(server, 'revertResize', ('resized',))
        pending = server.resize
        source = state.get_host(pending.source_host)
        dest = state.get_host(server.host)
        state.before_change(hosts=[source.name, dest.name],
                            servers=[server.uuid])
        state.release(server.uuid, dest)
        state.release(pending.migration_uuid, source)
        server.flavor = pending.old_flavor
        state.allocate(server.uuid, source,
                       server.flavor.resources(server.boot_from_volume))
        state.move_server(server, source)
        migration = state.migrations[pending.migration_id]
        migration.status = 'reverted'
        migration.updated_at = state.now(micro=True)
        server.vm_state = pending.previous_vm_state
        server.resize = None
        state.touch(server)
        state.notify_instance('instance.resize_revert.start', server,
                              dest.name)
        state.notify_instance('instance.resize_revert.end', server,
                              source.name)
        _update_event(state, server, 'resized')


# -- power ------------------------------------------------------------------


def stop(state, server_id):
    """os-stop: SHUTOFF, power state 4."""
    with state.lock:
        server = state.get_server(server_id)
        _check_state(server, 'stop', ('active', 'error'))
        server.task_state = 'powering-off'
        state.touch(server)
        state.notify_instance('instance.power_off.start', server,
                              server.host)

        def finish():
            previous = server.vm_state
            state.before_change(hosts=[server.host], servers=[server.uuid])
            server.vm_state = 'stopped'
            server.power_state = model.POWER_SHUTDOWN
            server.task_state = None
            state.touch(server)
            state.notify_instance('instance.power_off.end', server,
                                  server.host)
            _update_event(state, server, previous, 'powering-off')

        state.run_later(('power', server.uuid), finish)


def start(state, server_id):
    """os-start: back to ACTIVE."""
    with state.lock:
        server = state.get_server(server_id)
        _check_state(server, 'start', ('stopped',))
        server.task_state = 'powering-on'
        state.touch(server)
        state.notify_instance('instance.power_on.start', server,
                              server.host)

        def finish():
            state.before_change(hosts=[server.host], servers=[server.uuid])
            server.vm_state = 'active'
            server.power_state = model.POWER_RUNNING
            server.task_state = None
            state.touch(server)
            state.notify_instance('instance.power_on.end', server,
                                  server.host)
            _update_event(state, server, 'stopped', 'powering-on')

        state.run_later(('power', server.uuid), finish)


# -- services -----------------------------------------------------------


def update_service(state, host_name, status=None, disabled_reason=None,
                   forced_down=None, set_reason=False):
    """Enable/disable a nova-compute service or force it down."""
    with state.lock:
        host = state.get_host(host_name)
        state.before_change(hosts=[host.name])
        if status is not None:
            host.status = status
            if status == 'enabled':
                host.disabled_reason = None
            elif set_reason:
                host.disabled_reason = disabled_reason
        if forced_down is not None:
            host.forced_down = bool(forced_down)
        host.updated_at = state.now(micro=True)
        host.generation += 1
        state.notify_service(host)
        return host


def set_host_power(state, host_name, powered_on):
    """Ironic powered the host off/on: its compute service follows."""
    with state.lock:
        host = state.hosts.get(host_name)
        if host is None:
            return
        state.before_change(hosts=[host.name])
        host.state = 'up' if powered_on else 'down'
        host.updated_at = state.now(micro=True)


# -- simple state changes ---------------------------------------------------

# action -> (allowed vm_states, new vm_state, power state, event prefix)
_TRANSITIONS = {
    'pause': (('active',), 'paused', model.POWER_PAUSED, 'instance.pause'),
    'unpause': (('paused',), 'active', model.POWER_RUNNING,
                'instance.unpause'),
    'suspend': (('active',), 'suspended', model.POWER_SUSPENDED,
                'instance.suspend'),
    'resume': (('suspended',), 'active', model.POWER_RUNNING,
               'instance.resume'),
}


def simple_transition(state, server_id, action):
    """pause/unpause/suspend/resume: a vm_state flip with its events."""
    allowed, new_state, power, event = _TRANSITIONS[action]
    with state.lock:
        server = state.get_server(server_id)
        _check_state(server, action, allowed)
        state.before_change(hosts=[server.host], servers=[server.uuid])
        previous = server.vm_state
        state.notify_instance(event + '.start', server, server.host)
        server.vm_state = new_state
        server.power_state = power
        state.touch(server)
        state.notify_instance(event + '.end', server, server.host)
        _update_event(state, server, previous)


def set_locked(state, server_id, locked, reason=None):
    """lock/unlock, announced with instance.lock / instance.unlock."""
    with state.lock:
        server = state.get_server(server_id)
        server.locked = locked
        server.locked_reason = reason if locked else None
        state.touch(server)
        state.notify_instance('instance.lock' if locked
                              else 'instance.unlock', server,
                              server.host or state.controller_host)
