"""What every action plugin (namespace ``watcher_actions``) provides.

An action is built for one row of the ``actions`` table: the applier
validates ``input_parameters`` against the class ``schema`` *before* any
cloud call, then runs ``pre_condition`` (which may raise ``ActionSkipped``),
``execute`` (which must return exactly ``True`` to succeed) and
``post_condition``. ``revert`` undoes a successful action; ``abort`` stops
a running one. Cloud access goes through lazily created helpers so an
action that never reaches the cloud never opens a connection.
"""
import abc
import threading

import jsonschema

from watcher.common import cinder_helper
from watcher.common import clients
from watcher.common import exception
from watcher.common import ironic_helper
from watcher.common import nova_helper

UUID_PATTERN = ('^([a-fA-F0-9]){8}-([a-fA-F0-9]){4}-([a-fA-F0-9]){4}'
                '-([a-fA-F0-9]){4}-([a-fA-F0-9]){12}$')


class CloudHelpers:
    """One openstacksdk-backed helper per service, created on first use.

    They share one connection (one Keystone session), opened when the
    first helper is needed, so actions that never reach the cloud (bad
    parameters, nop, sleep) never authenticate.
    """

    def __init__(self, connection=None):
        self._connection = connection
        self._helpers = {}
        self._lock = threading.Lock()

    def _get(self, key, factory):
        with self._lock:
            if key not in self._helpers:
                if self._connection is None:
                    self._connection = clients.get_sdk_connection()
                self._helpers[key] = factory(self._connection)
            return self._helpers[key]

    @property
    def nova(self):
        return self._get('nova', nova_helper.NovaHelper)

    @property
    def cinder(self):
        return self._get('cinder', cinder_helper.CinderHelper)

    @property
    def ironic(self):
        return self._get('ironic', ironic_helper.IronicHelper)


class BaseAction(metaclass=abc.ABCMeta):
    """One step of an action plan."""

    RESOURCE_ID = 'resource_id'

    #: JSON schema of ``input_parameters`` (draft 4).
    schema = {'type': 'object'}

    def __init__(self, config=None, osc=None):
        """``osc``: a :class:`CloudHelpers` (tests pass their own)."""
        self.config = config
        self.osc = osc if osc is not None else CloudHelpers()
        self._input_parameters = {}
        self.uuid = None
        self.action_plan_uuid = None

    # -- parameters --------------------------------------------------------

    @property
    def input_parameters(self):
        return self._input_parameters

    @input_parameters.setter
    def input_parameters(self, value):
        self._input_parameters = dict(value or {})

    @property
    def resource_id(self):
        return self.input_parameters.get(self.RESOURCE_ID)

    @property
    def resource_name(self):
        return self.input_parameters.get('resource_name')

    @classmethod
    def validate_parameters(cls, parameters):
        """Raise ``InvalidParameter`` unless ``parameters`` fit ``schema``."""
        validator = jsonschema.Draft4Validator(cls.schema)
        errors = sorted(validator.iter_errors(parameters),
                        key=lambda e: (list(e.absolute_path), e.message))
        if errors:
            error = errors[0]
            where = '.'.join(str(p) for p in error.absolute_path)
            raise exception.InvalidParameter(
                message='Invalid input parameters%s: %s' % (
                    ' (%s)' % where if where else '', error.message))
        return True

    # -- lifecycle ---------------------------------------------------------

    @property
    def check_abort(self):
        """Whether ``abort`` can stop this action while it runs."""
        return False

    def pre_condition(self):
        """Check the cloud before running; raise ``ActionSkipped`` to skip."""

    @abc.abstractmethod
    def execute(self):
        """Do the work; return True on success."""

    def post_condition(self):
        """Check the cloud after a successful ``execute``."""

    def revert(self):
        """Undo a successful ``execute`` (not every action can)."""
        raise exception.UnsupportedError(
            message='The %s action cannot be reverted.' %
            type(self).__name__)

    def abort(self):
        """Stop a running ``execute``; truthy when it was stopped."""
        return None

    @classmethod
    @abc.abstractmethod
    def get_description(cls):
        """One line for the ``action_descriptions`` table."""

    # -- helpers for subclasses ------------------------------------------

    def skip(self, reason):
        """Raise ``ActionSkipped`` with ``reason`` (pre-condition use)."""
        raise exception.ActionSkipped(message=reason)

    def fail(self, reason):
        """Raise ``ActionExecutionFailure`` with ``reason``."""
        raise exception.ActionExecutionFailure(message=reason)
