"""Load profile and the counters it drives (CPU seconds, CPU ns).

Each running server has a CPU utilisation (0..1): an override (admin API or
load file, by uuid or name), else its topology ``cpu_load``, else a stable
pseudo-random value derived from its uuid (10-90 %). A host is busy with
``base_load * vcpus + sum(util * vcpus)`` CPUs, capped at its CPU count.

Counters integrate those rates over time. The state calls
:meth:`LoadTracker.advance` *before* every change (migration, stop, load
change), so each period is integrated with the rate that held during it:
counters follow migrations exactly and never go backwards.
"""
import hashlib
import json
import logging
import os

from watcher.emulated_cloud import errors
from watcher.emulated_cloud import model

LOG = logging.getLogger(__name__)

HOST_MEMORY_OVERHEAD_MB = 1024
USER_SHARE = 0.8


def _stable_fraction(text, salt):
    digest = hashlib.md5(('%s:%s' % (salt, text)).encode(),
                         usedforsecurity=False).hexdigest()
    return int(digest[:8], 16) / float(0xffffffff)


class LoadTracker:
    """Per-server and per-host load with time-integrated counters."""

    def __init__(self, state, load_file=None):
        self.state = state
        self.clock = state.clock
        self.overrides = {}
        self.load_file = load_file
        self._file_mtime = None
        self._vm = {}     # uuid -> [cpu seconds, last time]
        self._host = {}   # name -> [idle, user, system, last time]
        state.add_before_change(self.advance)
        start = self.clock()
        with state.lock:
            for uuid in state.servers:
                self._vm[uuid] = [0.0, start]
            for name in state.hosts:
                self._host[name] = [0.0, 0.0, 0.0, start]
        self.reload_file()

    # -- load profile -----------------------------------------------------

    @staticmethod
    def running(server):
        return (server.host is not None and
                server.power_state == model.POWER_RUNNING and
                server.vm_state in ('active', 'resized', 'rescued'))

    def cpu_util(self, server):
        """Fraction of its vCPUs ``server`` keeps busy (0 when not up)."""
        if not self.running(server):
            return 0.0
        for key in (server.uuid, server.name):
            if key in self.overrides:
                return self.overrides[key]
        if server.cpu_load is not None:
            return server.cpu_load
        return 0.10 + 0.80 * _stable_fraction(server.uuid, 'cpu')

    def memory_util(self, server):
        if server.memory_load is not None:
            return server.memory_load
        return 0.30 + 0.60 * _stable_fraction(server.uuid, 'memory')

    def memory_used_mb(self, server):
        if not self.running(server):
            return 0.0
        return server.flavor.ram * self.memory_util(server)

    def base_load(self, host):
        return self.overrides.get('host:%s' % host.name, host.base_load)

    def host_busy(self, host):
        """CPUs of ``host`` busy right now (base load plus its servers)."""
        servers = self.state.servers
        busy = self.base_load(host) * host.vcpus
        for uuid in host.servers:
            server = servers[uuid]
            busy += self.cpu_util(server) * server.flavor.vcpus
        return min(float(host.vcpus), busy)

    def host_memory(self, host):
        """(total bytes, available bytes) as node_exporter reports them."""
        total = host.memory_mb * 1048576
        used_mb = HOST_MEMORY_OVERHEAD_MB
        servers = self.state.servers
        for uuid in host.servers:
            server = servers[uuid]
            if self.running(server):
                used_mb += server.flavor.ram
        return total, max(0, total - used_mb * 1048576)

    # -- integration ------------------------------------------------------

    def advance(self, host_names=(), server_uuids=()):
        """Integrate counters of the given hosts/servers up to now."""
        now = self.clock()
        with self.state.lock:
            for uuid in server_uuids:
                server = self.state.servers.get(uuid)
                if server is None:
                    self._vm.pop(uuid, None)
                    continue
                record = self._vm.setdefault(uuid, [0.0, now])
                rate = self.cpu_util(server) * server.flavor.vcpus
                record[0] += rate * max(0.0, now - record[1])
                record[1] = now
            for name in host_names:
                host = self.state.hosts.get(name)
                if host is None:
                    continue
                record = self._host.setdefault(name, [0.0, 0.0, 0.0, now])
                elapsed = max(0.0, now - record[3])
                busy = self.host_busy(host)
                record[0] += (host.vcpus - busy) * elapsed
                record[1] += busy * USER_SHARE * elapsed
                record[2] += busy * (1 - USER_SHARE) * elapsed
                record[3] = now

    def host_cpu_seconds(self, name):
        """(idle, user, system) CPU-seconds of ``name`` so far."""
        self.advance(host_names=[name])
        return tuple(self._host[name][:3])

    def server_cpu_seconds(self, uuid, advance=True):
        """CPU-seconds ``uuid`` used so far (all its vCPUs together)."""
        if advance:
            self.advance(server_uuids=[uuid])
        return self._vm[uuid][0]

    # -- overrides --------------------------------------------------------

    def set_loads(self, mapping, strict=True):
        """Apply ``{"<uuid|name>": util, "host:<name>": base}`` overrides."""
        if not isinstance(mapping, dict):
            raise errors.BadRequest('The load must be a JSON object.')
        with self.state.lock:
            by_name = {}
            for server in self.state.servers.values():
                by_name.setdefault(server.name, server)
            hosts, servers = [], []
            for key, value in mapping.items():
                if isinstance(value, bool) or not isinstance(
                        value, (int, float)) or not 0 <= value <= 1:
                    raise errors.BadRequest(
                        'Load of %s must be a number between 0 and 1, not '
                        '%r.' % (key, value))
                if key.startswith('host:'):
                    host = self.state.hosts.get(key[5:])
                    if host is None:
                        if strict:
                            raise errors.NotFound('Unknown host %s.'
                                                  % key[5:])
                        continue
                    hosts.append(host.name)
                    continue
                server = self.state.servers.get(key) or by_name.get(key)
                if server is None:
                    if strict:
                        raise errors.NotFound('Unknown server %s.' % key)
                    continue
                servers.append(server.uuid)
                if server.host:
                    hosts.append(server.host)
            self.advance(host_names=hosts, server_uuids=servers)
            for key, value in mapping.items():
                self.overrides[key] = float(value)

    def reload_file(self):
        """Re-read the load file when it changed since the last look."""
        if not self.load_file:
            return
        try:
            mtime = os.stat(self.load_file).st_mtime
        except OSError:
            return
        if mtime == self._file_mtime:
            return
        self._file_mtime = mtime
        try:
            with open(self.load_file, encoding='utf-8') as stream:
                mapping = json.load(stream)
            self.set_loads(mapping, strict=False)
        except (ValueError, errors.EmulatorError) as exc:
            LOG.warning('Ignoring load file %s: %s', self.load_file, exc)
