"""vm_workload_consolidation on small hand-built clouds."""
import testtools

from watcher.common import exception
from watcher.decision_engine.strategy.strategies import \
    vm_workload_consolidation as vwc
from watcher.tests.unit.decision_engine.strategy import fakes
from watcher.tests.unit.decision_engine.strategy import metric_fakes

VWC = vwc.VMWorkloadConsolidation


migrate = fakes.migrate
disable = fakes.disable


def enable(node):
    return ('change_nova_service_state',
            {'state': 'enabled', 'resource_name': node,
             'resource_id': 'uuid-' + node})


class VWCTestCase(testtools.TestCase):

    datasource_values = {}

    def run_strategy(self, nodes, instances, cpu, hosts=None,
                     instance_ram=None, **params):
        """Run on a fresh model.

        ``cpu``: instance uuid -> CPU percent, ``hosts``: hostname -> host
        CPU percent, ``instance_ram``: instance uuid -> RAM MB used.
        """
        model = fakes.build_model(nodes, instances)
        self.datasource = metric_fakes.FakeDataSource()
        for (uuid, metric), value in self.datasource_values.items():
            self.datasource.set(uuid, metric, value)
        for uuid, value in cpu.items():
            self.datasource.set(uuid, 'instance_cpu_usage', value)
        for uuid, value in (instance_ram or {}).items():
            self.datasource.set(uuid, 'instance_ram_usage', value)
        for name, value in (hosts or {}).items():
            self.datasource.set('uuid-' + name, 'host_cpu_usage', value)
        self.strategy = fakes.new_strategy(VWC, model, **params)
        self.strategy.datasource_backend = self.datasource
        self.model = model
        solution = self.strategy.execute()
        self.indicators = {i.name: i.value
                           for i in solution.efficacy_indicators}
        return fakes.actions_of(solution)


