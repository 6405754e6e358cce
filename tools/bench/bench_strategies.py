#!/usr/bin/env python3
"""Benchmark: the consolidation and balancing strategies on large clouds.

Not a test: it prints numbers. For each cloud size (default 100 hosts /
2,000 servers and 1,000 / 20,000) a seeded generator builds the compute
model directly: hosts of the emulated cloud's hardware mix (or one
hardware with ``--homogeneous``), servers of its flavor and state mix
placed *spread* (each on the least allocated host that takes it, as
Nova's default weighers do), and their metrics in an in-memory
datasource. Each strategy then runs as the decision engine runs it, and
the script prints, per strategy:

* wall time per stage: ``collect`` (the audit's model copy), ``metrics``
  (time inside the datasource), ``strategy`` (the rest of the run) and
  ``planner`` (the strategy's planner building the plan, without the
  database);
* peak RSS of the process;
* migrations, hosts used after the plan, and the lower bound on hosts:
  the fewest hosts, largest first, whose capacity holds the servers'
  allocations (vCPU, memory, disk), and the gap to it.

With ``--e2e`` the 1,000 / 20,000 emulated cloud is started with a real
Prometheus scraping its exporter (``tools/prometheus.sh``) and the model
and metrics come from Nova, Placement and Prometheus as in production.

    python tools/bench/bench_strategies.py [--sizes 100x2000,1000x20000]
        [--strategies basic,vm_workload_consolidation,...] [--seed 42]
        [--homogeneous] [--all-active] [--store] [--e2e]
"""
import argparse
import heapq
import logging
import os
import random
import resource
import sys
import time

STRATEGIES = ('basic', 'vm_workload_consolidation', 'workload_stabilization',
              'workload_balance', 'node_resource_consolidation')
STRATEGY_PARAMETERS = {
    'workload_stabilization': {'host_choice': 'retry'},
}


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


# -- the cloud ---------------------------------------------------------------

def generate_cloud(hosts, servers, seed, homogeneous=False,
                   all_active=False):
    """(model, metric values) of a spread, seeded cloud."""
    from watcher.decision_engine.model import element
    from watcher.decision_engine.model import model_root
    from watcher.emulated_cloud import generator

    rng = random.Random(seed)
    model = model_root.ModelRoot()
    nodes = []
    hardware = generator.HARDWARE[1:2] if homogeneous else generator.HARDWARE
    width = len(str(hosts))
    for index in range(hosts):
        vcpus, memory, disk, __ = generator._weighted(
            rng, hardware, [h[3] for h in hardware])
        node = element.ComputeNode(
            uuid='%08x-0000-4000-8000-%012x' % (seed, index),
            hostname='compute-%0*d' % (width, index + 1),
            vcpus=vcpus, memory=memory, disk=disk,
            memory_mb_reserved=generator.MEMORY_RESERVED,
            vcpu_ratio=generator.CPU_RATIO, memory_ratio=generator.RAM_RATIO,
            disk_ratio=generator.DISK_RATIO)
        model.add_node(node)
        nodes.append(node)
    # Some hosts run busier workloads than others, so that balancing
    # strategies have work to do too.
    heat = [rng.lognormvariate(0, 0.6) for __ in nodes]
    flavors = generator.FLAVORS
    states = (('active', 1),) if all_active else generator.STATES
    # Spread: the host with the lowest allocated share that fits.
    heap = [(0.0, index) for index in range(hosts)]
    values = {}
    placed = 0
    for index in range(servers):
        flavor = generator._weighted(rng, flavors, [f[7] for f in flavors])
        name, vcpus, memory, root, ephemeral, swap = flavor[:6]
        disk = root + ephemeral + (swap + 1023) // 1024
        skipped = []
        target = None
        while heap:
            share, position = heapq.heappop(heap)
            free = model.get_node_free_resources(nodes[position])
            if (free['vcpu'] >= vcpus and free['memory'] >= memory and
                    free['disk'] >= disk):
                target = position
                break
            skipped.append((share, position))
        for item in skipped:
            heapq.heappush(heap, item)
        if target is None:
            continue
        state = generator._weighted(rng, [s[0] for s in states],
                                    [s[1] for s in states])
        instance = element.Instance(
            uuid='%08x-1111-4000-8000-%012x' % (seed, index),
            name='server-%06d' % index, vcpus=vcpus, memory=memory,
            disk=disk, state=state, project_id='p%d' % (index % 50))
        model.map_instance(instance, nodes[target])
        placed += 1
        node = nodes[target]
        used = model.get_node_used_resources(node)
        share = max(used['vcpu'] / node.vcpu_capacity,
                    used['memory'] / node.memory_mb_capacity,
                    used['disk'] / node.disk_gb_capacity)
        heapq.heappush(heap, (share, target))
        running = state in ('active', 'paused')
        if running and rng.random() < 0.97:
            cpu = min(95.0, max(1.0, rng.lognormvariate(2.8, 0.8) *
                                heat[target]))
            values[(instance.uuid, 'instance_cpu_usage')] = cpu
            values[(instance.uuid, 'instance_ram_usage')] = (
                memory * rng.uniform(0.3, 0.95))
    for node in nodes:
        cores = memory_mb = 0.0
        for instance in model.get_node_instances(node):
            cores += instance.vcpus * values.get(
                (instance.uuid, 'instance_cpu_usage'), 0.0) / 100.0
            memory_mb += values.get((instance.uuid, 'instance_ram_usage'),
                                    0.0)
        base = rng.uniform(0.01, 0.05) * node.vcpus
        values[(node.uuid, 'host_cpu_usage')] = min(
            100.0, (base + cores) / node.vcpus * 100.0)
        values[(node.uuid, 'host_ram_usage')] = (memory_mb + 1024) * 1024
    return model, values, placed


