"""XML and dict (JSON) forms of the cluster data models.

The XML form is the reference's: a ``<ModelRoot>`` whose children are the
element records, one XML attribute per field, hosted records nested in
their host (``ComputeNode > Instance``, ``StorageNode > Pool > Volume``)
and unplaced records at the root. Test scenarios are written in it, so
parsing is lenient: unknown attributes (``human_id``, ``id``... of older
files) are ignored and missing fields take their defaults.
"""
import datetime
import json

from lxml import etree

from watcher.decision_engine.model import element


def _attribute_text(value):
    if isinstance(value, bool):
        return 'True' if value else 'False'
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, (str, int)):
        return str(value)
    return json.dumps(element.base.plain(value), sort_keys=True)


def element_to_xml(record):
    node = etree.Element(type(record).__name__)
    for name in record.field_names():
        value = getattr(record, name)
        if value is not None:
            node.set(name, _attribute_text(value))
    return node


def element_from_xml(cls, xml_element):
    names = set(cls.field_names())
    values = {key: value for key, value in xml_element.attrib.items()
              if key in names}
    return cls(**values)


def _tostring(root):
    return etree.tostring(root, pretty_print=True).decode('utf-8')


def _parse(data):
    if isinstance(data, str):
        data = data.encode('utf-8')
    return etree.fromstring(data)


# -- compute ------------------------------------------------------------------

def compute_to_xml(model):
    root = etree.Element('ModelRoot')
    nodes = model.get_all_compute_nodes()
    mapped = set()
    for uuid in sorted(nodes):
        node_el = element_to_xml(nodes[uuid])
        for instance in model.get_node_instances(uuid):
            mapped.add(instance.uuid)
            node_el.append(element_to_xml(instance))
        root.append(node_el)
    for uuid, instance in model.get_all_instances().items():
        if uuid not in mapped:
            root.append(element_to_xml(instance))
    return _tostring(root)


def compute_from_xml(cls, data):
    model = cls()
    root = _parse(data)
    for node_el in root.iter('ComputeNode'):
        model.add_node(element_from_xml(element.ComputeNode, node_el))
    for instance_el in root.iter('Instance'):
        instance = element_from_xml(element.Instance, instance_el)
        model.add_instance(instance)
        parent = instance_el.getparent()
        if parent is not None and parent.tag == 'ComputeNode':
            model.map_instance(instance.uuid, parent.get('uuid'))
    return model


def compute_to_dict(model):
    """{'nodes': [node fields + 'instances': [...]], 'instances': [...]}."""
    nodes = []
    mapped = set()
    for uuid, node in model.get_all_compute_nodes().items():
        entry = node.as_dict()
        entry['instances'] = []
        for instance in model.get_node_instances(uuid):
            mapped.add(instance.uuid)
            entry['instances'].append(instance.as_dict())
        nodes.append(entry)
    unmapped = [instance.as_dict() for uuid, instance
                in model.get_all_instances().items() if uuid not in mapped]
    return {'nodes': nodes, 'instances': unmapped}


def compute_from_dict(cls, data):
    model = cls()
    for entry in data.get('nodes', ()):
        entry = dict(entry)
        hosted = entry.pop('instances', ())
        node = element.ComputeNode(**entry)
        model.add_node(node)
        for values in hosted:
            model.map_instance(element.Instance(**values), node.uuid)
    for values in data.get('instances', ()):
        model.add_instance(element.Instance(**values))
    return model


# -- storage ------------------------------------------------------------------

def storage_to_xml(model):
    root = etree.Element('ModelRoot')
    placed_pools = set()
    placed_volumes = set()

    def pool_element(pool):
        pool_el = element_to_xml(pool)
        for volume in model.get_pool_volumes(pool.name):
            placed_volumes.add(volume.uuid)
            pool_el.append(element_to_xml(volume))
        return pool_el

    for node in model.get_all_storage_nodes().values():
        node_el = element_to_xml(node)
        for pool in model.get_node_pools(node.host):
            placed_pools.add(pool.name)
            node_el.append(pool_element(pool))
        root.append(node_el)
    for name, pool in model.get_all_pools().items():
        if name not in placed_pools:
            root.append(pool_element(pool))
    for uuid, volume in model.get_all_volumes().items():
        if uuid not in placed_volumes:
            root.append(element_to_xml(volume))
    return _tostring(root)


def storage_from_xml(cls, data):
    model = cls()
    root = _parse(data)
    for node_el in root.iter('StorageNode'):
        model.add_node(element_from_xml(element.StorageNode, node_el))
    for pool_el in root.iter('Pool'):
        pool = element_from_xml(element.Pool, pool_el)
        model.add_pool(pool)
        parent = pool_el.getparent()
        if parent is not None and parent.tag == 'StorageNode':
            model.map_pool(pool.name, parent.get('host'))
    for volume_el in root.iter('Volume'):
        volume = element_from_xml(element.Volume, volume_el)
        model.add_volume(volume)
        parent = volume_el.getparent()
        if parent is not None and parent.tag == 'Pool':
            model.map_volume(volume.uuid, parent.get('name'))
    return model


# -- baremetal ----------------------------------------------------------------

def baremetal_to_xml(model):
    root = etree.Element('ModelRoot')
    for node in model.get_all_ironic_nodes().values():
        root.append(element_to_xml(node))
    return _tostring(root)


def baremetal_from_xml(cls, data):
    model = cls()
    for node_el in _parse(data).iter('IronicNode'):
        model.add_node(element_from_xml(element.IronicNode, node_el))
    return model
