"""Literal, slow re-statements of the strategies' algorithms, for tests.

Each function follows the engine fact sheet step by step (every candidate
node tried in turn, every sum recomputed, deep-copied host tables) with
the deliberate differences our documentation lists, and no index or
incremental bookkeeping. Tests run the real strategies and these on the
same random clouds and compare the plans: the fast paths must not change
a single action.
"""
import collections
import copy
import fractions
import itertools
import math
import random

from watcher.tests.unit.decision_engine.strategy import fakes
from watcher.tests.unit.decision_engine.strategy import metric_fakes

STATES = ('active', 'active', 'active', 'active', 'stopped', 'paused',
          'error')
FLAVORS = ((1, 512, 1), (1, 2048, 20), (2, 4096, 40), (4, 8192, 80),
           (8, 16384, 160), (2, 4096, 0), (1, 64, 0))


def random_cloud(seed, max_nodes=10, max_instances=40, node_states=True):
    """(model, datasource) of a small random cloud."""
    rng = random.Random(seed)
    nodes = []
    count = rng.randint(1, max_nodes)
    # Unique hostnames in random order, so ties are not in uuid order.
    names = rng.sample(range(100), count)
    for index in range(count):
        fields = {'hostname': 'cn%02d' % names[index],
                  'uuid': 'n-%03d' % index,
                  'vcpus': rng.choice((4, 8, 16)),
                  'vcpu_ratio': rng.choice((1.0, 2.0, 1.5)),
                  'memory': rng.choice((16384, 32768)),
                  'memory_mb_reserved': rng.choice((0, 512)),
                  'disk': rng.choice((200, 400)),
                  'disk_gb_reserved': rng.choice((0, 10))}
        if node_states:
            fields['status'] = rng.choice(('enabled',) * 5 + ('disabled',))
            fields['state'] = rng.choice(('up',) * 8 + ('down',))
        nodes.append(fields)
    instances = []
    for index in range(rng.randint(0, max_instances)):
        vcpus, memory, disk = rng.choice(FLAVORS)
        instances.append({
            'uuid': 'i-%03d' % index, 'vcpus': vcpus, 'memory': memory,
            'disk': disk, 'state': rng.choice(STATES),
            'watcher_exclude': rng.random() < 0.08,
            'node': rng.choice(nodes)['hostname']})
    model = fakes.build_model(nodes, instances)
    datasource = metric_fakes.FakeDataSource()
    for node in model.get_all_compute_nodes().values():
        if rng.random() < 0.85:
            datasource.set(node.uuid, 'host_cpu_usage',
                           rng.choice((0.0, rng.uniform(1, 100))))
        if rng.random() < 0.85:
            datasource.set(node.uuid, 'host_ram_usage',
                           rng.uniform(1, node.memory * 1024))
    for instance in model.get_all_instances().values():
        if rng.random() < 0.9:
            datasource.set(instance.uuid, 'instance_cpu_usage',
                           rng.choice((0.0, rng.uniform(0, 100))))
        if rng.random() < 0.8:
            datasource.set(instance.uuid, 'instance_ram_usage',
                           rng.uniform(0, instance.memory))
        if rng.random() < 0.5:
            datasource.set(instance.uuid, 'instance_ram_allocated',
                           float(instance.memory))
        if rng.random() < 0.5:
            datasource.set(instance.uuid, 'instance_root_disk_size',
                           float(instance.disk))
    return model, datasource


class Plan(object):
    """Actions with the Solution's de-duplication."""

    def __init__(self):
        self.actions = []

    def add(self, action_type, parameters, resource_id):
        action = (action_type, dict(parameters, resource_id=resource_id))
        if action not in self.actions:
            self.actions.append(action)

    def migrate(self, instance, kind, source, destination):
        self.add('migrate', {'migration_type': kind,
                             'source_node': source.hostname,
                             'destination_node': destination.hostname,
                             'resource_name': instance.name}, instance.uuid)


