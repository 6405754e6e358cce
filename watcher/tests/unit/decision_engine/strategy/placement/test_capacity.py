"""Allocation fit and saturation rules shared by the strategies."""
import testtools

from watcher.decision_engine.strategy.placement import capacity
from watcher.tests.unit.decision_engine.strategy import fakes


def one_node(**fields):
    fields.setdefault('hostname', 'c1')
    return fakes.build_model([fields])


class TestAllocationFit(testtools.TestCase):

    def test_capacity_counts_reserved_and_ratio(self):
        model = one_node(vcpus=8, vcpu_reserved=2, vcpu_ratio=2.0,
                         memory=4096, memory_mb_reserved=1024, disk=100,
                         disk_gb_reserved=10, disk_ratio=1.5)
        node = model.get_node_by_name('c1')
        self.assertEqual({'vcpu': 12.0, 'memory': 3072.0, 'disk': 135.0},
                         capacity.capacity(node))

    def test_fits_exactly_but_not_beyond(self):
        model = fakes.build_model(
            [{'hostname': 'c1', 'vcpus': 4, 'memory': 4096, 'disk': 40}],
            [{'uuid': 'a', 'node': 'c1', 'vcpus': 2, 'memory': 2048,
              'disk': 20}])
        node = model.get_node_by_name('c1')
        same = model.get_instance_by_uuid('a')
        self.assertTrue(capacity.fits_allocation(model, same, node))
        bigger = same.replace(uuid='b', vcpus=3)
        self.assertFalse(capacity.fits_allocation(model, bigger, node))
        self.assertTrue(capacity.fits_allocation(
            model, bigger, node, resources=('memory', 'disk')))
        used = model.get_node_used_resources(node)
        self.assertTrue(capacity.fits_capacity(node, used, same))
        self.assertFalse(capacity.fits_capacity(node, used, bigger))

    def test_over_allocated_node_takes_nothing(self):
        model = fakes.build_model(
            [{'hostname': 'c1', 'vcpus': 2}],
            [{'uuid': 'a', 'node': 'c1', 'vcpus': 3}])
        zero = model.get_instance_by_uuid('a').replace(
            uuid='z', vcpus=0, memory=0, disk=0)
        self.assertFalse(capacity.fits_allocation(
            model, zero, model.get_node_by_name('c1')))


class TestSaturation(testtools.TestCase):

    def test_allocation_limits(self):
        roomy = {'vcpu': 1, 'memory': 129, 'disk': 1}
        self.assertFalse(capacity.allocation_saturated(roomy))
        for name, value in (('vcpu', 0), ('memory', 128), ('disk', 0)):
            self.assertTrue(capacity.allocation_saturated(
                dict(roomy, **{name: value})), name)

    def test_usage_limits(self):
        limit = {'cpu': 10, 'ram': 1000, 'disk': 100}
        self.assertFalse(capacity.usage_saturated(
            {'cpu': 9.9, 'ram': 871, 'disk': 99}, limit))
        self.assertTrue(capacity.usage_saturated(
            {'cpu': 10, 'ram': 0, 'disk': 0}, limit))
        self.assertTrue(capacity.usage_saturated(
            {'cpu': 0, 'ram': 872, 'disk': 0}, limit))
        self.assertTrue(capacity.usage_saturated(
            {'cpu': 0, 'ram': 0, 'disk': 100}, limit))
        self.assertTrue(capacity.usage_saturated(
            {'cpu': 5, 'ram': 0, 'disk': 0}, limit,
            {'cpu': 0.5, 'ram': 1.0, 'disk': 1.0}))