def in_memory_datasource(values):
    from watcher.decision_engine.datasources import base

    class InMemory(base.DataSourceBase):
        NAME = 'in-memory'
        METRIC_MAP = {metric: metric for metric in base.WATCHER_METRICS}
        elapsed = 0.0

        def _statistic_aggregation(self, resource, resource_type,
                                   meter_name, period, aggregate,
                                   granularity):
            return values.get((resource.uuid, meter_name))

        def _statistic_aggregation_bulk(self, resources, *args):
            return {r.uuid: values.get((r.uuid, args[1]))
                    for r in resources}

        def list_metrics(self):
            return set(base.WATCHER_METRICS)

        def check_availability(self):
            return base.AVAILABLE

    return timed(InMemory())


def timed(backend):
    """Wrap the public datasource calls to add their time to ``elapsed``.

    ``bulk`` keeps the time of each bulk query by metric.
    """
    backend.elapsed = 0.0
    backend.bulk = {}
    names = ['statistic_aggregation', 'statistic_aggregation_bulk'] + [
        name for name in dir(backend) if name.startswith('get_host_') or
        name.startswith('get_instance_')]
    for name in names:
        original = getattr(backend, name)

        def wrapper(*args, __original=original, __name=name, **kwargs):
            started = time.perf_counter()
            try:
                return __original(*args, **kwargs)
            finally:
                spent = time.perf_counter() - started
                backend.elapsed += spent
                if __name == 'statistic_aggregation_bulk':
                    metric = args[2] if len(args) > 2 else kwargs.get(
                        'meter_name')
                    backend.bulk[metric] = backend.bulk.get(metric, 0) + spent
        setattr(backend, name, wrapper)
    return backend


# -- measures ----------------------------------------------------------------

def lower_bound(model, instances=None):
    """Fewest hosts, largest first, holding every allocation."""
    nodes = list(model.get_all_compute_nodes().values())
    instances = instances if instances is not None else list(
        model.get_all_instances().values())
    need = [sum(i.vcpus for i in instances), sum(i.memory for i in instances),
            sum(i.disk for i in instances)]
    bound = 0
    for index, attribute in enumerate(('vcpu_capacity', 'memory_mb_capacity',
                                       'disk_gb_capacity')):
        sizes = sorted((getattr(n, attribute) for n in nodes), reverse=True)
        total = count = 0
        for size in sizes:
            if total >= need[index]:
                break
            total += size
            count += 1
        bound = max(bound, count)
    return bound