def vm_workload_consolidation(model, ds, period=3600, granularity=300):
    """(actions, indicators) of vm_workload_consolidation, step by step."""
    plan = Plan()
    counters = {'migrations': 0, 'released': 0}
    cc = {'cpu': 1.0, 'ram': 1.0, 'disk': 1.0}
    candidates = [n for n in model.get_all_compute_nodes().values()
                  if n.state == 'up' and n.status in ('enabled', 'disabled')]
    instance_cache = {}
    sums = {}
    delta = collections.defaultdict(lambda: collections.defaultdict(int))
    enabled = set()

    def iu(instance):
        if instance.uuid not in instance_cache:
            cpu = ds.get_instance_cpu_usage(instance, period, 'mean',
                                            granularity)
            ram = ds.get_instance_ram_usage(instance, period, 'mean',
                                            granularity)
            if not ram:
                ram = ds.get_instance_ram_allocated(instance, period,
                                                    'mean', granularity)
            disk = ds.get_instance_root_disk_size(instance, period, 'mean',
                                                  granularity)
            instance_cache[instance.uuid] = {
                'cpu': instance.vcpus * (cpu / 100.0) if cpu
                else instance.vcpus,
                'ram': ram or instance.memory,
                'disk': disk or instance.disk}
        return instance_cache[instance.uuid]

    def nu(node):
        if node.uuid not in sums:
            total = {'cpu': 0, 'ram': 0, 'disk': 0}
            for instance in model.get_node_instances(node):
                for key in total:
                    total[key] += iu(instance)[key]
            sums[node.uuid] = total
        host_cpu = ds.get_host_cpu_usage(node, period, 'mean',
                                         granularity) or 0
        if host_cpu:
            host_cpu = host_cpu * node.vcpus / 100
            host_cpu += delta[node.uuid]['cpu']
        host_ram = ds.get_host_ram_usage(node, period, 'mean',
                                         granularity) or 0
        if host_ram:
            host_ram /= 1024
            host_ram += delta[node.uuid]['ram']
        total = sums[node.uuid]
        return {'cpu': max(total['cpu'], host_cpu),
                'ram': max(total['ram'], host_ram), 'disk': total['disk']}

    def cap(node):
        return {'cpu': node.vcpu_capacity, 'ram': node.memory_mb_capacity,
                'disk': node.disk_gb_capacity}

    def overloaded(node):
        return nu(node)['cpu'] > cap(node)['cpu'] * cc['cpu']

    def fits(instance, node):
        used, limit, wanted = nu(node), cap(node), iu(instance)
        for key in ('cpu', 'ram', 'disk'):
            if not wanted[key] + used[key] <= limit[key] * cc[key]:
                return False
        free = model.get_node_free_resources(node)
        return (instance.vcpus <= free['vcpu'] and
                instance.memory <= free['memory'] and
                instance.disk <= free['disk'])

    def saturated(node):
        free = model.get_node_free_resources(node)
        if free['vcpu'] <= 0 or free['memory'] <= 128 or free['disk'] <= 0:
            return True
        used, limit = nu(node), cap(node)
        margins = {'cpu': 0, 'ram': 128, 'disk': 0}
        return any(used[k] >= limit[k] * cc[k] - margins[k]
                   for k in margins)

    def shift(instance, source, destination):
        used = iu(instance)
        for key in ('cpu', 'ram', 'disk'):
            sums[source.uuid][key] = max(0, sums[source.uuid][key] -
                                         used[key])
            sums[destination.uuid][key] += used[key]

    def add_migration(instance, source, destination):
        if instance.state in ('active', 'paused'):
            kind = 'live'
        elif instance.state == 'stopped':
            kind = 'cold'
        else:
            return
        if destination.status == 'disabled':
            plan.add('change_nova_service_state',
                     {'state': 'enabled',
                      'resource_name': destination.hostname},
                     destination.uuid)
            if destination.uuid not in enabled:
                enabled.add(destination.uuid)
                counters['released'] -= 1
        if model.migrate_instance(instance, source, destination):
            plan.migrate(instance, kind, source, destination)
            counters['migrations'] += 1
            used = iu(instance)
            delta[source.uuid]['cpu'] -= used['cpu']
            delta[source.uuid]['ram'] -= instance.memory
            delta[destination.uuid]['cpu'] += used['cpu']
            delta[destination.uuid]['ram'] += instance.memory
            shift(instance, source, destination)

    for node in candidates:
        nu(node)
    # offload
    ordered = sorted(candidates, key=lambda n: nu(n)['cpu'])
    full = set()
    for node in reversed(ordered):
        if not overloaded(node):
            continue
        for instance in sorted(model.get_node_instances(node),
                               key=lambda i: iu(i)['cpu']):
            if instance.watcher_exclude:
                continue
            for destination in reversed(ordered):
                if destination.uuid in full:
                    continue
                if fits(instance, destination):
                    add_migration(instance, node, destination)
                    break
                if saturated(destination):
                    full.add(destination.uuid)
            if not overloaded(node):
                break
    # consolidation
    ordered = sorted(candidates, key=lambda n: nu(n)['cpu'])
    full = set()
    for asc, node in enumerate(ordered):
        instances = sorted(model.get_node_instances(node),
                           key=lambda i: iu(i)['cpu'])
        for instance in reversed(instances):
            if instance.watcher_exclude:
                continue
            dsc = len(ordered) - 1
            for destination in reversed(ordered):
                if destination.uuid in full:
                    dsc -= 1
                    continue
                if asc >= dsc:
                    break
                if fits(instance, destination):
                    add_migration(instance, node, destination)
                    break
                if saturated(destination):
                    full.add(destination.uuid)
                dsc -= 1
    # optimize (instances in the order of their first migration)
    seen = []
    for action_type, parameters in plan.actions:
        if action_type == 'migrate' and \
                parameters['resource_id'] not in seen:
            seen.append(parameters['resource_id'])
    for uuid in seen:
        actions = [a for a in plan.actions if a[0] == 'migrate' and
                   a[1]['resource_id'] == uuid]
        if len(actions) > 1:
            source = model.get_node_by_name(actions[0][1]['source_node'])
            destination = model.get_node_by_name(
                actions[-1][1]['destination_node'])
            for action in actions:
                plan.actions.remove(action)
                counters['migrations'] -= 1
            instance = model.get_instance_by_uuid(uuid)
            if model.migrate_instance(instance, destination, source):
                shift(instance, destination, source)
                add_migration(instance, source, destination)
    for node in candidates:
        if not model.get_node_instances(node) and node.status != 'disabled':
            plan.add('change_nova_service_state',
                     {'state': 'disabled',
                      'disabled_reason': 'watcher_disabled',
                      'resource_name': node.hostname}, node.uuid)
            counters['released'] += 1
    return plan.actions, {'compute_nodes_count': len(candidates),
                          'released_compute_nodes_count':
                              max(0, counters['released']),
                          'instance_migrations_count':
                              counters['migrations']}


