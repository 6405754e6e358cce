"""A solution: the ordered actions a strategy proposes, and their efficacy.

The planner turns a solution into an action plan (it decides the order and
the parallelism); the solution only lists the actions.
"""
import contextlib

from watcher.common import exception
from watcher.decision_engine.solution import efficacy as efficacy_mod

RESERVED_PARAMETER = 'resource_id'


def _frozen(value):
    """A hashable twin of an action (dicts and lists made immutable).

    Equal actions give equal twins, so duplicates are found with a set
    lookup instead of a scan of every action (plans of thousands of
    migrations). Raises TypeError for values that cannot be frozen.
    """
    if isinstance(value, dict):
        return ('__dict__', frozenset(
            (key, _frozen(item)) for key, item in value.items()))
    if isinstance(value, list):
        return ('__list__', tuple(_frozen(item) for item in value))
    if isinstance(value, tuple):
        return ('__tuple__', tuple(_frozen(item) for item in value))
    hash(value)
    return value


def _action_key(action):
    """``_frozen(action)``, with a fast path for flat parameters."""
    try:
        return (action['action_type'],
                frozenset(action['input_parameters'].items()))
    except (TypeError, KeyError, AttributeError):
        return ('__nested__', _frozen(action))


class Solution(object):
    """Ordered, duplicate-free list of actions plus efficacy indicators."""

    def __init__(self, goal, strategy):
        self.goal = goal
        self.strategy = strategy
        self.efficacy = efficacy_mod.Efficacy(goal, strategy)
        self._actions = []
        # Frozen twins of the actions, for duplicate checks; rebuilt when
        # the list was changed directly (``actions`` is the live list).
        self._index = set()
        self._indexed_length = 0
        self._stage = self._latest_stage = 0

    def next_stage(self):
        """Actions added from now on run after every action added before
        (a planner never runs them in one parallel step): moves that rely
        on room the earlier moves make."""
        self._latest_stage += 1
        self._stage = self._latest_stage

    @contextlib.contextmanager
    def in_stage(self, stage):
        """Add actions to an earlier ``stage``: after its last action,
        before the actions of later stages."""
        current, self._stage = self._stage, stage
        try:
            yield
        finally:
            self._stage = current

    @property
    def actions(self):
        return self._actions

    @property
    def global_efficacy(self):
        return self.efficacy.global_efficacy

    @property
    def efficacy_indicators(self):
        return self.efficacy.indicators

    def set_efficacy_indicators(self, **indicators_map):
        self.efficacy.set_efficacy_indicators(**indicators_map)

    def compute_global_efficacy(self):
        return self.efficacy.compute_global_efficacy()

    def add_action(self, action_type, input_parameters=None,
                   resource_id=None):
        """Append an action unless an equal one is already there.

        ``resource_id`` is stored inside the input parameters, so the
        parameters may not carry their own ``resource_id``.
        """
        parameters = dict(input_parameters or {})
        if RESERVED_PARAMETER in parameters:
            raise exception.ReservedWord(name=RESERVED_PARAMETER)
        if resource_id is not None:
            parameters[RESERVED_PARAMETER] = resource_id
        action = {'action_type': action_type,
                  'input_parameters': parameters,
                  'stage': self._stage}
        if not self._contains(action):
            position = len(self._actions)
            while position and \
                    self._actions[position - 1].get('stage', 0) > self._stage:
                position -= 1
            self._actions.insert(position, action)
            self._remember(action)
        return action

    def remove_actions(self, actions):
        """Remove every action equal to one of ``actions``."""
        doomed = list(actions)
        if doomed:
            self._actions[:] = self._without(doomed)
            self._rebuild_index()

    def _without(self, doomed):
        try:
            keys = {_action_key(action) for action in doomed}
        except TypeError:
            return [action for action in self._actions
                    if action not in doomed]
        kept = []
        for action in self._actions:
            try:
                if _action_key(action) in keys:
                    continue
            except TypeError:
                if action in doomed:
                    continue
            kept.append(action)
        return kept

    # -- duplicate index -------------------------------------------------

    def _rebuild_index(self):
        self._index = set()
        self._indexed_length = 0
        for action in self._actions:
            self._remember(action)

    def _remember(self, action):
        try:
            self._index.add(_action_key(action))
        except TypeError:
            pass  # such an action is found by a scan instead
        self._indexed_length += 1

    def _contains(self, action):
        if self._indexed_length != len(self._actions):
            self._rebuild_index()
        try:
            return _action_key(action) in self._index
        except TypeError:
            return action in self._actions

    def add_action_migrate(self, instance, migration_type, source_node,
                           destination_node):
        """Add a ``migrate`` action for ``instance`` between two nodes."""
        return self.add_action(
            'migrate',
            input_parameters={
                'migration_type': migration_type,
                'source_node': source_node.hostname,
                'destination_node': destination_node.hostname,
                'resource_name': instance.name,
            },
            resource_id=instance.uuid)

    def __len__(self):
        return len(self._actions)

    def __str__(self):
        return '\n'.join(
            '%s %s' % (action['action_type'], action['input_parameters'])
            for action in self._actions)
