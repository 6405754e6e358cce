"""Audit scopes trimming compute, storage and baremetal models."""
import jsonschema
import testtools

from watcher.common import exception
from watcher.decision_engine.model import baremetal_root
from watcher.decision_engine.model.collector import nova_api
from watcher.decision_engine.model import element
from watcher.decision_engine.model import model_root
from watcher.decision_engine.scope import baremetal
from watcher.decision_engine.scope import compute
from watcher.decision_engine.scope import schemas
from watcher.decision_engine.scope import storage
from watcher.tests.unit.decision_engine.model import test_storage_root


class FakeNova(object):
    """What Nova's os-aggregates and os-services would answer."""

    def __init__(self):
        self.calls = 0

    def aggregates(self):
        self.calls += 1
        return [nova_api.Aggregate(1, 'agg1', ('host1', 'host2')),
                nova_api.Aggregate(2, 'agg2', ('host3',)),
                nova_api.Aggregate(3, 'elsewhere', ('host-not-modelled',))]

    def compute_services(self):
        self.calls += 1
        return [nova_api.ComputeService('host1', 'az1'),
                nova_api.ComputeService('host2', 'az1'),
                nova_api.ComputeService('host3', 'az2'),
                nova_api.ComputeService('host4', 'az2')]


def compute_model():
    model = model_root.ModelRoot()
    for index in range(1, 5):
        model.add_node(element.ComputeNode(uuid='n%d' % index,
                                           hostname='host%d' % index))
        model.map_instance(element.Instance(
            uuid='i%d' % index, project_id='project%d' % (index % 2),
            metadata={'optimize': 'False' if index == 1 else 'true',
                      'tier': 'db' if index < 3 else 'web'}),
            'n%d' % index)
    return model


class TestComputeScope(testtools.TestCase):

    def scoped(self, rules, model=None, nova=None):
        scope = compute.ComputeScope([{'compute': rules}],
                                     inventory=nova or FakeNova())
        return scope.get_scoped_model(
            compute_model() if model is None else model)

    @staticmethod
    def hosts(model):
        return [node.hostname for node
                in model.get_all_compute_nodes().values()]

    @staticmethod
    def excluded(model):
        return [uuid for uuid, instance in model.get_all_instances().items()
                if instance.watcher_exclude]

    def test_no_compute_part_changes_nothing(self):
        nova = FakeNova()
        model = compute.ComputeScope(
            [{'storage': [{'volume_types': [{'name': 'x'}]}]}],
            inventory=nova).get_scoped_model(compute_model())
        self.assertEqual(4, len(model.get_all_compute_nodes()))
        self.assertEqual(0, nova.calls)

    def test_aggregate_by_id_keeps_its_hosts_and_their_instances(self):
        model = self.scoped([{'host_aggregates': [{'id': 1}]}])
        self.assertEqual(['host1', 'host2'], self.hosts(model))
        self.assertEqual(['i1', 'i2'], list(model.get_all_instances()))

    def test_aggregate_by_name_and_zone_are_united(self):
        model = self.scoped([{'host_aggregates': [{'name': 'agg2'}]},
                             {'availability_zones': [{'name': 'az1'}]}])
        self.assertEqual(['host1', 'host2', 'host3'], self.hosts(model))

    def test_wildcards(self):
        self.assertEqual(['host1', 'host2', 'host3'], self.hosts(
            self.scoped([{'host_aggregates': [{'id': '*'}]}])))
        self.assertEqual(4, len(self.hosts(
            self.scoped([{'availability_zones': [{'name': '*'}]}]))))
        self.assertRaises(exception.WildcardCharacterIsUsed, self.scoped,
                          [{'host_aggregates': [{'id': '*'}, {'id': 1}]}])

    def test_aggregate_without_modelled_hosts_empties_the_model(self):
        model = self.scoped([{'host_aggregates': [{'name': 'elsewhere'}]}])
        self.assertEqual([], self.hosts(model))

    def test_unknown_aggregate_or_zone_is_a_clear_error(self):
        error = self.assertRaises(exception.ScopeResourceNotFound,
                                  self.scoped,
                                  [{'host_aggregates': [{'id': 42},
                                                        {'name': 'agg1'}]}])
        self.assertEqual('The audit scope refers to unknown host '
                         'aggregates: 42', str(error))
        error = self.assertRaises(exception.ScopeResourceNotFound,
                                  self.scoped,
                                  [{'availability_zones': [{'name': 'az9'}]}])
        self.assertIn('availability zones: az9', str(error))

    def test_exclude_compute_nodes_and_aggregates(self):
        model = self.scoped([{'exclude': [
            {'compute_nodes': [{'name': 'host4'}]},
            {'host_aggregates': [{'id': 2}]}]}])
        self.assertEqual(['host1', 'host2'], self.hosts(model))
        error = self.assertRaises(exception.ScopeResourceNotFound,
                                  self.scoped, [{'exclude': [
                                      {'compute_nodes': [{'name': 'nope'}]}]}])
        self.assertIn('compute nodes: nope', str(error))

    def test_excluded_instances_stay_but_are_marked(self):
        model = self.scoped([{'exclude': [
            {'instances': [{'uuid': 'i2'}, {'uuid': 'gone'}]}]}])
        self.assertEqual(['i2'], self.excluded(model))
        self.assertEqual(4, len(model.get_all_instances()))

    def test_instance_metadata_exclusion_case_insensitive(self):
        model = self.scoped([{'exclude': [
            {'instance_metadata': [{'optimize': 'false'}]}]}])
        self.assertEqual(['i1'], self.excluded(model))

    def test_instance_metadata_entry_needs_every_key(self):
        model = self.scoped([{'exclude': [{'instance_metadata': [
            {'optimize': 'TRUE', 'tier': 'web'}, {'tier': 'nothing'}]}]}])
        self.assertEqual(['i3', 'i4'], self.excluded(model))

    def test_projects(self):
        model = self.scoped([{'exclude': [
            {'projects': [{'uuid': 'project1'}]}]}])
        self.assertEqual(['i1', 'i3'], self.excluded(model))

    def test_legacy_scope_without_parts_is_compute(self):
        scope = compute.ComputeScope([{'host_aggregates': [{'id': 2}]}],
                                     inventory=FakeNova())
        self.assertEqual(['host3'],
                         self.hosts(scope.get_scoped_model(compute_model())))

    def test_stale_model_is_returned_untouched(self):
        stale = model_root.ModelRoot(stale=True)
        self.assertIs(stale, self.scoped([{'host_aggregates': [{'id': 1}]}],
                                         model=stale))

    def test_schema_accepts_the_documented_rules(self):
        valid = [{'host_aggregates': [{'id': 1}, {'name': 'a'}, {'id': '*'}]},
                 {'availability_zones': [{'name': 'az1'}]},
                 {'exclude': [{'instances': [{'uuid': 'x'}]},
                              {'compute_nodes': [{'name': 'h'}]},
                              {'instance_metadata': [{'optimize': False}]},
                              {'projects': [{'uuid': 'p'}]}]}]
        jsonschema.validate(valid, schemas.COMPUTE_SCOPE_SCHEMA)
        for invalid in ([{'host_aggregates': [{'id': 'x'}]}],
                        [{'unknown_rule': []}],
                        [{'exclude': [{'volumes': []}]}]):
            self.assertRaises(jsonschema.ValidationError, jsonschema.validate,
                              invalid, schemas.COMPUTE_SCOPE_SCHEMA)


