"""Immutable records the cluster data models are made of.

An element never changes once built: a model replaces it with a new record
(``element.replace(field=value)``) when something changes. That is what lets
a model copy share every record with its master and still be independent
(see ``ModelRoot.copy``), and it keeps the per-node resource accounting
honest because every change goes through the model's ``update_*`` methods.
"""
import datetime
import json
import types

from oslo_utils import strutils
from oslo_utils import timeutils


def _frozen_mapping(value):
    if value is None:
        return types.MappingProxyType({})
    if isinstance(value, str):
        value = parse_json_text(value) or {}
    if not isinstance(value, (dict, types.MappingProxyType)):
        raise ValueError('expected a mapping, got %r' % (value,))
    return types.MappingProxyType(dict(value))


def parse_json_text(text):
    """Parse a JSON (or Python literal, as older scenarios hold) string."""
    text = text.strip()
    if not text or text == 'None':
        return None
    try:
        return json.loads(text)
    except ValueError:
        import ast
        return ast.literal_eval(text)


def as_str(value):
    return '' if value is None else str(value)


def as_optional_str(value):
    if value is None or value == 'None':
        return None
    return str(value)


def as_int(value):
    return int(float(value)) if isinstance(value, str) else int(value)


def as_non_negative_int(value):
    number = int(float(value)) if isinstance(value, str) else int(value)
    if number < 0:
        raise ValueError('expected a non-negative integer, got %r' % (value,))
    return number


def as_non_negative_float(value):
    number = float(value)
    if number < 0:
        raise ValueError('expected a non-negative number, got %r' % (value,))
    return number


def as_bool(value):
    if isinstance(value, str):
        return strutils.bool_from_string(value, strict=True)
    return bool(value)


def as_mapping(value):
    return _frozen_mapping(value)


def as_str_tuple(value):
    if value is None:
        return ()
    if isinstance(value, str):
        parsed = parse_json_text(value) if value.startswith('[') else value
        value = [parsed] if isinstance(parsed, str) else parsed
    return tuple(str(item) for item in value if item is not None)


def as_mapping_tuple(value):
    if value is None:
        return ()
    if isinstance(value, str):
        value = parse_json_text(value) or ()
    return tuple(_frozen_mapping(item) for item in value)


def as_optional_datetime(value):
    if value is None or value == '' or value == 'None':
        return None
    if isinstance(value, datetime.datetime):
        return value
    try:
        return datetime.datetime.fromisoformat(str(value))
    except ValueError:
        return timeutils.parse_isotime(str(value))


def plain(value):
    """A JSON-friendly copy of a field value (mappings become dicts)."""
    if isinstance(value, types.MappingProxyType):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [plain(item) for item in value]
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return value


class Field(object):
    """One field of an element: its name, coercion and default."""

    __slots__ = ('name', 'coerce', 'default')

    def __init__(self, name, coerce, default=None):
        self.name = name
        self.coerce = coerce
        self.default = default


_MISSING = object()


def slots(fields):
    return tuple(field.name for field in fields)


class Element(object):
    """Base of the model records: typed, immutable, comparable.

    Subclasses set ``FIELDS`` (a tuple of :class:`Field`), ``__slots__``
    (``slots(FIELDS)``) and ``KEY`` (the field identifying the record in its
    model).
    """

    __slots__ = ()
    FIELDS = ()
    KEY = 'uuid'

    def __init__(self, **values):
        spec = type(self)._spec()
        setter = object.__setattr__
        try:
            for name, coerce, default in spec:
                raw = values.pop(name, _MISSING)
                setter(self, name, default if raw is _MISSING
                       else coerce(raw))
        except (TypeError, ValueError, OverflowError) as exc:
            raise ValueError('%s.%s: invalid value %r (%s)' % (
                type(self).__name__, name, raw, exc))
        if values:
            raise TypeError('%s has no field(s) %s' % (
                type(self).__name__, ', '.join(sorted(values))))

    @classmethod
    def _spec(cls):
        """(name, coerce, coerced default) per field, computed once.

        Defaults are immutable values, so every record may share them.
        """
        spec = cls.__dict__.get('_SPEC')
        if spec is None:
            spec = tuple((field.name, field.coerce,
                          field.coerce(field.default))
                         for field in cls.FIELDS)
            type.__setattr__(cls, '_SPEC', spec)
        return spec

    @classmethod
    def field_names(cls):
        return slots(cls.FIELDS)

    @property
    def fields(self):
        """Field names, in declaration order (the reference's ``fields``)."""
        return self.field_names()

    @property
    def key(self):
        return getattr(self, self.KEY)

    def replace(self, **changes):
        """A new record equal to this one except for ``changes``."""
        values = {name: getattr(self, name) for name in self.field_names()}
        values.update(changes)
        return type(self)(**values)

    def as_dict(self):
        """Plain (JSON-friendly) field values."""
        return {name: plain(getattr(self, name))
                for name in self.field_names()}

    def _values(self):
        return tuple(getattr(self, name) for name in self.field_names())

    def __setattr__(self, name, value):
        raise AttributeError(
            '%s records are read-only; change them through the model '
            '(update_node/update_instance/...)' % type(self).__name__)

    def __delattr__(self, name):
        raise AttributeError('%s records are read-only' % type(self).__name__)

    def __getitem__(self, name):
        if name not in self.field_names():
            raise KeyError(name)
        return getattr(self, name)

    def get(self, name, default=None):
        return getattr(self, name, default) if name in self.field_names() \
            else default

    def __eq__(self, other):
        if self is other:
            return True
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self):
        return hash((type(self).__name__, self.key))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        return (_rebuild, (type(self), self.as_dict()))

    def __repr__(self):
        return '%s(%s)' % (type(self).__name__, ', '.join(
            '%s=%r' % (name, plain(getattr(self, name)))
            for name in self.field_names()))


def _rebuild(cls, values):
    return cls(**values)
