"""Each optimization strategy end to end, on a cloud with a known load.

An emulated cloud whose servers keep a fixed CPU load is scraped every
second by a real Prometheus (``tools/prometheus.sh``); watcher-api,
watcher-decision-engine and watcher-applier run as processes with the
``prometheus`` datasource. Each test creates an audit through the API,
checks the recommended plan against what the strategy's algorithm must
choose for that load, starts the plan, and then checks the cloud itself:
where the servers are, which compute services are disabled, and that no
Placement allocation exceeds its capacity.

Strategy periods are a few seconds, so a few scrapes suffice; the test
waits until the whole window is filled, since ``rate()`` over a window
longer than the history underestimates.
"""
from watcher.tests.functional.datasources import servers as prom_servers
from watcher.tests.functional.decision_engine import test_audit_types

PERIOD = 15  # seconds of metrics every audit reads (jitter-proof)
RESOURCE_CLASSES = ('VCPU', 'MEMORY_MB', 'DISK_GB')
FLAVORS = [
    {'name': 'm1.small', 'vcpus': 1, 'ram': 1024, 'disk': 10},
    {'name': 'm1.medium', 'vcpus': 2, 'ram': 2048, 'disk': 20},
    {'name': 'm1.large', 'vcpus': 4, 'ram': 4096, 'disk': 40},
]


def topology(hosts, servers):
    """A topology: ``hosts`` {name: vcpus}; ``servers`` (name, flavor,
    host, cpu load) with a fixed memory load.
    """
    return {
        'hosts': [{'name': name, 'vcpus': vcpus, 'memory_mb': 16384,
                   'disk_gb': 200} for name, vcpus in hosts.items()],
        'flavors': FLAVORS,
        'servers': [{'name': name, 'flavor': 'm1.' + flavor, 'host': host,
                     'cpu_load': load, 'memory_load': 0.5}
                    for name, flavor, host, load in servers],
    }


def four_hosts(vcpus_of_4=8):
    return {'compute-1': 8, 'compute-2': 8, 'compute-3': 8,
            'compute-4': vcpus_of_4}


class StrategyTestCase(test_audit_types.AuditTypesTestCase):
    """A fresh cloud, Prometheus and suite per test; helpers for plans."""

    TOPOLOGY = None
    SCRAPE = True

    def setUp(self):
        super().setUp()
        if self.SCRAPE:
            self.prometheus.wait_for_rates(PERIOD)

    def start_cloud(self):
        self.prometheus = prom_servers.PrometheusScrapingCloud(
            topology=self.TOPOLOGY, scrape=self.SCRAPE)
        self.addCleanup(self.prometheus.stop)
        self.prometheus.start()
        self.cloud = self.prometheus.cloud
        return self.cloud.endpoints

    def cloud_config(self, endpoints):
        config = super().cloud_config(endpoints)
        config['watcher_datasources'] = {'datasources': 'prometheus',
                                         'query_max_retries': 1,
                                         'query_interval': 0}
        config['prometheus_client'] = {'host': '127.0.0.1',
                                       'port': self.prometheus.port}
        return config

    # -- cloud --------------------------------------------------------------

    def server_ids(self):
        return {s.name: s.uuid for s in self.cloud.state.servers.values()}

    def placement(self):
        """{host: sorted server names} of the hosts carrying servers."""
        names = {uuid: name for name, uuid in self.server_ids().items()}
        found = {}
        for uuid, host in self.cloud.where().items():
            found.setdefault(host, []).append(names[uuid])
        return {host: sorted(found[host]) for host in found}

    def service_status(self):
        admin = self.cloud.connection()
        self.addCleanup(admin.close)
        return {s.host: s.status for s in admin.compute.services()
                if s.binary == 'nova-compute'}

    def host_load(self, name):
        """CPUs of host ``name`` busy now, as its exporter reports them."""
        with self.cloud.state.lock:
            return self.cloud.tracker.host_busy(self.cloud.state.hosts[name])

    def assert_allocations_within_capacity(self):
        """Placement usages fit the inventories and match the servers."""
        admin = self.cloud.connection()
        self.addCleanup(admin.close)
        flavors = {s.uuid: s.flavor for s in self.cloud.state.servers.values()}
        expected = {}
        for uuid, host in self.cloud.where().items():
            totals = expected.setdefault(host, dict.fromkeys(
                RESOURCE_CLASSES, 0))
            totals['VCPU'] += flavors[uuid].vcpus
            totals['MEMORY_MB'] += flavors[uuid].ram
            totals['DISK_GB'] += flavors[uuid].disk
        providers = admin.placement.get('/resource_providers').json()[
            'resource_providers']
        self.assertEqual(len(self.cloud.state.hosts), len(providers))
        for provider in providers:
            base = '/resource_providers/%s' % provider['uuid']
            usages = admin.placement.get(base + '/usages').json()['usages']
            inventories = admin.placement.get(
                base + '/inventories').json()['inventories']
            for rc in RESOURCE_CLASSES:
                record = inventories[rc]
                capacity = ((record['total'] - record['reserved']) *
                            record['allocation_ratio'])
                self.assertLessEqual(usages[rc], capacity,
                                     (provider['name'], rc))
                self.assertEqual(expected.get(provider['name'], {}).get(
                    rc, 0), usages[rc], (provider['name'], rc))

    # -- audit and plan -----------------------------------------------------

    def recommended_plan(self, goal, strategy, parameters):
        audit = self.create_audit(goal=goal, strategy=strategy,
                                  parameters=parameters)
        done = self.wait_for_audit(audit['uuid'], timeout=90)
        self.assertEqual('SUCCEEDED', done['state'], done)
        [plan] = self.wait_for_plans(audit['uuid'], 1)
        self.assertEqual('RECOMMENDED', plan['state'], plan)
        return plan

    @staticmethod
    def indicators(plan):
        return {i['name']: i['value'] for i in plan['efficacy_indicators']}

    def split(self, plan):
        """(service state changes, migrations) of the plan's actions."""
        actions = self.actions(plan['uuid'])
        states = [a['input_parameters'] for a in actions
                  if a['action_type'] == 'change_nova_service_state']
        moves = [a['input_parameters'] for a in actions
                 if a['action_type'] == 'migrate']
        self.assertEqual(len(actions), len(states) + len(moves), actions)
        return states, moves

    def moves(self, migrations):
        """{server name: (source, destination)} of migrate parameters."""
        names = {uuid: name for name, uuid in self.server_ids().items()}
        return {names[m['resource_id']]: (m['source_node'],
                                          m.get('destination_node'))
                for m in migrations}