def basic(model, ds, migration_attempts=0, period=7200, granularity=300):
    """(actions, indicators) of basic, step by step.

    Disabled nodes are never destinations.
    """
    plan = Plan()
    counters = {'migrations': 0, 'released': 0, 'enabled': 0}

    def weight(resource, used):
        if not resource.vcpus:
            return 0.0
        score = 1 - (float(resource.vcpus) - float(used)) / float(
            resource.vcpus)
        return score / 3

    candidates = [n for n in model.get_all_compute_nodes().values()
                  if n.state == 'up' and n.status in ('enabled', 'disabled')]
    scores = []
    for node in candidates:
        if node.status == 'enabled':
            counters['enabled'] += 1
        if model.get_node_instances(node):
            cpu = ds.get_host_cpu_usage(node, period, 'mean', granularity)
            cpu = 100 if cpu is None else cpu
            scores.append((node, weight(node, node.vcpus * (cpu / 100.0))))
    ranking = sorted(scores, key=lambda s: s[1], reverse=True)
    unsuccessful = 0
    while ranking and (not migration_attempts or
                       migration_attempts >= unsuccessful):
        source = ranking[-1][0]
        scored = []
        for instance in model.get_node_instances(source):
            if instance.state != 'active':
                continue
            cpu = ds.get_instance_cpu_usage(instance, period, 'mean',
                                            granularity)
            cpu = 100 if cpu is None else cpu
            scored.append((instance,
                           weight(instance, instance.vcpus * (cpu / 100.0))))
        moved = 0
        for instance, __ in sorted(scored, key=lambda s: s[1],
                                   reverse=True):
            if instance.watcher_exclude:
                continue
            for destination, __ in ranking:
                if destination.uuid == source.uuid or \
                        destination.status != 'enabled':
                    continue
                total = {'vcpu': instance.vcpus, 'memory': instance.memory,
                         'disk': instance.disk}
                for other in model.get_node_instances(destination):
                    total['vcpu'] += other.vcpus
                    total['memory'] += other.memory
                    total['disk'] += other.disk
                if (destination.vcpu_capacity >= total['vcpu'] and
                        destination.disk_gb_capacity >= total['disk'] and
                        destination.memory_mb_capacity >= total['memory']):
                    model.migrate_instance(instance, source, destination)
                    plan.migrate(instance, 'live', source, destination)
                    if not model.get_node_instances(source):
                        plan.add('change_nova_service_state',
                                 {'state': 'disabled',
                                  'disabled_reason': 'watcher_disabled',
                                  'resource_name': source.hostname},
                                 source.uuid)
                        counters['released'] += 1
                    moved += 1
                    break
        if moved:
            counters['migrations'] += moved
            unsuccessful = 0
        else:
            unsuccessful += 1
            ranking.pop()
    return plan.actions, {
        'compute_nodes_count': counters['enabled'],
        'released_compute_nodes_count': counters['released'],
        'instance_migrations_count': counters['migrations']}