MOVABLE_STATES = ('active', 'paused', 'stopped')


def pinned_lower_bound(model, movable_states=MOVABLE_STATES):
    """Lower bound when instances that cannot move stay where they are.

    Their hosts are kept, then the largest others until all fits.
    """
    nodes = list(model.get_all_compute_nodes().values())
    kept = [n for n in nodes if any(
        i.state not in movable_states or i.watcher_exclude
        for i in model.get_node_instances(n))]
    kept_uuids = {n.uuid for n in kept}
    instances = list(model.get_all_instances().values())
    need = [sum(i.vcpus for i in instances), sum(i.memory for i in instances),
            sum(i.disk for i in instances)]
    bound = len(kept)
    for index, attribute in enumerate(('vcpu_capacity', 'memory_mb_capacity',
                                       'disk_gb_capacity')):
        total = sum(getattr(n, attribute) for n in kept)
        count = len(kept)
        for size in sorted((getattr(n, attribute) for n in nodes
                            if n.uuid not in kept_uuids), reverse=True):
            if total >= need[index]:
                break
            total += size
            count += 1
        bound = max(bound, count)
    return bound


def hosts_used(model):
    return sum(1 for node in model.get_all_compute_nodes().values()
               if model.get_node_instances(node))


class PlanStore(object):
    """A private SQLite file database to time the storing of plans."""

    def __init__(self):
        import tempfile

        from oslo_db.sqlalchemy import engines

        from watcher.common import context
        from watcher.db.sqlalchemy import api as sqla_api
        from watcher.db.sqlalchemy import models
        from watcher.decision_engine import sync

        self.folder = tempfile.TemporaryDirectory()
        self.engine = engines.create_engine(
            'sqlite:///%s/watcher.db' % self.folder.name, max_retries=0)
        models.Base.metadata.create_all(self.engine)
        self.restore = sqla_api.main_context_manager.patch_engine(
            self.engine)
        self.context = context.get_admin_context()
        sync.Syncer(self.context).sync()

    def store(self, strategy, solution, planner, planned):
        from watcher.decision_engine.planner import persistence
        from watcher import objects
        goal = objects.Goal.get_by_name(self.context,
                                        strategy.get_goal_name())
        audit = objects.Audit(
            self.context, name='bench-%s' % time.monotonic_ns(),
            audit_type='ONESHOT', state='ONGOING', goal_id=goal.id,
            strategy_id=objects.Strategy.get_by_name(
                self.context, strategy.name).id,
            parameters={}, scope=[], auto_trigger=False, force=False)
        audit.create()
        started = time.perf_counter()
        persistence.save_action_plan(self.context, audit.id, solution,
                                     planned)
        return time.perf_counter() - started


def run_strategy(name, model, backend, store=None):
    from watcher.decision_engine import loading
    from watcher.decision_engine.planner import base as planner_base
    from watcher.decision_engine.strategy import context

    # "name+flag" runs strategy "name" with boolean parameter "flag" set.
    base_name, __, flag = name.partition('+')
    strategy = loading.PluginLoader(loading.STRATEGIES).load(base_name)
    parameters = dict(STRATEGY_PARAMETERS.get(base_name, {}))
    if flag:
        parameters[flag] = True
    strategy.input_parameters.update(context.prepare_parameters(
        strategy, parameters))
    started = time.perf_counter()
    strategy.compute_model = model.copy()
    collect = time.perf_counter() - started
    strategy.datasource_backend = backend
    backend.elapsed = 0.0
    backend.bulk = {}
    started = time.perf_counter()
    cpu_started = time.process_time()
    solution = strategy.execute()
    run = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    planner = planner_base.load_planner(strategy.planner)
    started = time.perf_counter()
    plan = planner.build_plan(solution)
    planning = time.perf_counter() - started
    stored = store.store(strategy, solution, planner, plan) if store \
        else None
    migrations = sum(1 for a in solution.actions
                     if a['action_type'] == 'migrate')
    return {'collect': collect, 'metrics': backend.elapsed,
            'strategy': run - backend.elapsed, 'planner': planning,
            'stored': stored, 'cpu': cpu, 'bulk': dict(backend.bulk),
            'actions': len(plan), 'migrations': migrations,
            'hosts_after': hosts_used(strategy.compute_model),
            'efficacy': ', '.join('%s=%.1f%s' % (i.name, i.value, i.unit)
                                  for i in solution.global_efficacy)}