class TestBasicConsolidation(StrategyTestCase):
    # Loads: compute-1 62 %, compute-2 27 %, compute-3 16 %, compute-4 5 %.
    TOPOLOGY = topology(four_hosts(), [
        ('vm-1', 'medium', 'compute-1', 0.8),
        ('vm-2', 'medium', 'compute-1', 0.8),
        ('vm-3', 'medium', 'compute-1', 0.8),
        ('vm-4', 'medium', 'compute-2', 0.5),
        ('vm-5', 'medium', 'compute-2', 0.5),
        ('vm-6', 'medium', 'compute-3', 0.4),
        ('vm-7', 'small', 'compute-3', 0.3),
        ('vm-8', 'small', 'compute-4', 0.2),
    ])

    def test_least_loaded_hosts_are_emptied_into_the_busiest(self):
        plan = self.recommended_plan('server_consolidation', 'basic', {
            'period': PERIOD, 'granularity': 1})
        states, migrations = self.split(plan)
        # The least loaded host empties first, into the most loaded hosts
        # that still have room (compute-1 until its 8 vCPUs are taken).
        self.assertEqual({'vm-8': ('compute-4', 'compute-1'),
                          'vm-6': ('compute-3', 'compute-2'),
                          'vm-7': ('compute-3', 'compute-1')},
                         self.moves(migrations))
        self.assertEqual({'live'}, {m['migration_type'] for m in migrations})
        self.assertEqual(['compute-3', 'compute-4'], sorted(
            s['resource_name'] for s in states))
        self.assertEqual({'disabled'}, {s['state'] for s in states})
        self.assertEqual({'compute_nodes_count': 4,
                          'released_compute_nodes_count': 2,
                          'instance_migrations_count': 3},
                         self.indicators(plan))

        self.execute(plan)
        self.assertEqual({
            'compute-1': ['vm-1', 'vm-2', 'vm-3', 'vm-7', 'vm-8'],
            'compute-2': ['vm-4', 'vm-5', 'vm-6']}, self.placement())
        self.assertEqual({'compute-1': 'enabled', 'compute-2': 'enabled',
                          'compute-3': 'disabled',
                          'compute-4': 'disabled'}, self.service_status())
        self.assert_allocations_within_capacity()