def _sd(hosts, metric):
    """Population deviation; its variance is computed exactly.

    With fractions, equal cases are equal and ties go to the first host.
    """
    if not hosts:
        return 0
    values = [fractions.Fraction(h[metric]) for h in hosts.values()]
    mean = sum(values) / len(values)
    return math.sqrt(float(sum((v - mean) ** 2 for v in values) /
                           len(values)))


def workload_stabilization(model, ds, metrics, thresholds, weights,
                           host_choice, periods=(720, 600)):
    """(actions, sd_before, sd_after) with deep-copied host tables.

    ``cycle`` or ``fullsearch`` only.
    """
    plan = Plan()
    mapping = {'instance_cpu_usage': 'host_cpu_usage',
               'instance_ram_usage': 'host_ram_usage'}
    nodes = [n for n in model.get_all_compute_nodes().values()
             if n.state == 'up' and n.status == 'enabled']
    hosts = {}
    for node in nodes:
        load = {'vcpus': node.vcpus}
        for metric in metrics:
            value = ds.statistic_aggregation(node, 'compute_node',
                                             mapping[metric], periods[1],
                                             'mean', 300)
            if value is None:
                load = None
                break
            load[metric] = value / 1024 if metric.endswith('ram_usage') \
                else value / 100
        if load is not None:
            hosts[node.uuid] = load

    def normalized(table):
        table = copy.deepcopy(table)
        for uuid, load in table.items():
            if 'instance_ram_usage' in load:
                load['instance_ram_usage'] /= float(
                    model.get_node_by_uuid(uuid).memory)
        return table

    def instance_load(instance):
        load = {'vcpus': instance.vcpus}
        for metric in metrics:
            value = ds.statistic_aggregation(instance, 'instance', metric,
                                             periods[0], 'mean', 300)
            if value is None:
                return None
            load[metric] = value / 100.0 if metric.endswith('cpu_usage') \
                else value
        return load

    def case(table, load, source, destination):
        table = copy.deepcopy(table)
        for metric in metrics:
            if metric == 'instance_cpu_usage':
                table[source][metric] -= load[metric] * (
                    load['vcpus'] / float(table[source]['vcpus']))
                table[destination][metric] += load[metric] * (
                    load['vcpus'] / float(table[destination]['vcpus']))
            else:
                table[source][metric] -= load[metric]
                table[destination][metric] += load[metric]
        norm = normalized(table)
        return [_sd(norm, m) for m in metrics], table

    def fits(instance, node):
        free = model.get_node_free_resources(node)
        return (instance.vcpus <= free['vcpu'] and
                instance.memory <= free['memory'] and
                instance.disk <= free['disk'])

    def weighted(sds):
        return sum(v * weights[m + '_weight'] for m, v in zip(metrics, sds))

    sd_before = sd_after = 0
    entries = []
    norm = normalized(hosts)
    for metric in metrics:
        if _sd(norm, metric) > thresholds[metric]:
            sd_before = _sd(norm, metric)
            break
    else:
        return plan.actions, sd_before, sd_after
    uuids = sorted(n.uuid for n in nodes)
    current = weighted([_sd(norm, m) for m in metrics])
    for source in uuids:
        others = [u for u in uuids if u != source]
        cycle = itertools.cycle(others)
        for instance in model.get_node_instances(
                model.get_node_by_uuid(source)):
            if instance.watcher_exclude or \
                    instance.state not in ('active', 'paused'):
                continue
            offered = [next(cycle)] if host_choice == 'cycle' and others \
                else (others if host_choice == 'fullsearch' else [])
            load = instance_load(instance)
            if load is None or source not in hosts:
                continue
            best = current
            for destination in offered:
                if destination not in hosts or not fits(
                        instance, model.get_node_by_uuid(destination)):
                    continue
                value = weighted(case(hosts, load, source, destination)[0])
                if value < best:
                    best = value
                    entries.append((value, source, destination,
                                    instance.uuid))
    entries.sort(key=lambda e: e[0])
    min_sd = 1
    for value, source, destination, uuid in entries:
        instance = model.get_instance_by_uuid(uuid)
        src = model.get_node_by_uuid(source)
        dst = model.get_node_by_uuid(destination)
        if instance.disk > dst.disk:
            continue
        if model.get_node_by_instance_uuid(uuid).uuid != source:
            continue
        if not fits(instance, dst):
            continue
        sds, table = case(hosts, instance_load(instance), source,
                          destination)
        if weighted(sds) < min_sd:
            min_sd = weighted(sds)
            hosts = table
            model.migrate_instance(instance, src, dst)
            plan.migrate(instance, 'live', src, dst)
            sd_after = min_sd
        if any(v < thresholds[m] for m, v in zip(metrics, sds)):
            break
    return plan.actions, sd_before, sd_after
