"""JSON patch (RFC 6902 subset) bodies and their application to objects.

A resource declares its own ``JsonPatchType`` subclass to add internal,
mandatory and allowed attributes; :func:`apply_to_object` applies a
validated patch to the object's field dict with the ``jsonpatch`` library
and writes the changed fields back.
"""

import jsonpatch
from oslo_versionedobjects import fields as ovo_fields
import wsme
from wsme import types as wtypes

from watcher._i18n import _
from watcher.api.controllers.v1 import types
from watcher.common import exception

JSONPATCH_EXCEPTIONS = (jsonpatch.JsonPatchException,
                        jsonpatch.JsonPointerException,
                        KeyError, IndexError, TypeError)


class JsonPatchType(wtypes.Base):
    """One operation of a JSON patch."""

    path = wtypes.wsattr(wtypes.StringType(pattern=r'^(/[\w-]+)+$'),
                         mandatory=True)
    op = wtypes.wsattr(types.StableEnum(str, 'add', 'replace', 'remove'),
                       mandatory=True)
    value = wtypes.wsattr(types.jsontype, default=wtypes.Unset)

    @staticmethod
    def internal_attrs():
        """Paths that can never be patched."""
        return ['/created_at', '/id', '/links', '/updated_at',
                '/deleted_at', '/uuid']

    @staticmethod
    def mandatory_attrs():
        """Paths that can not be removed."""
        return []

    @staticmethod
    def allowed_attrs():
        """If non-empty, the only patchable paths."""
        return []

    @classmethod
    def validate(cls, patch):
        """Check one operation; returns it as a plain dict."""
        top = '/%s' % patch.path.split('/')[1]
        if top in cls.internal_attrs():
            msg = _("'%s' is an internal attribute and can not be updated")
            raise wsme.exc.ClientSideError(msg % patch.path)
        allowed = cls.allowed_attrs()
        if allowed and top not in allowed:
            msg = _("'%s' is not an allowed attribute and can not be "
                    "updated")
            raise wsme.exc.ClientSideError(msg % patch.path)
        if patch.path in cls.mandatory_attrs() and patch.op == 'remove':
            msg = _("'%s' is a mandatory attribute and can not be removed")
            raise wsme.exc.ClientSideError(msg % patch.path)
        if patch.op != 'remove' and patch.value is wtypes.Unset:
            msg = _("'add' and 'replace' operations needs value")
            raise wsme.exc.ClientSideError(msg)
        result = {'path': patch.path, 'op': patch.op}
        if patch.value is not wtypes.Unset:
            result['value'] = patch.value
        return result


def top_attribute(operation):
    """``/parameters/x`` -> ``parameters``."""
    return operation['path'].split('/')[1]


def find(patch, attribute):
    """The last operation whose path starts at ``/<attribute>``, or None."""
    found = None
    for operation in patch:
        if top_attribute(operation) == attribute:
            found = operation
    return found


def apply(doc, patch):
    """Return ``doc`` patched; raises PatchError (400) on failure."""
    for operation in patch:
        if (operation['op'] == 'add'
                and operation['path'].count('/') == 1
                and top_attribute(operation) not in doc):
            # NOTE: the double space is the reference's message.
            msg = _('Adding a new attribute (%s) to the root of  the '
                    'resource is not allowed')
            raise wsme.exc.ClientSideError(msg % operation['path'])
    try:
        return jsonpatch.apply_patch(doc, jsonpatch.JsonPatch(patch))
    except JSONPATCH_EXCEPTIONS as e:
        raise exception.PatchError(patch=patch, reason=e)


def object_doc(obj, exclude=()):
    """The object's set, non-nested fields as a dict (DB field names)."""
    doc = {}
    for name, field in obj.fields.items():
        if name in exclude or not obj.obj_attr_is_set(name):
            continue
        if isinstance(field, ovo_fields.ObjectField):
            continue
        doc[name] = getattr(obj, name)
    return doc


def write_back(obj, original, patched, patch):
    """Copy changed fields of ``patched`` onto ``obj``.

    Fields removed by the patch are set to ``None``. A value the field
    can not hold is a 400, not a 500.
    """
    for name in original:
        value = patched.get(name)
        if original[name] == value:
            continue
        try:
            setattr(obj, name, value)
        except (ValueError, TypeError) as e:
            raise exception.PatchError(patch=patch, reason=e)