class TestStorageScope(testtools.TestCase):

    def scoped(self, rules):
        return storage.StorageScope([{'storage': rules}]).get_scoped_model(
            test_storage_root.storage_model())

    def test_volume_types_select_backends(self):
        model = self.scoped([{'volume_types': [{'name': 'silver'}]}])
        self.assertEqual(['storage2@ceph'],
                         list(model.get_all_storage_nodes()))
        self.assertEqual(['v3'], list(model.get_all_volumes()))
        self.assertEqual(['storage2@ceph#pool2'], list(model.get_all_pools()))

    def test_zones(self):
        model = self.scoped([{'availability_zones': [{'name': 'zone1'}]}])
        self.assertEqual(['storage1@lvm'], list(model.get_all_storage_nodes()))
        self.assertRaises(exception.WildcardCharacterIsUsed, self.scoped,
                          [{'availability_zones': [{'name': '*'},
                                                   {'name': 'zone1'}]}])

    def test_unknown_type_zone_or_pool(self):
        for rules, text in (
                ([{'volume_types': [{'name': 'platinum'}]}],
                 'volume types: platinum'),
                ([{'availability_zones': [{'name': 'z9'}]}],
                 'storage availability zones: z9'),
                ([{'exclude': [{'storage_pools': [{'name': 'x#y'}]}]}],
                 'storage pools: x#y')):
            error = self.assertRaises(exception.ScopeResourceNotFound,
                                      self.scoped, rules)
            self.assertIn(text, str(error))

    def test_excludes(self):
        model = self.scoped([{'exclude': [
            {'storage_pools': [{'name': 'storage2@ceph#pool2'}]},
            {'volumes': [{'uuid': 'v1'}, {'uuid': 'deleted-volume'}]},
            {'projects': [{'uuid': 'p2'}]}]}])
        self.assertEqual({}, model.get_all_volumes())
        self.assertEqual(['storage1@lvm#pool1'], list(model.get_all_pools()))

    def test_schema(self):
        jsonschema.validate([{'volume_types': [{'name': 'gold'}]},
                             {'exclude': [{'volumes': [{'uuid': 'v'}]}]}],
                            schemas.STORAGE_SCOPE_SCHEMA)
        self.assertRaises(jsonschema.ValidationError, jsonschema.validate,
                          [{'host_aggregates': []}],
                          schemas.STORAGE_SCOPE_SCHEMA)


class TestBaremetalScope(testtools.TestCase):

    def test_exclude_ironic_nodes(self):
        model = baremetal_root.BaremetalModelRoot()
        for uuid in ('a', 'b'):
            model.add_node(element.IronicNode(uuid=uuid))
        scope = baremetal.BaremetalScope([{'baremetal': [
            {'exclude': [{'ironic_nodes': [{'uuid': 'a'}]}]}]}])
        self.assertEqual(['b'], list(scope.get_scoped_model(
            model).get_all_ironic_nodes()))
        unknown = baremetal.BaremetalScope([{'baremetal': [
            {'exclude': [{'ironic_nodes': [{'uuid': 'z'}]}]}]}])
        self.assertRaises(exception.ScopeResourceNotFound,
                          unknown.get_scoped_model, model)