class TestConsolidation(VWCTestCase):

    def test_least_loaded_node_is_emptied_and_disabled(self):
        actions = self.run_strategy(
            [{'hostname': 'c1'}, {'hostname': 'c2'}],
            [{'uuid': 'i1', 'node': 'c1'}, {'uuid': 'i2', 'node': 'c2'},
             {'uuid': 'i3', 'node': 'c2'}],
            {'i1': 50, 'i2': 50, 'i3': 50})
        self.assertEqual([migrate('i1', 'c1', 'c2'), disable('c1')],
                         actions)
        self.assertEqual({'compute_nodes_count': 2,
                          'released_compute_nodes_count': 1,
                          'instance_migrations_count': 1}, self.indicators)
        self.assertEqual('uuid-c2',
                         self.model.get_node_by_instance_uuid('i1').uuid)

    def test_stopped_is_cold_and_error_is_not_moved(self):
        actions = self.run_strategy(
            [{'hostname': 'c1'}, {'hostname': 'c2'}],
            [{'uuid': 'i1', 'node': 'c1', 'state': 'stopped'},
             {'uuid': 'i2', 'node': 'c1', 'state': 'error'},
             {'uuid': 'i3', 'node': 'c2'}],
            {'i1': 10, 'i2': 10, 'i3': 90})
        self.assertEqual([migrate('i1', 'c1', 'c2', 'cold')], actions)
        self.assertEqual(0, self.indicators['released_compute_nodes_count'])

    def test_disabled_destination_is_enabled_first(self):
        actions = self.run_strategy(
            [{'hostname': 'c1'}, {'hostname': 'c2', 'status': 'disabled'}],
            [{'uuid': 'i1', 'node': 'c1'}, {'uuid': 'i2', 'node': 'c2'},
             {'uuid': 'i3', 'node': 'c2'}],
            {'i1': 10, 'i2': 90, 'i3': 90})
        self.assertEqual([enable('c2'), migrate('i1', 'c1', 'c2'),
                          disable('c1')], actions)
        self.assertEqual(0, self.indicators['released_compute_nodes_count'])

    def test_down_nodes_are_left_alone(self):
        actions = self.run_strategy(
            [{'hostname': 'c1'}, {'hostname': 'c2', 'state': 'down'}],
            [{'uuid': 'i1', 'node': 'c1'}, {'uuid': 'i2', 'node': 'c2'}],
            {'i1': 10, 'i2': 90})
        self.assertEqual([], actions)
        self.assertEqual(1, self.indicators['compute_nodes_count'])

    def test_flavor_allocation_is_never_exceeded(self):
        # i1 measures 1 % but its flavor wants 8 vCPUs; c2 has 6 free.
        actions = self.run_strategy(
            [{'hostname': 'c1'}, {'hostname': 'c2'}],
            [{'uuid': 'i1', 'node': 'c1', 'vcpus': 8}] +
            [{'uuid': 'j%d' % n, 'node': 'c2'} for n in range(5)],
            dict({'i1': 1}, **{'j%d' % n: 90 for n in range(5)}))
        self.assertEqual([], actions)

    def test_excluded_instance_stays_and_keeps_its_node(self):
        actions = self.run_strategy(
            [{'hostname': 'c1'}, {'hostname': 'c2'}],
            [{'uuid': 'i1', 'node': 'c1', 'watcher_exclude': True},
             {'uuid': 'i2', 'node': 'c2'}],
            {'i1': 10, 'i2': 90})
        self.assertEqual([], actions)

    def test_equally_loaded_destinations_later_hostname_first(self):
        # c2 and c3 tie; the walk from the most loaded end meets c3 first.
        actions = self.run_strategy(
            [{'hostname': 'c1'}, {'hostname': 'c3'}, {'hostname': 'c2'}],
            [{'uuid': 'i1', 'node': 'c1'}, {'uuid': 'i2', 'node': 'c2'},
             {'uuid': 'i3', 'node': 'c3'}],
            {'i1': 10, 'i2': 50, 'i3': 50})
        self.assertEqual(migrate('i1', 'c1', 'c3'), actions[0])

    def test_zero_cpu_reading_counts_as_every_vcpu_busy(self):
        nodes = [{'hostname': 'c1'}, {'hostname': 'c2', 'vcpus': 8}]
        instances = [{'uuid': 'i1', 'node': 'c1', 'vcpus': 5},
                     {'uuid': 'i2', 'node': 'c2', 'vcpus': 1}]
        # c2 measures 6 of its 8 cores busy: room for 2 cores.
        busy = self.run_strategy(nodes, instances, {'i1': 0.0, 'i2': 10},
                                 hosts={'c2': 75})
        self.assertEqual([], busy)
        idle = self.run_strategy(nodes, instances, {'i1': 1.0, 'i2': 10},
                                 hosts={'c2': 75})
        self.assertEqual([migrate('i1', 'c1', 'c2'), disable('c1')], idle)

    def test_empty_cloud(self):
        self.assertEqual([], self.run_strategy([], [], {}))
        self.assertEqual({'compute_nodes_count': 0,
                          'released_compute_nodes_count': 0,
                          'instance_migrations_count': 0}, self.indicators)

    def test_nodes_without_instances_are_all_disabled(self):
        actions = self.run_strategy(
            [{'hostname': 'c1'}, {'hostname': 'c2', 'status': 'disabled'}],
            [], {})
        self.assertEqual([disable('c1')], actions)

    def test_no_cpu_reading_at_all_fails_the_run(self):
        error = self.assertRaises(
            exception.NoMetricData, self.run_strategy,
            [{'hostname': 'c1'}], [{'uuid': 'i1', 'node': 'c1'}], {})
        self.assertIn('instance_cpu_usage', str(error))

    def test_one_query_per_metric(self):
        self.run_strategy(
            [{'hostname': 'c%d' % n} for n in range(4)],
            [{'uuid': 'i%d' % n, 'node': 'c%d' % (n % 4)}
             for n in range(12)], {'i%d' % n: 20 + n for n in range(12)},
            hosts={'c0': 30})
        for metric in ('instance_cpu_usage', 'instance_ram_usage',
                       'instance_ram_allocated', 'instance_root_disk_size',
                       'host_cpu_usage', 'host_ram_usage'):
            self.assertEqual(1, self.datasource.bulk_queries[metric], metric)
        self.assertEqual(0, sum(self.datasource.single_queries.values()))


class TestOffload(VWCTestCase):

    def test_overloaded_node_sheds_its_least_busy_instance(self):
        # c1 has 4 cores and 5 busy ones (over-allocated): shedding the
        # 1-core instance is enough; c1 is then saturated, so nothing
        # comes back to it in the consolidation phase.
        actions = self.run_strategy(
            [{'hostname': 'c1', 'vcpus': 4}, {'hostname': 'c2'}],
            [{'uuid': 'i1', 'node': 'c1'}, {'uuid': 'i2', 'node': 'c1'},
             {'uuid': 'i3', 'node': 'c1', 'vcpus': 1},
             {'uuid': 'i4', 'node': 'c2'}],
            {'i1': 100, 'i2': 100, 'i3': 100, 'i4': 10})
        self.assertEqual([migrate('i3', 'c1', 'c2')], actions)


