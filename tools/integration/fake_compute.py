"""Launch nova-compute with the fake virt driver at a realistic size.

Nova only loads drivers from ``nova.virt``, so the host size and the
restart fix are applied here, before ``nova-compute`` starts:

* ``FAKE_VCPUS`` / ``FAKE_MEMORY_MB`` / ``FAKE_DISK_GB`` (default 16 /
  32768 / 500) replace the fake driver's 1000 vCPU, 800 000 MB host, which
  no consolidation strategy could ever fill;
* the fake "hypervisor" keeps its servers in memory only: after a restart
  ``init_host`` refills it from the Nova database and re-claims their
  resources, so stop/start and live migration keep working.

    python fake_compute.py --config-file nova.conf --config-file compute1.conf
"""
import os
import sys

from nova.cmd import compute  # first: applies Nova's patching decision
from nova.compute import power_state
from nova import context as nova_context
from nova import objects
from nova.virt import fake

fake.FakeDriver.vcpus = int(os.environ.get('FAKE_VCPUS', '16'))
fake.FakeDriver.memory_mb = int(os.environ.get('FAKE_MEMORY_MB', '32768'))
fake.FakeDriver.local_gb = int(os.environ.get('FAKE_DISK_GB', '500'))
_original_init_host = fake.FakeDriver.init_host


def _init_host(self, host):
    _original_init_host(self, host)
    ctx = nova_context.get_admin_context()
    for inst in objects.InstanceList.get_by_host(
            ctx, host, expected_attrs=['flavor']):
        running = inst.power_state == power_state.RUNNING
        state = power_state.RUNNING if running else power_state.SHUTDOWN
        self.instances[inst.uuid] = fake.FakeInstance(
            inst.name, state, inst.uuid)
        self.resources.claim(vcpus=inst.flavor.vcpus,
                             mem=inst.flavor.memory_mb,
                             disk=inst.flavor.root_gb)


fake.FakeDriver.init_host = _init_host

if __name__ == '__main__':
    sys.argv[0] = 'nova-compute'
    sys.exit(compute.main())
