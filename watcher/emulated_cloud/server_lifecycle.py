"""Booting and deleting servers in the emulated Nova.

Boots are scheduled like moves (enabled, up, room in Placement; ``az:host``
forces a host) and announced with ``instance.create.*``; a boot that finds
no host leaves the server in ERROR, as Nova does after its 202.
"""
from watcher.emulated_cloud import errors
from watcher.emulated_cloud import model
from watcher.emulated_cloud import scheduler
from watcher.emulated_cloud import state as state_mod
from watcher.emulated_cloud import storage_ops


def create_server(state, name, flavor_ref, project_id, user_id,
                  image_ref=None, boot_volume_id=None,
                  availability_zone=None, metadata=None, key_name=None,
                  description=None):
    """Boot one server and return it (ACTIVE, or ERROR without a host)."""
    with state.lock:
        flavor = state.find_flavor(flavor_ref)
        if flavor is None:
            raise errors.BadRequest('Flavor %s could not be found.'
                                    % flavor_ref)
        boot_volume = None
        if boot_volume_id:
            boot_volume = state.get_volume(boot_volume_id)
            if boot_volume.status != 'available':
                raise errors.BadRequest(
                    'Volume %s status must be available, but current status '
                    'is: %s.' % (boot_volume.id, boot_volume.status))
        elif not image_ref:
            raise errors.BadRequest(
                'Block Device Mapping is Invalid: You specified more local '
                'devices than the limit allows')
        zone, forced_host = None, None
        if availability_zone:
            zone, _, forced_host = availability_zone.partition(':')
            zones = {h.availability_zone for h in state.hosts.values()}
            if zone and zone not in zones:
                raise errors.BadRequest(
                    'The requested availability zone is not available')
        index = state.new_server_index()
        now = state.now()
        server = model.Server(
            uuid=state_mod.derived_uuid('server', '%s:%d' % (name, index)),
            name=name, index=index, flavor=flavor, host=None, node=None,
            project_id=project_id, user_id=user_id, vm_state='building',
            task_state='scheduling', power_state=model.POWER_NOSTATE,
            metadata=dict(metadata or {}), image_ref=image_ref or None,
            availability_zone=zone or 'nova',
            pinned_availability_zone=zone or None, key_name=key_name,
            description=description, created_at=now, updated_at=now)
        resources = flavor.resources(server.boot_from_volume)
        try:
            if forced_host:
                dest = state.get_host(forced_host)
                if not dest.fits(resources):
                    raise errors.NoValidHost()
            else:
                dest = scheduler.select_destination(state, server,
                                                    resources)
        except errors.NoValidHost:
            server.vm_state = 'error'
            server.task_state = None
            state.add_server(server)
            return server
        state.before_change(hosts=[dest.name])
        server.host = dest.name
        server.node = dest.hypervisor_hostname
        server.availability_zone = dest.availability_zone
        state.add_server(server)
        if boot_volume is not None:
            storage_ops.attach(state, boot_volume, server, '/dev/vda')
        state.notify_instance('instance.create.start', server, dest.name)
        server.vm_state = 'active'
        server.task_state = None
        server.power_state = model.POWER_RUNNING
        server.launched_at = state.now()
        state.touch(server)
        state.notify_instance('instance.create.end', server, dest.name)
        state.notify_instance('instance.update', server, dest.name,
                              old_state='building')
        return server


def delete_server(state, server_id):
    """Delete a server, freeing its allocations and volumes."""
    with state.lock:
        server = state.get_server(server_id)
        publisher = server.host or state.controller_host
        state.before_change(hosts=[server.host], servers=[server.uuid])
        state.notify_instance('instance.delete.start', server, publisher)
        storage_ops.detach_all(state, server)
        for key in (('power', server.uuid),):
            timer = state.pending.pop(key, None)
            if timer is not None:
                timer.cancel()
        state.remove_server(server)
        old_state = server.vm_state
        server.vm_state = 'deleted'
        server.task_state = None
        server.power_state = model.POWER_NOSTATE
        server.updated_at = state.now()
        state.notify_instance('instance.delete.end', server, publisher,
                              old_state=old_state)
