"""The ``taskflow`` workflow engine: actions run in parallel, in graph order.

One taskflow task per action (named ``action_type:<type> uuid:<uuid>``),
linked parent -> child as the ``parents`` lists say, run by taskflow's
``parallel`` engine on a native thread pool (``max_workers`` at a time). Tasks
never raise: each records its own outcome (see ``runner``), so one
failure never aborts the others, and dependants of a failed action are
closed without running.
"""
from concurrent import futures

from oslo_log import log
from taskflow import engines
from taskflow import exceptions as tf_exc
from taskflow.patterns import graph_flow
from taskflow import task

from watcher.applier.workflow_engine import base
from watcher.applier.workflow_engine import runner
from watcher.common import exception
from watcher.conf import plugins
from watcher import objects

LOG = log.getLogger(__name__)

FLOW_NAME = 'watcher_flow'


class ActionTask(task.Task):
    """A taskflow task that hands its work to an ``ActionRunner``."""

    def __init__(self, action_runner):
        super().__init__(name=action_runner.name)
        self.action_runner = action_runner

    def execute(self):
        return self.action_runner.run()


class DefaultWorkFlowEngine(base.BaseWorkFlowEngine):
    """Taskflow graph flow on a parallel, thread-based engine."""

    @classmethod
    def get_config_opts(cls):
        return plugins.taskflow_opts()

    def _rule(self, action_plan):
        """``ALWAYS`` or ``ANY`` for the plan's strategy."""
        rules = dict(self.config.get('action_execution_rule') or {})
        if not rules or action_plan is None:
            return runner.ALWAYS
        try:
            strategy = objects.Strategy.get_by_id(
                self.context, action_plan.strategy_id)
        except Exception:
            return runner.ALWAYS
        rule = str(rules.get(strategy.name, runner.ALWAYS)).upper()
        return rule if rule in (runner.ALWAYS, runner.ANY) else runner.ALWAYS

    def build_flow(self, plan_run, actions):
        """The graph flow; ``WorkflowExecutionException`` on a cycle."""
        flow = graph_flow.Flow(FLOW_NAME)
        tasks = {}
        for action in actions:
            tasks[action.uuid] = ActionTask(
                runner.ActionRunner(plan_run, action))
        flow.add(*[tasks[action.uuid] for action in actions])
        try:
            for action in actions:
                for parent in action.parents or []:
                    if parent not in tasks:
                        LOG.warning('Action %s names an unknown parent %s; '
                                    'ignored', action.uuid, parent)
                        continue
                    flow.link(tasks[parent], tasks[action.uuid])
        except tf_exc.DependencyFailure as exc:
            raise exception.WorkflowExecutionException(
                error='the actions depend on each other in a cycle (%s)'
                % exc)
        return flow

    def execute(self, actions, action_plan=None):
        actions = sorted(actions, key=lambda a: a.id)
        if not actions:
            return
        plan_run = runner.PlanRun(self.context, action_plan, actions,
                                  self.action_factory,
                                  rule=self._rule(action_plan))
        flow = self.build_flow(plan_run, actions)
        max_workers = self.config.get('max_workers') or 1
        try:
            # Our own native thread pool: it stops as soon as the flow is
            # done (futurist's idle workers linger up to a second).
            with futures.ThreadPoolExecutor(
                    max_workers=max_workers,
                    thread_name_prefix='plan-%s' % str(
                        getattr(action_plan, 'uuid', ''))[:8]) as pool:
                engine = engines.load(flow, engine='parallel',
                                      executor=pool, max_workers=max_workers)
                engine.run()
        except exception.WatcherException:
            raise
        except Exception as exc:
            LOG.exception('The workflow of plan %s broke',
                          getattr(action_plan, 'uuid', '?'))
            raise exception.WorkflowExecutionException(
                error=runner.failure_reason(exc))