class TestVMWorkloadConsolidation(StrategyTestCase):
    # Measured cores: compute-1 3.8, compute-2 2.6, compute-3 1.7,
    # compute-4 1.0, compute-5 0.5 (5 hosts, 10 servers).
    TOPOLOGY = topology(dict(four_hosts(), **{'compute-5': 8}), [
        ('vm-1', 'medium', 'compute-1', 0.9),
        ('vm-2', 'medium', 'compute-1', 0.9),
        ('vm-3', 'medium', 'compute-2', 0.6),
        ('vm-4', 'medium', 'compute-2', 0.6),
        ('vm-5', 'medium', 'compute-3', 0.5),
        ('vm-6', 'small', 'compute-3', 0.5),
        ('vm-7', 'small', 'compute-4', 0.4),
        ('vm-8', 'small', 'compute-4', 0.4),
        ('vm-9', 'small', 'compute-5', 0.2),
        ('vm-10', 'small', 'compute-5', 0.1),
    ])

    def test_instances_are_packed_by_measured_use(self):
        plan = self.recommended_plan(
            'server_consolidation', 'vm_workload_consolidation',
            {'period': PERIOD, 'granularity': 1})
        states, migrations = self.split(plan)
        # Least loaded hosts first, each instance to the most loaded host
        # with room: compute-1 until its vCPU allocation is full, then
        # compute-2.
        self.assertEqual({'vm-9': ('compute-5', 'compute-1'),
                          'vm-10': ('compute-5', 'compute-1'),
                          'vm-7': ('compute-4', 'compute-1'),
                          'vm-8': ('compute-4', 'compute-1'),
                          'vm-5': ('compute-3', 'compute-2'),
                          'vm-6': ('compute-3', 'compute-2')},
                         self.moves(migrations))
        self.assertEqual(['compute-3', 'compute-4', 'compute-5'], sorted(
            s['resource_name'] for s in states))
        self.assertEqual({'disabled'}, {s['state'] for s in states})
        self.assertEqual({'compute_nodes_count': 5,
                          'released_compute_nodes_count': 3,
                          'instance_migrations_count': 6},
                         self.indicators(plan))

        self.execute(plan)
        self.assertEqual({
            'compute-1': ['vm-1', 'vm-10', 'vm-2', 'vm-7', 'vm-8', 'vm-9'],
            'compute-2': ['vm-3', 'vm-4', 'vm-5', 'vm-6']}, self.placement())
        self.assertEqual(
            {'compute-1': 'enabled', 'compute-2': 'enabled',
             'compute-3': 'disabled', 'compute-4': 'disabled',
             'compute-5': 'disabled'}, self.service_status())
        self.assert_allocations_within_capacity()


class TestVMWorkloadConsolidationRepack(StrategyTestCase):
    # 16 vCPUs of servers on 8-vCPU hosts. The reference's walk ends on
    # three hosts (compute-3: c; compute-4: b; compute-5: e a d d2);
    # ``repack`` (ours) packs the spread placement instead and ends on two
    # (compute-3: c a d d2; compute-5: b e, the busiest hosts kept) with
    # as many migrations.
    TOPOLOGY = topology(dict(four_hosts(), **{'compute-5': 8}), [
        ('vm-a', 'small', 'compute-1', 0.05),
        ('vm-b', 'large', 'compute-2', 0.1),
        ('vm-c', 'large', 'compute-3', 0.2),
        ('vm-d', 'medium', 'compute-4', 0.5),
        ('vm-d2', 'small', 'compute-4', 0.5),
        ('vm-e', 'large', 'compute-5', 0.5),
    ])

    def test_repack_ends_on_fewer_hosts_than_first_fit(self):
        plan = self.recommended_plan(
            'server_consolidation', 'vm_workload_consolidation',
            {'period': PERIOD, 'granularity': 1, 'repack': True})
        states, migrations = self.split(plan)
        self.assertEqual({'vm-a': ('compute-1', 'compute-3'),
                          'vm-b': ('compute-2', 'compute-5'),
                          'vm-d': ('compute-4', 'compute-3'),
                          'vm-d2': ('compute-4', 'compute-3')},
                         self.moves(migrations))
        self.assertEqual(['compute-1', 'compute-2', 'compute-4'], sorted(
            s['resource_name'] for s in states))
        self.assertEqual({'compute_nodes_count': 5,
                          'released_compute_nodes_count': 3,
                          'instance_migrations_count': 4},
                         self.indicators(plan))

        self.execute(plan)
        self.assertEqual({
            'compute-3': ['vm-a', 'vm-c', 'vm-d', 'vm-d2'],
            'compute-5': ['vm-b', 'vm-e']},
            self.placement())
        self.assert_allocations_within_capacity()


