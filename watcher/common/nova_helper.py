"""Compute (Nova) operations the applier actions need, via openstacksdk.

Every call is retried ``[nova] http_retries`` times on connection errors
(``http_retry_interval`` s apart); every wait for a server polls at most
``[nova] migration_max_retries`` times, ``migration_interval`` s apart, so
a cloud that never finishes an operation gives a clear error instead of a
hang. Cloud errors become ``NovaClientError`` with the cloud's reason.
"""
from oslo_log import log

from watcher.common import cloud_polling
from watcher.common import exception
from watcher import conf

CONF = conf.CONF
LOG = log.getLogger(__name__)

COMPUTE_BINARY = 'nova-compute'
# Server statuses that end a live migration (the task state is null then).
LIVE_MIGRATION_END = ('ACTIVE', 'ERROR')
# Statuses that end a cold migration or a resize.
RESIZE_END = ('VERIFY_RESIZE', 'ERROR')


class NovaHelper(cloud_polling.ProxyHelper):
    """Compute calls with Nova's retry settings and bounded waits."""

    proxy_name = 'compute'
    service_label = 'Nova'
    error_class = exception.NovaClientError

    def retry_settings(self):
        return CONF.nova.http_retries, CONF.nova.http_retry_interval

    def _call(self, method, *args, **kwargs):
        return self.call(method, *args, **kwargs)

    def _wait(self, server_id, done):
        """Poll the server until ``done(server)``; a WaitResult."""
        return cloud_polling.wait_for(
            lambda: self.find_server(server_id), done,
            retries=CONF.nova.migration_max_retries,
            interval=CONF.nova.migration_interval)

    @staticmethod
    def wait_budget():
        """Human text of the longest wait, for error messages."""
        return '%d polls every %s s' % (CONF.nova.migration_max_retries,
                                        CONF.nova.migration_interval)

    # -- reads -------------------------------------------------------------

    def find_server(self, server_id):
        """The server, or None when Nova does not know it."""
        return self.find('get_server', server_id)

    def get_server(self, server_id):
        server = self.find_server(server_id)
        if server is None:
            raise exception.InstanceNotFound(name=server_id)
        return server

    def find_compute_service(self, host):
        """The ``nova-compute`` service of ``host``, or None."""
        services = self._call('services', binary=COMPUTE_BINARY, host=host)
        for service in services:
            if service.host == host and service.binary == COMPUTE_BINARY:
                return service
        return None

    def find_hypervisor(self, host):
        """The hypervisor whose service host (or name) is ``host``."""
        candidates = self.find('hypervisors', details=True,
                               hypervisor_hostname_pattern=host) or []
        by_service = [h for h in candidates
                      if (h.service_details or {}).get('host') == host]
        if by_service:
            return by_service[0]
        by_name = [h for h in candidates if h.name == host]
        return by_name[0] if by_name else None

    def get_hypervisor(self, hypervisor_id):
        return self.find('get_hypervisor', hypervisor_id)

    def count_servers_on_host(self, host):
        """How many servers (any project) Nova places on ``host``."""
        # The SDK sends ``compute_host`` as Nova's ``host`` filter.
        servers = self._call('servers', details=False, all_projects=True,
                             compute_host=host)
        return sum(1 for _server in servers)

    def find_flavor(self, flavor_ref):
        """A flavor by id, else by name; None when neither matches."""
        return self.find('find_flavor', flavor_ref, ignore_missing=True)

    # -- services ----------------------------------------------------------

    def enable_service(self, host):
        """Enable ``host``'s compute service; the updated service."""
        service = self._require_service(host)
        return self._call('enable_service', service, host=host,
                          binary=COMPUTE_BINARY)

    def disable_service(self, host, reason=None):
        """Disable ``host``'s compute service; the updated service."""
        service = self._require_service(host)
        return self._call('disable_service', service, host=host,
                          binary=COMPUTE_BINARY, disabled_reason=reason)

    def _require_service(self, host):
        service = self.find_compute_service(host)
        if service is None:
            raise exception.ComputeNodeNotFound(name=host)
        return service

    # -- moves -------------------------------------------------------------

    def live_migrate(self, server_id, destination=None):
        """Live-migrate and wait; the server at the end.

        Raises ``NovaClientError`` when the server did not end ACTIVE on a
        new host (on ``destination`` when one was given).
        """
        server = self.get_server(server_id)
        source = server.compute_host
        self._call('live_migrate_server', server_id, host=destination,
                   block_migration='auto')
        result = self._wait(server_id, lambda s: s is None or (
            s.task_state is None and s.status in LIVE_MIGRATION_END))
        return self._check_move(server_id, result, source, destination,
                                'live migration', expected_status='ACTIVE')

    def cold_migrate(self, server_id, destination=None):
        """Cold-migrate, confirm, and wait for the original status."""
        server = self.get_server(server_id)
        source, status = server.compute_host, server.status
        self._call('migrate_server', server_id, host=destination)
        result = self._wait(server_id, lambda s: s is None or (
            s.status in RESIZE_END or (
                s.task_state is None and s.status == status)))
        self._check_move(server_id, result, source, destination,
                         'cold migration', expected_status='VERIFY_RESIZE')
        return self.confirm_resize(server_id, status)

    def resize(self, server_id, flavor):
        """Resize to ``flavor`` (an object or id), confirm, wait."""
        server = self.get_server(server_id)
        status = server.status
        self._call('resize_server', server_id, flavor)
        result = self._wait(server_id, lambda s: s is None or (
            s.status in RESIZE_END or (
                s.task_state is None and s.status == status)))
        final = result.value
        if final is None:
            raise exception.InstanceNotFound(name=server_id)
        if not result.done:
            raise exception.NovaClientError(
                reason='instance %s did not finish its resize after %s '
                       '(status %s)' % (server_id, self.wait_budget(),
                                        final.status))
        if final.status != 'VERIFY_RESIZE':
            raise exception.NovaClientError(
                reason='resize of instance %s ended with status %s%s' % (
                    server_id, final.status, self._fault(final)))
        return self.confirm_resize(server_id, status)

    def confirm_resize(self, server_id, status_after):
        """Confirm a finished move/resize and wait for ``status_after``."""
        self._call('confirm_server_resize', server_id)
        result = self._wait(server_id, lambda s: s is None or (
            s.status == status_after and s.task_state is None))
        if not result.done:
            final = result.value
            raise exception.NovaClientError(
                reason='instance %s did not return to %s after the resize '
                       'confirmation (status %s) after %s' % (
                           server_id, status_after,
                           final.status if final else 'deleted',
                           self.wait_budget()))
        return result.value

    def _check_move(self, server_id, result, source, destination, what,
                    expected_status):
        final = result.value
        if final is None:
            raise exception.InstanceNotFound(name=server_id)
        if not result.done:
            raise exception.NovaClientError(
                reason='instance %s did not finish its %s after %s '
                       '(status %s, host %s)' % (
                           server_id, what, self.wait_budget(),
                           final.status, final.compute_host))
        if final.status != expected_status:
            raise exception.NovaClientError(
                reason='%s of instance %s ended with status %s on host '
                       '%s%s' % (what, server_id, final.status,
                                 final.compute_host, self._fault(final)))
        if final.compute_host == source:
            raise exception.NovaClientError(
                reason='instance %s is still on host %s after its %s' % (
                    server_id, source, what))
        if destination and final.compute_host != destination:
            raise exception.NovaClientError(
                reason='instance %s went to host %s instead of %s' % (
                    server_id, final.compute_host, destination))
        return final

    @staticmethod
    def _fault(server):
        fault = getattr(server, 'fault', None) or {}
        message = fault.get('message') if isinstance(fault, dict) else None
        return ' (%s)' % message if message else ''

    def abort_live_migration(self, server_id, source):
        """Abort the running live migration; True when it stayed home.

        Returns False when the migration had already completed on the
        destination. Raises ``LiveMigrationFailed`` otherwise.
        """
        for migration in self._call('server_migrations', server_id):
            self._call('abort_server_migration', migration, server_id)
        result = self._wait(server_id, lambda s: s is None or (
            s.task_state is None and s.status in LIVE_MIGRATION_END))
        final = result.value
        if result.done and final is not None and final.status == 'ACTIVE':
            return final.compute_host == source
        raise exception.LiveMigrationFailed(name=server_id)

    # -- power -------------------------------------------------------------

    def stop(self, server_id):
        """Stop the server and wait until Nova reports it stopped."""
        server = self.get_server(server_id)
        if server.vm_state == 'stopped':
            return server
        self._call('stop_server', server_id)
        result = self._wait(server_id, lambda s: s is None or (
            s.vm_state == 'stopped' and s.task_state is None))
        if result.value is None:
            # Deleted meanwhile: it is certainly not running any more.
            return None
        if not result.done:
            raise exception.NovaClientError(
                reason='instance %s is still %s after %s' % (
                    server_id, result.value.vm_state, self.wait_budget()))
        return result.value

    def start(self, server_id):
        """Start the server and wait until Nova reports it active."""
        self._call('start_server', server_id)
        result = self._wait(server_id, lambda s: s is None or (
            s.vm_state == 'active' and s.task_state is None))
        if not result.done or result.value is None:
            raise exception.NovaClientError(
                reason='instance %s did not become active after %s' % (
                    server_id, self.wait_budget()))
        return result.value
