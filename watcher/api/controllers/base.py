"""Base WSME type of the API resources."""

import datetime

from wsme import types as wtypes

TIMESTAMPS = ('created_at', 'updated_at', 'deleted_at')


def aware_utc(value):
    """Mixin timestamps are shown with a UTC offset even if stored naive."""
    if isinstance(value, datetime.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=datetime.timezone.utc)
    return value


class APIBase(wtypes.Base):
    """A resource with the DB mixin timestamps."""

    created_at = wtypes.wsattr(datetime.datetime, readonly=True)
    """The time in UTC at which the object is created."""

    updated_at = wtypes.wsattr(datetime.datetime, readonly=True)
    """The time in UTC at which the object is updated."""

    deleted_at = wtypes.wsattr(datetime.datetime, readonly=True)
    """The time in UTC at which the object is deleted."""

    def as_dict(self):
        """The set attributes, as a dict."""
        return {name: getattr(self, name)
                for name in self.fields
                if getattr(self, name) is not wtypes.Unset}

    def unset_fields_except(self, keep):
        """Hide (leave out of the JSON) every attribute not in ``keep``."""
        for name in self.fields:
            if name not in keep:
                setattr(self, name, wtypes.Unset)

    @property
    def fields(self):
        return [attr.key for attr in wtypes.list_attributes(type(self))]

    def set_timestamps(self, obj):
        for name in TIMESTAMPS:
            setattr(self, name, aware_utc(getattr(obj, name, None)))