class TestOptimizeSolution(testtools.TestCase):

    def prepared(self):
        model = fakes.build_model(
            [{'hostname': 'c1'}, {'hostname': 'c2'}, {'hostname': 'c3'}],
            [{'uuid': 'x', 'node': 'c3'}, {'uuid': 'y', 'node': 'c2'}])
        strategy = fakes.new_strategy(VWC, model)
        strategy.datasource_backend = metric_fakes.FakeDataSource(
            {('x', 'instance_cpu_usage'): 10})
        strategy.candidate_nodes = list(
            model.get_all_compute_nodes().values())
        strategy.usage = vwc.usage_mod.NodeUsage(
            model, strategy.candidate_nodes, strategy.instance_usage, {})
        return strategy, model

    def add(self, strategy, model, uuid, source, destination):
        strategy.solution.add_action_migrate(
            model.get_instance_by_uuid(uuid), 'live',
            model.get_node_by_name(source),
            model.get_node_by_name(destination))
        strategy.number_of_migrations += 1

    def test_chained_moves_become_one(self):
        strategy, model = self.prepared()
        self.add(strategy, model, 'x', 'c1', 'c2')
        self.add(strategy, model, 'y', 'c1', 'c2')
        self.add(strategy, model, 'x', 'c2', 'c3')
        strategy.optimize_solution()
        self.assertEqual([migrate('y', 'c1', 'c2'),
                          migrate('x', 'c1', 'c3')],
                         [(a, dict(p, resource_name=p['resource_id']))
                          for a, p in fakes.actions_of(strategy.solution)])
        self.assertEqual(2, strategy.number_of_migrations)
        self.assertEqual('uuid-c3',
                         model.get_node_by_instance_uuid('x').uuid)

    def test_chained_moves_of_an_earlier_stage_stay_in_it(self):
        # Merged at the end of stage 0, not after the moves of stage 1
        # that rely on the room it makes.
        strategy, model = self.prepared()
        self.add(strategy, model, 'x', 'c1', 'c2')
        self.add(strategy, model, 'x', 'c2', 'c3')
        strategy.solution.next_stage()
        self.add(strategy, model, 'y', 'c1', 'c2')
        strategy.optimize_solution()
        self.assertEqual([('x', 0), ('y', 1)],
                         [(a['input_parameters']['resource_id'], a['stage'])
                          for a in strategy.solution.actions])
        self.assertEqual(2, strategy.number_of_migrations)

    def test_moves_of_different_stages_are_not_merged(self):
        strategy, model = self.prepared()
        self.add(strategy, model, 'x', 'c1', 'c2')
        strategy.solution.next_stage()
        self.add(strategy, model, 'x', 'c2', 'c3')
        strategy.optimize_solution()
        self.assertEqual([migrate('x', 'c1', 'c2'),
                          migrate('x', 'c2', 'c3')],
                         [(a, dict(p, resource_name=p['resource_id']))
                          for a, p in fakes.actions_of(strategy.solution)])
        self.assertEqual(2, strategy.number_of_migrations)

    def test_round_trip_cancels_out(self):
        strategy, model = self.prepared()
        self.add(strategy, model, 'x', 'c3', 'c1')
        self.add(strategy, model, 'x', 'c1', 'c3')
        strategy.optimize_solution()
        self.assertEqual([], strategy.solution.actions)
        self.assertEqual(0, strategy.number_of_migrations)


