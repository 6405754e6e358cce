"""Errors raised by the emulated cloud's state and handlers.

Each error carries the HTTP status the real service would answer with; every
API module turns it into a body shaped like that service's own faults.
"""


class EmulatorError(Exception):
    """An error a real OpenStack API would report to its caller."""

    code = 500

    def __init__(self, message, code=None, headers=None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.headers = headers or []


class BadRequest(EmulatorError):
    code = 400


class Unauthorized(EmulatorError):
    code = 401


class Forbidden(EmulatorError):
    code = 403


class NotFound(EmulatorError):
    code = 404


class MethodNotAllowed(EmulatorError):
    code = 405


class NotAcceptable(EmulatorError):
    code = 406


class Conflict(EmulatorError):
    code = 409


class NoValidHost(BadRequest):
    """The scheduler found no host for a move (Nova answers 400)."""

    def __init__(self, reason=None):
        message = 'No valid host was found. '
        if reason:
            message += reason
        super().__init__(message.strip())
