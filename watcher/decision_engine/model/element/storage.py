"""Storage elements: cinder-volume backends, their pools and volumes."""
from watcher.decision_engine.model.element import base

_STORAGE_NODE_FIELDS = (
    base.Field('uuid', base.as_str, ''),
    base.Field('human_id', base.as_str, ''),
    base.Field('host', base.as_str, ''),
    base.Field('zone', base.as_str, ''),
    base.Field('status', base.as_str, 'enabled'),
    base.Field('state', base.as_str, 'up'),
    base.Field('volume_type', base.as_str_tuple, ()),
)


class StorageNode(base.Element):
    """A cinder-volume service, ``host`` being ``hostname@backend``.

    ``volume_type`` lists the volume types whose ``volume_backend_name``
    is this backend.
    """

    FIELDS = _STORAGE_NODE_FIELDS
    __slots__ = base.slots(_STORAGE_NODE_FIELDS)
    KEY = 'host'


_POOL_FIELDS = (
    base.Field('uuid', base.as_str, ''),
    base.Field('human_id', base.as_str, ''),
    base.Field('name', base.as_str, ''),
    base.Field('total_volumes', base.as_non_negative_int, 0),
    base.Field('total_capacity_gb', base.as_non_negative_int, 0),
    base.Field('free_capacity_gb', base.as_non_negative_int, 0),
    base.Field('provisioned_capacity_gb', base.as_non_negative_int, 0),
    base.Field('allocated_capacity_gb', base.as_non_negative_int, 0),
    base.Field('virtual_free', base.as_int, 0),
)


class Pool(base.Element):
    """A backend pool, named ``hostname@backend#pool``."""

    FIELDS = _POOL_FIELDS
    __slots__ = base.slots(_POOL_FIELDS)
    KEY = 'name'


_VOLUME_FIELDS = (
    base.Field('uuid', base.as_str, ''),
    base.Field('human_id', base.as_str, ''),
    base.Field('size', base.as_non_negative_int, 0),
    base.Field('status', base.as_str, 'available'),
    base.Field('attachments', base.as_mapping_tuple, ()),
    base.Field('name', base.as_str, ''),
    base.Field('multiattach', base.as_bool, False),
    base.Field('snapshot_id', base.as_optional_str, None),
    base.Field('project_id', base.as_str, ''),
    base.Field('metadata', base.as_mapping, None),
    base.Field('bootable', base.as_str, 'false'),
    base.Field('volume_type', base.as_str, ''),
    base.Field('created_at', base.as_str, ''),
    base.Field('host', base.as_str, ''),
)


class Volume(base.Element):
    """A volume; ``host`` is the pool it lives in.

    ``attachments`` holds ``{server_id, attachment_id}`` mappings and
    ``bootable`` the strings ``'true'``/``'false'`` as Cinder reports them.
    """

    FIELDS = _VOLUME_FIELDS
    __slots__ = base.slots(_VOLUME_FIELDS)
    KEY = 'uuid'