class TestVMWorkloadConsolidationMakeWay(StrategyTestCase):
    # vm-c (4 vCPUs) fits neither kept host (2 and 3 free): vm-s makes
    # way from compute-2 to compute-1, then vm-c takes its room and vm-t
    # the rest of compute-1. Two hosts instead of three; the applier runs
    # the move making way before the others (a stage of the plan).
    TOPOLOGY = topology({'compute-1': 8, 'compute-2': 8, 'compute-3': 8}, [
        ('vm-a', 'large', 'compute-1', 0.5),
        ('vm-m', 'medium', 'compute-1', 0.5),
        ('vm-b', 'large', 'compute-2', 0.5),
        ('vm-s', 'small', 'compute-2', 0.5),
        ('vm-c', 'large', 'compute-3', 0.1),
        ('vm-t', 'small', 'compute-3', 0.1),
    ])

    def test_a_small_server_makes_way_first(self):
        plan = self.recommended_plan(
            'server_consolidation', 'vm_workload_consolidation',
            {'period': PERIOD, 'granularity': 1, 'repack': True})
        states, migrations = self.split(plan)
        self.assertEqual({'vm-s': ('compute-2', 'compute-1'),
                          'vm-c': ('compute-3', 'compute-2'),
                          'vm-t': ('compute-3', 'compute-1')},
                         self.moves(migrations))
        names = {uuid: name for name, uuid in self.server_ids().items()}
        actions = {names[a['input_parameters']['resource_id']]: a
                   for a in self.actions(plan['uuid'])
                   if a['action_type'] == 'migrate'}
        for name in ('vm-c', 'vm-t'):
            self.assertEqual([actions['vm-s']['uuid']],
                             actions[name]['parents'])
        self.assertEqual(['compute-3'], [s['resource_name'] for s in states])

        self.execute(plan)
        self.assertEqual({
            'compute-1': ['vm-a', 'vm-m', 'vm-s', 'vm-t'],
            'compute-2': ['vm-b', 'vm-c']},
            self.placement())
        self.assert_allocations_within_capacity()


class TestNodeResourceConsolidation(StrategyTestCase):
    # Allocated vCPUs: compute-1 6, compute-2 4, compute-3 3, compute-4 1.
    TOPOLOGY = topology(four_hosts(), [
        ('vm-1', 'medium', 'compute-1', 0.5),
        ('vm-2', 'medium', 'compute-1', 0.5),
        ('vm-3', 'medium', 'compute-1', 0.5),
        ('vm-4', 'medium', 'compute-2', 0.5),
        ('vm-5', 'medium', 'compute-2', 0.5),
        ('vm-6', 'medium', 'compute-3', 0.5),
        ('vm-7', 'small', 'compute-3', 0.5),
        ('vm-8', 'small', 'compute-4', 0.5),
    ])

    def test_least_allocated_hosts_are_emptied_by_the_scheduler(self):
        plan = self.recommended_plan('server_consolidation',
                                     'node_resource_consolidation', {})
        states, migrations = self.split(plan)
        # host_choice auto: the sources are disabled so that Nova's
        # scheduler picks the destinations, then enabled again.
        self.assertEqual({'vm-6': ('compute-3', None),
                          'vm-7': ('compute-3', None),
                          'vm-8': ('compute-4', None)},
                         self.moves(migrations))
        self.assertEqual(
            [('compute-3', 'disabled'), ('compute-3', 'enabled'),
             ('compute-4', 'disabled'), ('compute-4', 'enabled')],
            sorted((s['resource_name'], s['state']) for s in states))
        self.assertEqual({'compute_nodes_count': 4,
                          'released_compute_nodes_count': 2,
                          'instance_migrations_count': 3},
                         self.indicators(plan))

        self.execute(plan)
        where = self.placement()
        self.assertEqual(['compute-1', 'compute-2'], sorted(where))
        self.assertEqual(['vm-%d' % n for n in range(1, 9)],
                         sorted(where['compute-1'] + where['compute-2']))
        self.assertEqual({'enabled'}, set(self.service_status().values()))
        self.assert_allocations_within_capacity()


