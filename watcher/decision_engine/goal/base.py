"""Goal plugins (namespace ``watcher_goals``).

A goal names what an audit optimises for. Strategies declare the goal they
serve; the syncer stores every goal, with its efficacy specification, in the
``goals`` table.
"""
import abc


class Goal(object, metaclass=abc.ABCMeta):
    """Base class of the goal plugins."""

    def __init__(self, config=None):
        self.config = config

    @classmethod
    @abc.abstractmethod
    def get_name(cls):
        """Unique name of the goal (its entry point name)."""

    @classmethod
    @abc.abstractmethod
    def get_display_name(cls):
        """Translated display name."""

    @classmethod
    @abc.abstractmethod
    def get_translatable_display_name(cls):
        """Untranslated display name, stored in the database."""

    @classmethod
    @abc.abstractmethod
    def get_efficacy_specification(cls):
        """A new ``EfficacySpecification`` instance."""

    @classmethod
    def get_config_opts(cls):
        return []

    @property
    def name(self):
        return self.get_name()

    @property
    def display_name(self):
        return self.get_display_name()

    @property
    def efficacy_specification(self):
        return self.get_efficacy_specification()
