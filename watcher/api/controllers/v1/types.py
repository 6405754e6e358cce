"""WSME user types shared by the v1 resources.

A type's ``validate`` error becomes a 400 whose faultstring WSME builds as
``Invalid input for field/attribute <name>. Value: '<v>'. <reason>``.
"""

import json

from oslo_utils import strutils
from oslo_utils import uuidutils
from wsme import types as wtypes

from watcher.common import exception


class UuidType(wtypes.UserType):
    """A canonical uuid."""

    basetype = wtypes.text
    name = 'uuid'

    @staticmethod
    def validate(value):
        if not uuidutils.is_uuid_like(value):
            raise exception.InvalidUUID(uuid=value)
        return value

    @staticmethod
    def frombasetype(value):
        if value is None:
            return None
        return UuidType.validate(value)


class UuidOrNameType(wtypes.UserType):
    """A uuid, a numeric id or a name: resolved later by the controller."""

    basetype = wtypes.text
    name = 'uuid_or_name'

    @staticmethod
    def validate(value):
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise exception.InvalidUuidOrName(name=value)
        return str(value)

    @staticmethod
    def frombasetype(value):
        if value is None:
            return None
        return UuidOrNameType.validate(value)


class BooleanType(wtypes.UserType):
    """A boolean, also accepted as 'true'/'false'/'1'/'0'... strings."""

    basetype = wtypes.text
    name = 'boolean'

    @staticmethod
    def validate(value):
        try:
            return strutils.bool_from_string(value, strict=True)
        except ValueError as e:
            # NOTE: the message of the strutils error is the reason.
            raise exception.Invalid(str(e))

    @staticmethod
    def frombasetype(value):
        if value is None:
            return None
        return BooleanType.validate(value)


class JsonType(wtypes.UserType):
    """Any JSON value (object, list, string, number, boolean, null)."""

    basetype = wtypes.text
    name = 'json'

    def __str__(self):
        # NOTE: WSME renders the type in some error messages.
        return ' | '.join(('dict', 'list', 'str', 'int', 'float', 'bool'))

    @staticmethod
    def validate(value):
        try:
            json.dumps(value)
        except (TypeError, ValueError):
            raise exception.Invalid('%s is not JSON serializable' % value)
        return value

    @staticmethod
    def frombasetype(value):
        return JsonType.validate(value)


class StableEnum(wtypes.Enum):
    """An enum whose error message lists the choices in a stable order."""

    def validate(self, value):
        if value not in self.values:
            raise ValueError('Value should be one of: %s'
                             % ', '.join(sorted(map(str, self.values))))
        return value


uuid = UuidType()
uuid_or_name = UuidOrNameType()
boolean = BooleanType()
jsontype = JsonType()
