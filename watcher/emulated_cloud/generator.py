"""A seeded generator of large, realistic, deliberately uneven clouds.

``generate(hosts=1000, servers=20000, seed=42)`` returns a topology dict
(the same format as a topology file). The same arguments always give the
same cloud: every choice comes from one ``random.Random(seed)``. Hosts get
a skewed popularity so some are packed and others nearly empty, and
servers get a skewed CPU load, so that consolidation and balancing
strategies have real work to do.
"""
import bisect
import itertools
import logging
import random
import uuid as uuidlib

from watcher.emulated_cloud import state as state_mod
from watcher.emulated_cloud import topology

LOG = logging.getLogger(__name__)

# name, vcpus, ram MB, disk GB, ephemeral GB, swap MB, extra_specs, weight
FLAVORS = (
    ('m1.tiny', 1, 512, 1, 0, 0, {}, 8),
    ('m1.small', 1, 2048, 20, 0, 0, {}, 25),
    ('m1.medium', 2, 4096, 40, 0, 0, {}, 30),
    ('m1.large', 4, 8192, 80, 0, 0, {}, 18),
    ('m1.xlarge', 8, 16384, 160, 0, 0, {}, 6),
    ('c1.large', 8, 8192, 40, 0, 0, {'hw:cpu_policy': 'shared'}, 4),
    ('r1.large', 4, 32768, 80, 0, 0, {'hw:mem_page_size': 'large'}, 4),
    ('m1.small.swap', 1, 2048, 20, 0, 1024, {}, 3),
    ('m1.medium.eph', 2, 4096, 20, 20, 0, {}, 2),
)

# vcpus, memory MB, disk GB, weight
HARDWARE = ((32, 131072, 1000, 50), (48, 262144, 2000, 35),
            (64, 524288, 4000, 15))

# vm_state, weight
STATES = (('active', 890), ('stopped', 80), ('paused', 15),
          ('suspended', 10), ('error', 5))
ROLES = ('web', 'db', 'cache', 'batch', 'app')
CPU_RATIO, RAM_RATIO, DISK_RATIO = 4.0, 1.0, 1.0
MEMORY_RESERVED = 512
RACK_SIZE = 20
AZ_SIZE = 250


def _uuid(rng):
    return str(uuidlib.UUID(int=rng.getrandbits(128), version=4))


