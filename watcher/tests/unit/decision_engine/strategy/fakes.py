"""Small hand-built cluster models for strategy tests."""
from watcher.decision_engine.model import element
from watcher.decision_engine.model import model_root


def build_model(nodes, instances=()):
    """``nodes``: dicts of ComputeNode fields (uuid defaults to hostname).

    ``instances``: dicts of Instance fields plus ``node`` (a hostname).
    """
    model = model_root.ModelRoot()
    by_name = {}
    for fields in nodes:
        fields = dict({'vcpus': 16, 'memory': 32768, 'disk': 500,
                       'state': 'up', 'status': 'enabled'}, **fields)
        fields.setdefault('uuid', 'uuid-' + fields['hostname'])
        node = element.ComputeNode(**fields)
        model.add_node(node)
        by_name[node.hostname] = node
    for fields in instances:
        fields = dict({'vcpus': 2, 'memory': 2048, 'disk': 20}, **fields)
        node_name = fields.pop('node')
        fields.setdefault('name', fields['uuid'])
        instance = element.Instance(**fields)
        model.add_instance(instance)
        model.map_instance(instance, by_name[node_name])
    return model


def new_strategy(strategy_class, model=None, **parameters):
    """A strategy with a model injected and parameters (with defaults)."""
    from watcher.common import jsonschema_utils
    strategy = strategy_class()
    if model is not None:
        strategy.compute_model = model
    schema = strategy_class.get_schema()
    if schema:
        jsonschema_utils.validate_and_fill_defaults(schema, parameters)
    strategy.input_parameters.update(parameters)
    return strategy


def actions_of(solution):
    return [(a['action_type'], a['input_parameters'])
            for a in solution.actions]


def migrate(uuid, source, destination=None, kind='live'):
    """The ``migrate`` action a strategy is expected to plan."""
    params = {'migration_type': kind, 'source_node': source,
              'resource_name': uuid, 'resource_id': uuid}
    if destination:
        params['destination_node'] = destination
    return ('migrate', params)


def disable(node, reason='watcher_disabled'):
    """The ``change_nova_service_state`` action disabling ``node``."""
    return ('change_nova_service_state',
            {'state': 'disabled', 'disabled_reason': reason,
             'resource_name': node, 'resource_id': 'uuid-' + node})