def report(name, row, hosts_before, bound):
    gap = (row['hosts_after'] - bound) * 100.0 / bound if bound else 0.0
    stored = (' + stored in the database %.2f s' % row['stored']
              if row['stored'] is not None else '')
    print('  %s\n    wall: collect %.2f s, metrics %.2f s, strategy %.2f s '
          '(metrics + strategy: %.2f s of CPU), planner %.2f s%s\n'
          '    %d actions, %d migrations; hosts used %d -> %d, lower bound '
          '%d (%+.1f %%); %s; peak RSS %.0f MB' % (
              name, row['collect'], row['metrics'], row['strategy'],
              row['cpu'], row['planner'], stored, row['actions'],
              row['migrations'], hosts_before, row['hosts_after'], bound,
              gap, row['efficacy'], peak_rss_mb()))
    slow = ['%s %.2f s' % item for item in sorted(row['bulk'].items())
            if item[1] >= 0.05]
    if slow:
        print('    bulk queries: ' + ', '.join(slow))
    sys.stdout.flush()


def bench_models(sizes, strategies, seed, homogeneous, all_active,
                 store=None):
    for hosts, servers in sizes:
        started = time.perf_counter()
        model, values, placed = generate_cloud(hosts, servers, seed,
                                               homogeneous, all_active)
        bound = lower_bound(model)
        pinned = pinned_lower_bound(model)
        print('cloud %d hosts / %d servers placed (seed %d, %s, spread) '
              'built in %.1f s; %d hosts in use; lower bound %d hosts, %d '
              'keeping the hosts of servers that cannot move' % (
                  hosts, placed, seed,
                  'one hardware' if homogeneous else 'hardware mix',
                  time.perf_counter() - started, hosts_used(model), bound,
                  pinned))
        for name in strategies:
            report(name, run_strategy(name, model,
                                      in_memory_datasource(values), store),
                   hosts_used(model), pinned)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--sizes', default='100x2000,1000x20000')
    parser.add_argument('--strategies', default=','.join(STRATEGIES))
    parser.add_argument('--seed', type=int, default=42)
    parser.add_argument('--homogeneous', action='store_true',
                        help='every host of the middle hardware '
                             '(48 cores, 256 GB, 2 TB)')
    parser.add_argument('--all-active', action='store_true',
                        help='every server active (no server that the '
                             'strategies cannot move)')
    parser.add_argument('--store', action='store_true',
                        help='also time storing each plan in a SQLite '
                             'database, as the planner does')
    parser.add_argument('--e2e', action='store_true',
                        help='also run on the emulated cloud with a real '
                             'Prometheus (1,000 hosts / 20,000 servers)')
    args = parser.parse_args(argv)
    logging.disable(logging.CRITICAL)
    from watcher import conf
    conf.CONF([], project='watcher')
    sizes = [tuple(int(v) for v in size.split('x'))
             for size in args.sizes.split(',') if size]
    strategies = [s for s in args.strategies.split(',') if s]
    store = PlanStore() if args.store else None
    bench_models(sizes, strategies, args.seed, args.homogeneous,
                 args.all_active, store)
    if args.e2e:
        from tools.bench import e2e_strategies
        return e2e_strategies.main(strategies, args.seed)
    return 0


if __name__ == '__main__':
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))))
    sys.exit(main())
