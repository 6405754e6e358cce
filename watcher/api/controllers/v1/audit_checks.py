"""Checks and conversions of audit values shared by POST and PATCH."""

import datetime

from croniter import croniter
from dateutil import tz
from oslo_utils import strutils
from wsme import utils as wsme_utils

from watcher._i18n import _
from watcher.common import exception


def validate_interval(value):
    """An interval is seconds (int-like, > 0) or a cron expression.

    Returns the value as the string that is stored and echoed back.
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise exception.InvalidIntervalOrCron(name=value)
    text = str(value)
    if strutils.is_int_like(text.strip()):
        if int(text) <= 0:
            raise exception.InvalidIntervalOrCron(name=value)
        return text
    try:
        croniter(text)
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise exception.InvalidCronFormat(message=_(
            'Provided cron is invalid: %s') % e)
    return text


def to_utc_naive(value):
    """A naive value is server local time; store naive UTC."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz.tzlocal())
    return value.astimezone(datetime.timezone.utc).replace(tzinfo=None)


def parse_datetime(value):
    """A PATCH value (string) as naive UTC; 400 if not a datetime."""
    if value is None or isinstance(value, datetime.datetime):
        return to_utc_naive(value)
    try:
        return to_utc_naive(wsme_utils.parse_isodatetime(str(value)))
    except (ValueError, OverflowError):
        raise exception.Invalid(
            _("'%s' is not a valid date and time") % value)
