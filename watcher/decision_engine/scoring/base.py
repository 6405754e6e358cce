"""Scoring engines: named functions from features to scores.

A scoring engine wraps a (possibly machine-learnt) model behind one method,
``calculate_score``, that takes and returns JSON strings. Strategies look
engines up by name through ``scoring_factory``. Engines come either one per
entry point (``watcher_scoring_engines``) or several from one container
(``watcher_scoring_engine_containers``).
"""
import abc


class ScoringEngine(object, metaclass=abc.ABCMeta):
    """Base class of the scoring engines."""

    def __init__(self, config=None):
        self.config = config

    @abc.abstractmethod
    def get_name(self):
        """Unique name of the engine."""

    @abc.abstractmethod
    def get_description(self):
        """One-line description shown by the API."""

    @abc.abstractmethod
    def get_metainfo(self):
        """Free text (usually JSON) describing inputs and outputs."""

    @abc.abstractmethod
    def calculate_score(self, features):
        """Score a JSON list of features; returns a JSON string."""

    @classmethod
    def get_config_opts(cls):
        return []


class ScoringEngineContainer(object, metaclass=abc.ABCMeta):
    """A plugin that provides several scoring engines."""

    @classmethod
    @abc.abstractmethod
    def get_scoring_engine_list(cls):
        """The engines of this container (``ScoringEngine`` instances)."""

    @classmethod
    def get_config_opts(cls):
        return []