class TestRepack(VWCTestCase):
    """``repack``: not in the reference; packs instead of first fit."""

    # 16 vCPUs per node; the reference's walk ends on 3 nodes (c3: c,
    # c4: b, c5: e a d) where 2 hold everything (c, b | a, d, e).
    NODES = [{'hostname': 'c%d' % n} for n in range(1, 6)]
    INSTANCES = [{'uuid': 'a', 'node': 'c1', 'vcpus': 2},
                 {'uuid': 'b', 'node': 'c2', 'vcpus': 8},
                 {'uuid': 'c', 'node': 'c3', 'vcpus': 8},
                 {'uuid': 'd', 'node': 'c4', 'vcpus': 6},
                 {'uuid': 'e', 'node': 'c5', 'vcpus': 8}]
    CPU = {'a': 5, 'b': 10, 'c': 20, 'd': 50, 'e': 50}

    def placement(self):
        return {uuid: self.model.get_node_by_instance_uuid(uuid).hostname
                for uuid in sorted(self.CPU)}

    def test_off_by_default_the_reference_plan(self):
        actions = self.run_strategy(self.NODES, self.INSTANCES, self.CPU)
        self.assertEqual([migrate('a', 'c1', 'c5'), migrate('b', 'c2', 'c4'),
                          migrate('d', 'c4', 'c5'), disable('c1'),
                          disable('c2')], actions)
        self.assertEqual({'a': 'c5', 'b': 'c4', 'c': 'c3', 'd': 'c5',
                          'e': 'c5'}, self.placement())

    def test_repack_leaves_the_fewest_nodes(self):
        actions = self.run_strategy(self.NODES, self.INSTANCES, self.CPU,
                                    repack=True)
        # Packed from the spread placement, not after the reference's
        # walk: two full nodes (b, e | c, a, d) for three migrations where
        # the reference needs three and leaves three nodes. The busiest
        # nodes (c5: e at 50 %, c3: c at 20 %) are the ones kept.
        self.assertEqual({'a': 'c3', 'b': 'c5', 'c': 'c3', 'd': 'c3',
                          'e': 'c5'}, self.placement())
        self.assertEqual([migrate('b', 'c2', 'c5'), migrate('d', 'c4', 'c3'),
                          migrate('a', 'c1', 'c3'), disable('c1'),
                          disable('c2'), disable('c4')], actions)
        self.assertEqual(3, self.indicators['released_compute_nodes_count'])
        self.assertEqual(3, self.indicators['instance_migrations_count'])
        for node in self.model.get_all_compute_nodes().values():
            used = self.model.get_node_used_resources(node)
            self.assertLessEqual(used['vcpu'], node.vcpu_capacity)

    def test_repack_counts_ram_as_the_fit_test_moves_it(self):
        # c3's host reads 30 GB of its 32 used. The fit test's RAM use of
        # a node is the larger of its instances' measured sum (100 MB
        # each here) and that reading, which each move shifts by flavor
        # memory (2 GB): c3 has room for one more instance, not two. No
        # node may end over its RAM by that measure.
        ram = {uuid: 100 for uuid in self.CPU}
        nodes = [dict(n, memory=32768) for n in self.NODES]
        self.datasource_values = {('uuid-c3', 'host_ram_usage'):
                                  30720 * 1024}
        self.run_strategy(nodes, self.INSTANCES, self.CPU, repack=True,
                          instance_ram=ram)
        for node in self.model.get_all_compute_nodes().values():
            self.assertLessEqual(self.strategy.usage.of_node(node).ram,
                                 node.memory_mb_capacity, node.hostname)
        self.assertEqual(2, len(set(self.placement().values())))

    def test_repack_finding_nothing_falls_back_to_the_reference(self):
        # 22 vCPUs need both 16-vCPU nodes: nothing can be released, but
        # the reference's walk still moves c up to the busier node.
        nodes = [{'hostname': 'c1'}, {'hostname': 'c2'}]
        instances = [{'uuid': 'a', 'node': 'c1', 'vcpus': 10},
                     {'uuid': 'b', 'node': 'c2', 'vcpus': 10},
                     {'uuid': 'c', 'node': 'c2', 'vcpus': 2}]
        cpu = {'a': 90, 'b': 10, 'c': 10}
        reference = self.run_strategy(nodes, instances, cpu)
        self.assertEqual([migrate('c', 'c2', 'c1')], reference)
        self.assertEqual(reference, self.run_strategy(nodes, instances, cpu,
                                                      repack=True))

    def test_repack_never_moves_pinned_instances(self):
        instances = [dict(i) for i in self.INSTANCES]
        instances[2]['state'] = 'error'          # c may not leave c3
        self.run_strategy(self.NODES, instances, self.CPU, repack=True)
        placement = self.placement()
        self.assertEqual('c3', placement['c'])
        self.assertEqual({'c3', 'c5'}, set(placement.values()))

    def test_repack_never_fills_a_disabled_node(self):
        nodes = self.NODES + [{'hostname': 'c6', 'status': 'disabled',
                               'vcpus': 64}]
        self.run_strategy(nodes, self.INSTANCES, self.CPU, repack=True)
        self.assertNotIn('c6', self.placement().values())
        self.assertEqual({'c3', 'c5'}, set(self.placement().values()))
