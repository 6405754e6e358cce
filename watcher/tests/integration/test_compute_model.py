"""Our compute model of the real Nova + Placement equals the emulated one.

The same topology (three 16 vCPU / 32 GiB / 500 GB hosts with Nova's
default reserved memory and allocation ratios, three flavors, servers on
named hosts) is booted in the real Nova and served by the emulated cloud;
the compute collector must build the same model from both, apart from the
uuids each cloud picks. This is what keeps the emulated cloud honest.
"""
from watcher.decision_engine.model.collector import nova
from watcher.emulated_cloud import EmulatedCloud
from watcher.tests.functional.model import test_cloud_models
from watcher.tests.integration import base

SERVERS = (('vm-small', 'm1.small', 'fake-compute-1'),
           ('vm-medium', 'm1.medium', 'fake-compute-1'),
           ('vm-large', 'm1.large', 'fake-compute-2'))

# What nova.conf defaults give the fake driver's hosts in Placement.
HOST = {'vcpus': 16, 'memory_mb': 32768, 'disk_gb': 500,
        'vcpu_reserved': 0, 'memory_mb_reserved': 512, 'disk_gb_reserved': 0,
        'cpu_allocation_ratio': 4.0, 'ram_allocation_ratio': 1.0,
        'disk_allocation_ratio': 1.0}


def emulated_topology(tag):
    return {
        'hosts': [dict(HOST, name=name) for name in base.HOSTS],
        'flavors': [{'name': 'm1.small', 'vcpus': 2, 'ram': 2048, 'disk': 10},
                    {'name': 'm1.medium', 'vcpus': 4, 'ram': 4096,
                     'disk': 20},
                    {'name': 'm1.large', 'vcpus': 8, 'ram': 8192,
                     'disk': 20}],
        'servers': [{'name': '%s-%s' % (name, tag), 'flavor': flavor,
                     'host': host} for name, flavor, host in SERVERS],
    }


def node_view(model):
    """Node fields that do not depend on which cloud made the uuids."""
    return {node.hostname: (node.status, node.state, node.disabled_reason,
                            node.vcpus, node.vcpu_reserved, node.vcpu_ratio,
                            node.memory, node.memory_mb_reserved,
                            node.memory_ratio, node.disk,
                            node.disk_gb_reserved, node.disk_ratio,
                            node.vcpu_capacity, node.memory_mb_capacity,
                            node.disk_gb_capacity)
            for node in model.get_all_compute_nodes().values()}


def instance_view(model, tag):
    view = {}
    for instance in model.get_all_instances().values():
        if not instance.name.endswith('-' + tag):
            continue  # servers of other tests, if any
        node = model.get_node_by_instance_uuid(instance.uuid)
        view[instance.name] = (instance.state, instance.resources,
                               instance.locked, node.hostname,
                               instance.hypervisor_hostname)
    return view


class TestComputeModelMatchesEmulatedCloud(base.IntegrationTestCase):

    def build_model(self):
        collector = nova.NovaClusterDataModelCollector(
            config={'period': 3600})
        model = collector.get_latest_cluster_data_model()
        self.assertTrue(model, 'no compute model was built')
        return model

    def test_same_topology_same_model(self):
        self.wait_active([self.boot(name, flavor, host)
                          for name, flavor, host in SERVERS])
        service_config = base.ServiceConfig()
        service_config.setUp()
        try:
            real = self.build_model()
        finally:
            service_config.cleanUp()

        cloud = EmulatedCloud(emulated_topology(self.tag))
        cloud.start()
        self.addCleanup(cloud.stop)
        self.useFixture(test_cloud_models.OperatorConfig(cloud))
        emulated = self.build_model()

        self.assertEqual(node_view(emulated), node_view(real))
        real_instances = instance_view(real, self.tag)
        self.assertEqual(sorted('%s-%s' % (s[0], self.tag) for s in SERVERS),
                         sorted(real_instances))
        self.assertEqual(instance_view(emulated, self.tag), real_instances)
        self.assertEqual((2, 2048, 10),
                         real_instances['vm-small-%s' % self.tag][1])
