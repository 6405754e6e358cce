"""Baremetal elements: Ironic nodes."""
from watcher.decision_engine.model.element import base

_IRONIC_NODE_FIELDS = (
    base.Field('uuid', base.as_str, ''),
    base.Field('human_id', base.as_str, ''),
    base.Field('power_state', base.as_optional_str, None),
    base.Field('maintenance', base.as_bool, False),
    base.Field('maintenance_reason', base.as_optional_str, None),
    base.Field('extra', base.as_mapping, None),
)


class IronicNode(base.Element):
    """An Ironic node; ``extra['compute_node_id']`` links it to Nova."""

    FIELDS = _IRONIC_NODE_FIELDS
    __slots__ = base.slots(_IRONIC_NODE_FIELDS)
    KEY = 'uuid'
