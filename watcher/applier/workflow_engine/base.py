"""What a workflow engine plugin provides: ``execute(actions)``.

The engine runs the actions of one plan in the order of their ``parents``
graph and records every outcome in the DB; the plan handler reads the
actions afterwards to decide the plan's end state. An engine raises only
when it could not run the plan at all (``WorkflowExecutionException``).
"""
import abc

from watcher.applier.actions import factory


class BaseWorkFlowEngine(metaclass=abc.ABCMeta):

    def __init__(self, config, context=None, applier_manager=None):
        self.config = config
        self.context = context
        self.applier_manager = applier_manager
        self.action_factory = factory.ActionFactory()

    @classmethod
    def get_config_opts(cls):
        """Options of ``[watcher_workflow_engines.<name>]``."""
        return []

    @abc.abstractmethod
    def execute(self, actions, action_plan=None):
        """Run ``actions`` (objects of one plan); return nothing."""