class TestWorkloadStabilization(StrategyTestCase):
    # Host CPU: compute-1 62 %, compute-2 14.5 %, compute-3 9.5 %,
    # compute-4 4.5 %: a standard deviation of 0.23.
    TOPOLOGY = topology(four_hosts(), [
        ('hot-1', 'medium', 'compute-1', 0.9),
        ('hot-2', 'medium', 'compute-1', 0.8),
        ('hot-3', 'medium', 'compute-1', 0.7),
        ('vm-4', 'medium', 'compute-2', 0.5),
        ('vm-5', 'medium', 'compute-3', 0.3),
        ('vm-6', 'medium', 'compute-4', 0.1),
    ])

    def test_busiest_server_moves_to_the_idlest_host(self):
        plan = self.recommended_plan(
            'workload_balancing', 'workload_stabilization', {
                'metrics': ['instance_cpu_usage'],
                'thresholds': {'instance_cpu_usage': 0.15},
                'host_choice': 'fullsearch',
                'periods': {'instance': PERIOD, 'compute_node': PERIOD},
                'granularity': 1})
        states, migrations = self.split(plan)
        # Moving hot-1 to compute-4 brings the deviation to 0.12, below
        # the threshold: one migration is enough.
        self.assertEqual([], states)
        self.assertEqual({'hot-1': ('compute-1', 'compute-4')},
                         self.moves(migrations))
        indicators = self.indicators(plan)
        self.assertAlmostEqual(0.230, indicators[
            'standard_deviation_before_audit'], delta=0.01)
        self.assertAlmostEqual(0.116, indicators[
            'standard_deviation_after_audit'], delta=0.01)

        hot_before = self.host_load('compute-1')
        self.execute(plan)
        self.assertEqual({'compute-1': ['hot-2', 'hot-3'],
                          'compute-2': ['vm-4'], 'compute-3': ['vm-5'],
                          'compute-4': ['hot-1', 'vm-6']}, self.placement())
        self.assertAlmostEqual(hot_before - 1.8, self.host_load('compute-1'))
        self.assertEqual({'enabled'}, set(self.service_status().values()))
        self.assert_allocations_within_capacity()


class TestWorkloadBalance(StrategyTestCase):
    # Instance CPU per host: compute-1 45 %, compute-2 15 %, compute-3
    # 7.5 %, compute-4 5 % but its 4 vCPUs are all allocated.
    TOPOLOGY = topology(four_hosts(vcpus_of_4=4), [
        ('hot-1', 'medium', 'compute-1', 0.9),
        ('hot-2', 'medium', 'compute-1', 0.6),
        ('hot-3', 'medium', 'compute-1', 0.3),
        ('vm-4', 'medium', 'compute-2', 0.6),
        ('vm-5', 'medium', 'compute-3', 0.3),
        ('vm-6', 'medium', 'compute-4', 0.05),
        ('vm-7', 'medium', 'compute-4', 0.05),
    ])

    def test_hot_host_sheds_one_server_to_a_host_with_room(self):
        plan = self.recommended_plan(
            'workload_balancing', 'workload_balance', {
                'metrics': 'instance_cpu_usage', 'threshold': 35.0,
                'period': PERIOD, 'granularity': 1})
        states, migrations = self.split(plan)
        # hot-1 leaves compute-1 closest to the average; compute-4 has no
        # free vCPU and compute-2 would reach the threshold: compute-3.
        self.assertEqual([], states)
        self.assertEqual({'hot-1': ('compute-1', 'compute-3')},
                         self.moves(migrations))
        self.assertEqual({'instance_migrations_count': 1,
                          'instances_count': 7}, self.indicators(plan))

        hot_before = self.host_load('compute-1')
        self.execute(plan)
        where = self.placement()
        self.assertEqual(['hot-2', 'hot-3'], where['compute-1'])
        self.assertEqual(['hot-1', 'vm-5'], where['compute-3'])
        self.assertAlmostEqual(hot_before - 1.8, self.host_load('compute-1'))
        self.assert_allocations_within_capacity()


class TestMissingMetrics(StrategyTestCase):
    """A Prometheus that scrapes nothing: the audit fails and says why."""

    TOPOLOGY = TestWorkloadBalance.TOPOLOGY
    SCRAPE = False

    def test_audit_fails_with_the_missing_metric(self):
        audit = self.create_audit(
            goal='workload_balancing', strategy='workload_balance',
            parameters={'period': PERIOD, 'granularity': 1})
        done = self.wait_for_audit(audit['uuid'], timeout=90)
        self.assertEqual('FAILED', done['state'], done)
        self.assertIn('Datasource prometheus returned no instance_cpu_usage '
                      'value for any of the 7 instance resources (period %d '
                      's)' % PERIOD, done['status_message'])
        self.assertEqual([], self.plans(audit['uuid']))
        self.assertEqual(sorted(self.server_ids()), sorted(
            name for names in self.placement().values() for name in names))
