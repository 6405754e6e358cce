"""Measured use of compute nodes, kept up to date while moves are planned.

``NodeUsage`` holds, per node, the sums of its instances' measured use
(cores, MB, GB) and the host-level readings of the node (CPU %, RAM KiB).
The sums are computed once and then moved with each planned migration, so
no strategy rescans a node's instances (the reference re-summed every
instance of a node on each call before its per-run cache).

The use of a node is the larger of the instances' sum and the host
reading corrected by the moves planned so far (``delta``): the host sees
load the instances' metrics do not (its own services). As in the
reference, the delta moves by an instance's measured CPU and by its
flavor memory.
"""
import collections

KIB_PER_MB = 1024

Usage = collections.namedtuple('Usage', ('cpu', 'ram', 'disk'))


class NodeUsage(object):
    """Measured use of a set of nodes; ``move`` follows planned migrations.

    ``instance_usage(instance)`` gives the instance's ``Usage``;
    ``host_readings`` maps node uuid to ``(cpu_percent, ram_kib)`` (None
    or 0 where the datasource had nothing).
    """

    def __init__(self, model, nodes, instance_usage, host_readings):
        self.model = model
        self._instance_usage = instance_usage
        self._host = dict(host_readings)
        self._sums = {}
        self._delta = {}
        for node in nodes:
            cpu = ram = disk = 0
            for instance in model.get_node_instances(node):
                used = instance_usage(instance)
                cpu += used.cpu
                ram += used.ram
                disk += used.disk
            self._sums[node.uuid] = [cpu, ram, disk]
            self._delta[node.uuid] = [0, 0]

    def of_instance(self, instance):
        return self._instance_usage(instance)

    def of_node(self, node):
        """``Usage`` of ``node``: max(instance sums, corrected reading)."""
        cpu_sum, ram_sum, disk_sum = self._sums[node.uuid]
        host_cpu, host_ram = self._host.get(node.uuid, (None, None))
        delta_cpu, delta_ram = self._delta[node.uuid]
        total_cpu = host_cpu or 0
        if total_cpu:
            total_cpu = total_cpu * node.vcpus / 100
            total_cpu += delta_cpu
        total_ram = host_ram or 0
        if total_ram:
            total_ram /= KIB_PER_MB
            total_ram += delta_ram
        return Usage(max(cpu_sum, total_cpu), max(ram_sum, total_ram),
                     disk_sum)

    def ram_parts(self, node):
        """(instances' sum, corrected host reading or None) of RAM in MB.

        The node's RAM use is the larger of the two, and a move shifts
        them differently (the sum by measured use, the reading by flavor
        memory): a planner that must predict the fit test counts both.
        """
        host_ram = self._host.get(node.uuid, (None, None))[1]
        if not host_ram:
            return self._sums[node.uuid][1], None
        return (self._sums[node.uuid][1],
                host_ram / KIB_PER_MB + self._delta[node.uuid][1])

    def _shift_sums(self, used, source_uuid, destination_uuid):
        source = self._sums.get(source_uuid)
        if source is not None:
            for index, value in enumerate(used):
                source[index] = max(0, source[index] - value)
        destination = self._sums.get(destination_uuid)
        if destination is not None:
            for index, value in enumerate(used):
                destination[index] += value

    def move(self, instance, source, destination):
        """A migration was planned: move sums and host deltas."""
        used = self._instance_usage(instance)
        self._shift_sums(used, source.uuid, destination.uuid)
        for uuid, sign in ((source.uuid, -1), (destination.uuid, 1)):
            delta = self._delta.get(uuid)
            if delta is not None:
                delta[0] += sign * used.cpu
                delta[1] += sign * instance.memory

    def move_back(self, instance, source, destination):
        """Undo the sums (not the deltas) of moves later replaced."""
        self._shift_sums(self._instance_usage(instance), source.uuid,
                         destination.uuid)
