"""``GET /v1/data_model`` (1.3): the decision engine's cluster data model.

The rows come from an RPC call to the decision engine; only the keys of a
fixed allow-list are returned, the extended compute attributes from 1.6.
"""

from pecan import rest
from wsme import types as wtypes
from wsmeext import pecan as wsme_pecan

from watcher.api.controllers import microversion
from watcher.api.controllers.v1 import types
from watcher.api.controllers.v1 import utils as api_utils
from watcher.api.controllers.v1 import versions
from watcher.common import exception
from watcher.decision_engine import rpcapi

SUPPORTED_TYPES = ('compute',)

NODE_KEYS = ('node_uuid', 'node_hostname', 'node_status',
             'node_disabled_reason', 'node_state', 'node_memory',
             'node_memory_mb_reserved', 'node_disk', 'node_disk_gb_reserved',
             'node_vcpus', 'node_vcpu_reserved', 'node_memory_ratio',
             'node_vcpu_ratio', 'node_disk_ratio')
SERVER_KEYS = ('server_uuid', 'server_name', 'server_state',
               'server_project_id', 'server_memory', 'server_disk',
               'server_vcpus', 'server_watcher_exclude', 'server_locked',
               'server_metadata')
EXTENDED_SERVER_KEYS = ('server_pinned_az', 'server_flavor_extra_specs')


def allowed_keys():
    """The row keys shown at the request's microversion."""
    keys = NODE_KEYS + SERVER_KEYS
    if microversion.allows(versions.VERSIONS.MINOR_6_EXT_COMPUTE_MODEL):
        keys += EXTENDED_SERVER_KEYS
    return frozenset(keys)


def filter_rows(rows):
    keys = allowed_keys()
    return [{key: value for key, value in row.items() if key in keys}
            for row in rows]


class DataModelController(rest.RestController):
    """REST controller for the data model."""

    @wsme_pecan.wsexpose(types.jsontype, wtypes.text, types.uuid)
    def get_all(self, data_model_type='compute', audit_uuid=None):
        """The cluster data model, optionally in the scope of an audit."""
        if not microversion.allows(versions.VERSIONS.MINOR_3_DATAMODEL):
            raise exception.NotAcceptable()
        if data_model_type not in SUPPORTED_TYPES:
            raise exception.DataModelTypeNotFound(
                data_model_type=data_model_type)
        api_utils.enforce('data_model:get_all')
        result = rpcapi.DecisionEngineAPI().get_data_model_info(
            api_utils.context(), data_model_type=data_model_type,
            audit=audit_uuid)
        rows = (result or {}).get('context', [])
        return {'context': filter_rows(rows)}
