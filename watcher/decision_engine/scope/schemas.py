"""JSON schemas of the compute and storage parts of an audit scope.

The API validates an audit template's scope against the ``SCHEMA`` of the
collector named by each part (``compute``, ``storage``); these are those
schemas (draft 4). A ``baremetal`` part has no schema, so the API refuses
it, as the reference does.
"""
import copy


def _list_of(*keys):
    """An array of objects carrying only string ``keys``."""
    return {
        'type': 'array',
        'items': {
            'type': 'object',
            'properties': {key: {'type': 'string'} for key in keys},
            'additionalProperties': False,
        },
    }


_AGGREGATE_BY_ID = {
    'properties': {'id': {'oneOf': [{'type': 'integer'},
                                    {'enum': ['*']}]}},
    'additionalProperties': False,
}
_AGGREGATE_BY_NAME = {
    'properties': {'name': {'type': 'string'}},
    'additionalProperties': False,
}


def _aggregates():
    return {'type': 'array',
            'items': {'anyOf': [copy.deepcopy(_AGGREGATE_BY_ID),
                                copy.deepcopy(_AGGREGATE_BY_NAME)]}}


COMPUTE_SCOPE_SCHEMA = {
    '$schema': 'http://json-schema.org/draft-04/schema#',
    'type': 'array',
    'items': {
        'type': 'object',
        'properties': {
            'host_aggregates': _aggregates(),
            'availability_zones': _list_of('name'),
            'exclude': {
                'type': 'array',
                'items': {
                    'type': 'object',
                    'properties': {
                        'instances': _list_of('uuid'),
                        'compute_nodes': _list_of('name'),
                        'host_aggregates': _aggregates(),
                        'instance_metadata': {
                            'type': 'array',
                            'items': {'type': 'object'},
                        },
                        'projects': _list_of('uuid'),
                    },
                    'additionalProperties': False,
                },
            },
        },
        'additionalProperties': False,
    },
}

# NOTE: the reference's storage schema lets exclude items carry unknown
# keys (its ``additionalProperties`` sits inside ``properties``); audit
# templates accepted there must stay accepted here, so the same holds.
STORAGE_SCOPE_SCHEMA = {
    '$schema': 'http://json-schema.org/draft-04/schema#',
    'type': 'array',
    'items': {
        'type': 'object',
        'properties': {
            'availability_zones': _list_of('name'),
            'volume_types': _list_of('name'),
            'exclude': {
                'type': 'array',
                'items': {
                    'type': 'object',
                    'properties': {
                        'storage_pools': _list_of('name'),
                        'volumes': _list_of('uuid'),
                        'projects': _list_of('uuid'),
                    },
                },
            },
        },
        'additionalProperties': False,
    },
}