def _weighted(rng, items, weights):
    cumulative = list(itertools.accumulate(weights))
    return items[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


def generate(hosts, servers, seed=0, ironic=True, storage=True):
    """Topology dict with ``hosts`` computes and up to ``servers`` VMs."""
    if hosts < 1 or servers < 0:
        raise topology.TopologyError(
            'The generator needs at least one host and no negative count '
            'of servers.')
    rng = random.Random(seed)
    data = {'generator': {'hosts': hosts, 'servers': servers, 'seed': seed},
            'flavors': [{'id': str(i + 1), 'name': f[0], 'vcpus': f[1],
                         'ram': f[2], 'disk': f[3], 'ephemeral': f[4],
                         'swap': f[5], 'extra_specs': dict(f[6])}
                        for i, f in enumerate(FLAVORS)]}
    host_list = _hosts(rng, hosts)
    data['hosts'] = host_list
    data['aggregates'] = _aggregates(host_list)
    data['servers'] = _servers(rng, host_list, servers)
    if storage:
        data.update(_storage(rng, data['servers']))
    if ironic:
        data['ironic_nodes'] = _ironic(rng, host_list)
    return data


def _hosts(rng, count):
    width = max(3, len(str(count)))
    zones = 1 if count < 10 else max(2, count // AZ_SIZE)
    result = []
    for i in range(count):
        vcpus, memory, disk, _ = _weighted(rng, HARDWARE,
                                           [h[3] for h in HARDWARE])
        name = 'compute-%0*d' % (width, i + 1)
        host = {'name': name, 'uuid': _uuid(rng), 'vcpus': vcpus,
                'memory_mb': memory, 'disk_gb': disk,
                'memory_mb_reserved': MEMORY_RESERVED,
                'cpu_allocation_ratio': CPU_RATIO,
                'ram_allocation_ratio': RAM_RATIO,
                'disk_allocation_ratio': DISK_RATIO,
                'availability_zone': ('az-%d' % (i * zones // count + 1)
                                      if zones > 1 else 'nova'),
                'host_ip': '10.%d.%d.%d' % (i // 62500, i // 250 % 250,
                                            i % 250 + 1),
                'base_load': round(rng.uniform(0.01, 0.05), 3)}
        if rng.random() < 0.01:
            host['status'] = 'disabled'
            host['disabled_reason'] = 'hardware maintenance'
        result.append(host)
    return result


def _aggregates(hosts):
    aggregates = []
    zones = sorted({h['availability_zone'] for h in hosts} - {'nova'})
    for zone in zones:
        aggregates.append({'name': 'agg-%s' % zone,
                           'availability_zone': zone,
                           'hosts': [h['name'] for h in hosts
                                     if h['availability_zone'] == zone]})
    for start in range(0, len(hosts), RACK_SIZE):
        rack = hosts[start:start + RACK_SIZE]
        aggregates.append({'name': 'rack-%03d' % (start // RACK_SIZE + 1),
                           'hosts': [h['name'] for h in rack],
                           'metadata': {'rack': str(start // RACK_SIZE + 1)}})
    for i, agg in enumerate(aggregates):
        agg['id'] = i + 1
    return aggregates


def _servers(rng, hosts, count):
    popularity = [rng.lognormvariate(0, 1.0) for _ in hosts]
    for i in range(len(hosts)):
        if rng.random() < 0.1:
            popularity[i] = 0.05
    cumulative = list(itertools.accumulate(popularity))
    used = [[0, 0, 0] for _ in hosts]
    caps = [((h['vcpus']) * CPU_RATIO,
             (h['memory_mb'] - MEMORY_RESERVED) * RAM_RATIO,
             h['disk_gb'] * DISK_RATIO) for h in hosts]
    projects = max(3, min(200, count // 200))
    project_weights = [1.0 / (p + 1) for p in range(projects)]
    flavor_weights = [f[7] for f in FLAVORS]
    state_weights = [s[1] for s in STATES]
    width = max(5, len(str(count)))
    result = []
    for i in range(count):
        flavor = _weighted(rng, FLAVORS, flavor_weights)
        bfv = rng.random() < 0.15
        need = (flavor[1], flavor[2],
                (0 if bfv else flavor[3]) + flavor[4] + -(-flavor[5] // 1024))
        index = _pick_host(rng, cumulative, used, caps, need)
        if index is None:
            LOG.warning('Generated cloud is full: placed %d of %d servers.',
                        i, count)
            break
        for k in range(3):
            used[index][k] += need[k]
        project = _weighted(rng, range(projects), project_weights)
        load = rng.random()
        if load < 0.70:
            cpu = rng.uniform(0.02, 0.25)
        elif load < 0.95:
            cpu = rng.uniform(0.30, 0.70)
        else:
            cpu = rng.uniform(0.75, 0.98)
        server = {
            'name': 'vm-%0*d' % (width, i + 1), 'uuid': _uuid(rng),
            'flavor': flavor[0], 'host': hosts[index]['name'],
            'state': _weighted(rng, [s[0] for s in STATES], state_weights),
            'project_id': 'project-%03d' % (project + 1),
            'user_id': 'user-%03d' % (project + 1),
            'boot_from_volume': bfv,
            'created_at': state_mod.iso(
                topology.BASE_EPOCH - rng.randint(0, 365 * 86400)),
            'cpu_load': round(cpu, 3),
            'memory_load': round(rng.uniform(0.3, 0.95), 3)}
        if rng.random() < 0.6:
            server['metadata'] = {'role': rng.choice(ROLES)}
        if rng.random() < 0.02:
            server['locked'] = True
        result.append(server)
    return result


def _pick_host(rng, cumulative, used, caps, need):
    def fits(i):
        return all(used[i][k] + need[k] <= caps[i][k] for k in range(3))

    for _ in range(30):
        i = bisect.bisect(cumulative, rng.random() * cumulative[-1])
        i = min(i, len(caps) - 1)
        if fits(i):
            return i
    start = rng.randrange(len(caps))
    for offset in range(len(caps)):
        i = (start + offset) % len(caps)
        if fits(i):
            return i
    return None


def _storage(rng, servers):
    types = [{'name': 'lvm', 'extra_specs': {'volume_backend_name': 'lvm'}},
             {'name': 'ceph',
              'extra_specs': {'volume_backend_name': 'ceph'}},
             {'name': 'standard'}]
    volumes = []
    sizes = {f[0]: f[3] for f in FLAVORS}
    for server in servers:
        if server['boot_from_volume']:
            volumes.append({
                'name': '%s-boot' % server['name'],
                'size': max(sizes[server['flavor']], 10),
                'volume_type': rng.choice(('lvm', 'ceph')), 'bootable': True,
                'attached_to': server['name'],
                'project_id': server['project_id']})
        if rng.random() < 0.10:
            volumes.append({
                'name': '%s-data' % server['name'],
                'size': rng.choice((10, 20, 50, 100, 200, 500)),
                'volume_type': rng.choice(('lvm', 'ceph', 'standard')),
                'attached_to': server['name'],
                'project_id': server['project_id']})
    for i in range(max(1, len(servers) // 20)):
        volumes.append({'name': 'spare-%05d' % (i + 1),
                        'size': rng.choice((1, 10, 50)),
                        'volume_type': 'standard',
                        'project_id': 'project-001'})
    pools = {'storage-1@lvm#lvm-a': 0, 'storage-1@lvm#lvm-b': 0,
             'storage-2@ceph#rbd': 0}
    for volume in volumes:
        volume['id'] = _uuid(rng)
        if volume['volume_type'] == 'ceph':
            pool = 'storage-2@ceph#rbd'
        elif volume['volume_type'] == 'lvm':
            pool = rng.choice(('storage-1@lvm#lvm-a', 'storage-1@lvm#lvm-b'))
        else:
            pool = rng.choice(sorted(pools))
        volume['pool'] = pool
        pools[pool] += volume['size']
    backends = [
        {'host': 'storage-1@lvm', 'backend_name': 'lvm', 'pools': [
            {'name': name.partition('#')[2],
             'total_capacity_gb': int(pools[name] * 1.6) + 1000}
            for name in ('storage-1@lvm#lvm-a', 'storage-1@lvm#lvm-b')]},
        {'host': 'storage-2@ceph', 'backend_name': 'ceph', 'pools': [
            {'name': 'rbd', 'thin_provisioning': True,
             'total_capacity_gb': int(pools['storage-2@ceph#rbd'] * 1.6) +
             1000}]}]
    return {'volume_types': types, 'storage_backends': backends,
            'volumes': volumes}


def _ironic(rng, hosts):
    nodes = [{'uuid': _uuid(rng), 'name': 'node-%s' % h['name'],
              'compute_host': h['name'], 'power_state': 'power on'}
             for h in hosts]
    for i in range(max(1, len(hosts) // 20)):
        nodes.append({'uuid': _uuid(rng), 'name': 'spare-node-%03d' % (i + 1),
                      'power_state': 'power off',
                      'provision_state': 'available',
                      'properties': {'cpus': 32, 'memory_mb': 131072,
                                     'local_gb': 1000,
                                     'cpu_arch': 'x86_64'}})
    return nodes
