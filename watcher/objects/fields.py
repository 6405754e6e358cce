"""Field types of Watcher's versioned objects and notification payloads.

The type class names matter: oslo.versionedobjects fingerprints an object
from ``repr(field)``, which prints the type class name, the default and the
nullability. Keeping the reference's names (``FlexibleDict``, ``Numeric``,
``NotificationPriority`` ...) keeps the reference's fingerprints.
"""
import ast
import json

from oslo_versionedobjects import fields

# Plain oslo.versionedobjects fields, re-exported so object modules only
# import this module.
BooleanField = fields.BooleanField
DateTimeField = fields.DateTimeField
FloatField = fields.FloatField
IntegerField = fields.IntegerField
ListOfStringsField = fields.ListOfStringsField
ObjectField = fields.ObjectField
StringField = fields.StringField
UnspecifiedDefault = fields.UnspecifiedDefault


class UUIDField(fields.UUIDField):
    """UUID that treats an empty string like a missing value.

    API bodies and old rows carry ``""`` for "no strategy"; storing that as
    a UUID would make every later lookup fail.
    """

    def coerce(self, obj, attr, value):
        if value is None or value == "":
            return self._null(obj, attr)
        return self._type.coerce(obj, attr, value)


class DictField(fields.AutoTypedField):
    """Dict with values of any JSON type (action input parameters)."""

    AUTO_TYPE = fields.Dict(fields.FieldType(), nullable=True)


class ListOfUUIDsField(fields.AutoTypedField):
    """List of UUID strings (parents of an action)."""

    AUTO_TYPE = fields.List(fields.UUID())


def _literal(value):
    """Parse a Python or JSON literal given as a string, else return it."""
    if not isinstance(value, str):
        return value
    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError):
        pass
    try:
        return json.loads(value)
    except ValueError:
        raise ValueError('%r is not a valid literal' % value)


class FlexibleDict(fields.FieldType):
    """A dict, also accepted as its string representation."""

    @staticmethod
    def coerce(obj, attr, value):
        value = _literal(value)
        if not isinstance(value, dict):
            raise ValueError('%s must be a dict, not %r' % (attr, value))
        return dict(value)


class FlexibleDictField(fields.AutoTypedField):
    """FlexibleDict whose null value is an empty dict when nullable."""

    AUTO_TYPE = FlexibleDict()

    def _null(self, obj, attr):
        if self.nullable:
            return {}
        return super()._null(obj, attr)


class FlexibleListOfDict(fields.FieldType):
    """A list of dicts, also accepted as its string representation."""

    @staticmethod
    def coerce(obj, attr, value):
        value = _literal(value)
        if not isinstance(value, (list, tuple)):
            raise ValueError('%s must be a list, not %r' % (attr, value))
        return list(value)


class FlexibleListOfDictField(fields.AutoTypedField):
    """FlexibleListOfDict whose null value is an empty list when nullable."""

    AUTO_TYPE = FlexibleListOfDict()

    def _null(self, obj, attr):
        if self.nullable:
            return []
        return super()._null(obj, attr)


class Numeric(fields.FieldType):
    """A number kept as an int when integral, else as a float.

    Efficacy indicator values come from a DB Float (or a legacy Numeric
    that SQLAlchemy returns as Decimal); JSON clients expect plain numbers.
    """

    @staticmethod
    def coerce(obj, attr, value):
        if value is None:
            return value
        if isinstance(value, bool):
            raise ValueError('%s must be a number, not %r' % (attr, value))
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValueError('%s must be a number, not %r' % (attr, value))
        if number.is_integer() and abs(number) < 2 ** 53:
            return int(number)
        return number


class NumericField(fields.AutoTypedField):
    AUTO_TYPE = Numeric()


class BaseWatcherEnum(fields.Enum):
    """Enum whose valid values are the ``ALL`` tuple of the subclass."""

    ALL = ()

    def __init__(self, **kwargs):
        super().__init__(valid_values=self.__class__.ALL, **kwargs)


class NotificationPriority(BaseWatcherEnum):
    DEBUG = 'debug'
    INFO = 'info'
    WARNING = 'warning'
    ERROR = 'error'
    CRITICAL = 'critical'

    ALL = (DEBUG, INFO, WARNING, ERROR, CRITICAL)


class NotificationPhase(BaseWatcherEnum):
    START = 'start'
    END = 'end'
    ERROR = 'error'

    ALL = (START, END, ERROR)


class NotificationAction(BaseWatcherEnum):
    CREATE = 'create'
    UPDATE = 'update'
    EXCEPTION = 'exception'
    DELETE = 'delete'

    STRATEGY = 'strategy'
    PLANNER = 'planner'
    EXECUTION = 'execution'
    CANCEL = 'cancel'

    ALL = (CREATE, UPDATE, EXCEPTION, DELETE, STRATEGY, PLANNER, EXECUTION,
           CANCEL)


class NotificationPriorityField(fields.BaseEnumField):
    AUTO_TYPE = NotificationPriority()


class NotificationPhaseField(fields.BaseEnumField):
    AUTO_TYPE = NotificationPhase()


class NotificationActionField(fields.BaseEnumField):
    AUTO_TYPE = NotificationAction()
