"""Block storage (Cinder) operations of the volume_migrate action.

Calls go through the openstacksdk ``block_storage`` proxy with the same
connection-error retries as Nova. Waits are bounded: a migration or a
retype is polled every ``poll_interval`` seconds at most ``max_polls``
times (10 s x 2160 = 6 h by default; the reference waited forever).
"""
from oslo_log import log

from watcher.common import cloud_polling
from watcher.common import exception
from watcher import conf

CONF = conf.CONF
LOG = log.getLogger(__name__)


class CinderHelper(cloud_polling.ProxyHelper):
    """Volume reads, migrations and retypes with bounded waits."""

    proxy_name = 'block_storage'
    service_label = 'Cinder'
    error_class = exception.CinderClientError

    poll_interval = 10.0
    max_polls = 2160
    # Polls while the source volume's copy (the migration target volume)
    # is being cleaned up after a successful migration.
    cleanup_polls = 120

    def retry_settings(self):
        return CONF.nova.http_retries, CONF.nova.http_retry_interval

    def wait_budget(self):
        return '%d polls every %s s' % (self.max_polls, self.poll_interval)

    # -- reads -------------------------------------------------------------

    def find_volume(self, volume_id):
        return self.find('get_volume', volume_id)

    def get_volume(self, volume_id):
        volume = self.find_volume(volume_id)
        if volume is None:
            raise exception.VolumeNotFound(name=volume_id)
        return volume

    def volume_types(self):
        return self.call('types')

    def find_volume_type(self, name):
        """The volume type named ``name`` (exact), or None."""
        for volume_type in self.volume_types():
            if volume_type.name == name:
                return volume_type
        return None

    def pools(self):
        return self.call('backend_pools')

    def find_pool(self, name):
        """The pool named exactly ``name`` if it is unique, else None."""
        matches = [pool for pool in self.pools() if pool.name == name]
        return matches[0] if len(matches) == 1 else None

    def volumes_migrating_from(self, volume_id):
        """Temporary volumes Cinder created to migrate ``volume_id``."""
        volumes = self.call('volumes', details=True, all_projects=True)
        return [v for v in volumes
                if v.id != volume_id and v.migration_id == volume_id]

    # -- changes -----------------------------------------------------------

    def migrate(self, volume_id, destination):
        """Migrate to the pool ``destination`` and wait; the volume."""
        self.call('migrate_volume', volume_id, host=destination,
                  force_host_copy=False, lock_volume=True)
        result = cloud_polling.wait_for(
            lambda: self.find_volume(volume_id),
            lambda v: v is None or v.migration_status in ('success',
                                                          'error'),
            retries=self.max_polls, interval=self.poll_interval)
        volume = result.value
        if volume is None:
            raise exception.VolumeNotFound(name=volume_id)
        if not result.done:
            raise exception.CinderClientError(
                reason='volume %s did not finish its migration after %s '
                       '(migration status %s)' % (
                           volume_id, self.wait_budget(),
                           volume.migration_status))
        if volume.migration_status != 'success':
            raise exception.CinderClientError(
                reason='migration of volume %s to %s failed (migration '
                       'status %s)' % (volume_id, destination,
                                       volume.migration_status))
        cleanup = cloud_polling.wait_for(
            lambda: self.volumes_migrating_from(volume_id),
            lambda leftovers: not leftovers,
            retries=self.cleanup_polls, interval=self.poll_interval)
        if not cleanup.done:
            LOG.warning('Cinder still holds the temporary volume of the '
                        'migration of %s', volume_id)
        return volume

    def retype(self, volume_id, new_type):
        """Retype (migrating on demand) and wait; the volume."""
        self.call('retype_volume', volume_id, new_type,
                  migration_policy='on-demand')
        result = cloud_polling.wait_for(
            lambda: self.find_volume(volume_id),
            lambda v: v is None or v.status != 'retyping',
            retries=self.max_polls, interval=self.poll_interval)
        volume = result.value
        if volume is None:
            raise exception.VolumeNotFound(name=volume_id)
        if not result.done:
            raise exception.CinderClientError(
                reason='volume %s is still retyping after %s' % (
                    volume_id, self.wait_budget()))
        if (volume.volume_type != new_type or
                volume.status not in ('available', 'in-use')):
            raise exception.CinderClientError(
                reason='retype of volume %s to %s failed (type %s, status '
                       '%s)' % (volume_id, new_type, volume.volume_type,
                                volume.status))
        return volume
