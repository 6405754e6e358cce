"""The exception payload attached to ``*.error`` notifications."""
import inspect
import sys

from watcher.notifications import base
from watcher.objects import base as obj_base
from watcher.objects import fields as wfields


@obj_base.WatcherObjectRegistry.register_notification
class ExceptionPayload(base.NotificationPayloadBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'module_name': wfields.StringField(),
        'function_name': wfields.StringField(),
        'exception': wfields.StringField(),
        'exception_message': wfields.StringField(),
    }

    @classmethod
    def from_exception(cls, fault):
        """Describe ``fault`` by where it was raised (the innermost frame
        of its traceback) and its class name and message."""
        module_name = function_name = 'unknown'
        traceback = fault.__traceback__
        if traceback is not None:
            while traceback.tb_next is not None:
                traceback = traceback.tb_next
            frame = traceback.tb_frame
            function_name = frame.f_code.co_name
            module = inspect.getmodule(frame)
            module_name = module.__name__ if module else frame.f_globals.get(
                '__name__', 'unknown')
        return cls(module_name=module_name, function_name=function_name,
                   exception=fault.__class__.__name__,
                   exception_message=str(fault))


@obj_base.WatcherObjectRegistry.register_notification
class ExceptionNotification(base.NotificationBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'payload': wfields.ObjectField('ExceptionPayload'),
    }


def send_exception(context, fault, service=None, host=None):
    """``infra-optim.exception`` (error) describing ``fault``."""
    priority = wfields.NotificationPriority.ERROR
    if not base.is_enabled(priority):
        return
    base.send(context, ExceptionNotification,
              ExceptionPayload.from_exception(fault), 'infra-optim',
              wfields.NotificationAction.EXCEPTION, priority=priority,
              service=service, host=host)


def fault_payload(phase, fault=None):
    """The ExceptionPayload of an ``error`` phase, or None.

    Without an explicit ``fault`` the exception being handled is used.
    """
    if fault is None and phase == wfields.NotificationPhase.ERROR:
        fault = sys.exc_info()[1]
    if fault is None:
        return None
    return ExceptionPayload.from_exception(fault)
