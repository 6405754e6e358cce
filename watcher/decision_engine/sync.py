"""Synchronise the goal, strategy and scoring-engine plugins with the DB.

Run by ``watcher-sync`` and at every decision-engine start. For each kind:

* a plugin without a live row gets a new row (fresh uuid);
* a plugin whose definition changed (display name, efficacy specification,
  parameters schema, goal, description...) gets a new row and the old row
  is soft-deleted. A strategy whose goal row was recreated is recreated
  too;
* a live row without plugin is soft-deleted.

Then the rows that pointed at a replaced or removed goal/strategy follow:

* audit templates are re-pointed to the new goal/strategy; a removed
  strategy is reset to null (a removed goal is only logged);
* audits are re-pointed; those whose strategy changed or disappeared, or
  whose goal disappeared, are CANCELLED;
* action plans of a changed or removed strategy, or of an audit cancelled
  above, are re-pointed and CANCELLED.

Only audits and plans that have not finished are cancelled (PENDING,
ONGOING, SUSPENDED audits; RECOMMENDED and PENDING plans): a finished
audit or a plan the applier is running keeps its state. The reference
cancels them whatever their state.
"""
import collections

from oslo_log import log

from watcher.common import context as watcher_context
from watcher.common import exception
from watcher.decision_engine import loading
from watcher.decision_engine.scoring import scoring_factory
from watcher import objects

LOG = log.getLogger(__name__)

GoalDefinition = collections.namedtuple(
    'GoalDefinition', 'name display_name efficacy_specification')
StrategyDefinition = collections.namedtuple(
    'StrategyDefinition', 'name goal_name display_name parameters_spec')
ScoringEngineDefinition = collections.namedtuple(
    'ScoringEngineDefinition', 'name description metainfo')

CANCELLABLE_AUDIT_STATES = ('PENDING', 'ONGOING', 'SUSPENDED')
CANCELLABLE_PLAN_STATES = ('RECOMMENDED', 'PENDING')
CANCELLED = 'CANCELLED'


def discover_goals():
    goals = {}
    for name, goal_class in loading.PluginLoader(
            loading.GOALS).list_available().items():
        spec = goal_class.get_efficacy_specification()
        goals[name] = GoalDefinition(
            name=name,
            display_name=goal_class.get_translatable_display_name(),
            efficacy_specification=spec.serialize_indicators_specifications())
    return goals


def discover_strategies():
    strategies = {}
    for name, strategy_class in loading.PluginLoader(
            loading.STRATEGIES).list_available().items():
        strategies[name] = StrategyDefinition(
            name=name,
            goal_name=strategy_class.get_goal_name(),
            display_name=strategy_class.get_translatable_display_name(),
            parameters_spec=strategy_class.get_schema() or {})
    return strategies


def discover_scoring_engines():
    scoring_factory.clear()
    return {
        engine.get_name(): ScoringEngineDefinition(
            name=engine.get_name(),
            description=engine.get_description(),
            metainfo=engine.get_metainfo())
        for engine in scoring_factory.get_scoring_engine_list()}


class Syncer(object):
    """Reconciles the catalogue tables with the installed plugins."""

    def __init__(self, context=None):
        self.context = context or watcher_context.get_admin_context()
        # old row id -> new row (changed plugins) or None (removed plugins)
        self.goal_mapping = {}
        self.strategy_mapping = {}

    # -- entry point ---------------------------------------------------------

    def sync(self):
        goals = discover_goals()
        strategies = discover_strategies()
        unknown_goals = sorted({s.goal_name for s in strategies.values()} -
                               set(goals))
        for strategy_name in sorted(strategies):
            if strategies[strategy_name].goal_name in unknown_goals:
                LOG.error('Strategy %s serves the unknown goal %s; it is '
                          'not synchronised', strategy_name,
                          strategies[strategy_name].goal_name)
                del strategies[strategy_name]

        goal_rows = self._sync_goals(goals)
        self._sync_strategies(strategies, goal_rows)
        self._sync_scoring_engines(discover_scoring_engines())
        self._update_dependents()
        LOG.info('Synchronised %d goal(s), %d strategy(ies)', len(goals),
                 len(strategies))

    # -- catalogue rows -------------------------------------------------------

    def _live_rows(self, object_class):
        return {row.name: row for row in object_class.list(self.context)}

    def _create(self, row):
        """Create ``row``; if another engine syncing at the same time
        created it first, use theirs."""
        try:
            row.create()
            return row
        except exception.Conflict:
            LOG.info('%s %s was created meanwhile by another service',
                     type(row).__name__, row.name)
            return type(row).get_by_name(self.context, row.name)

    def _sync_goals(self, goals):
        rows = self._live_rows(objects.Goal)
        for name in sorted(goals):
            definition = goals[name]
            row = rows.get(name)
            if row is not None and self._goal_matches(row, definition):
                continue
            if row is not None:
                LOG.info('Goal %s changed: replacing its row', name)
                row.soft_delete()
            new_row = self._create(objects.Goal(
                self.context, name=name,
                display_name=definition.display_name,
                efficacy_specification=definition.efficacy_specification))
            if row is not None:
                self.goal_mapping[row.id] = new_row
            rows[name] = new_row
        for name in sorted(set(rows) - set(goals)):
            LOG.warning('Goal %s is no longer provided: soft-deleting it',
                        name)
            rows[name].soft_delete()
            self.goal_mapping[rows[name].id] = None
            del rows[name]
        return rows

    @staticmethod
    def _goal_matches(row, definition):
        return (row.display_name == definition.display_name and
                list(row.efficacy_specification or []) ==
                definition.efficacy_specification)

    def _sync_strategies(self, strategies, goal_rows):
        rows = self._live_rows(objects.Strategy)
        for name in sorted(strategies):
            definition = strategies[name]
            goal_id = goal_rows[definition.goal_name].id
            row = rows.get(name)
            if (row is not None and row.goal_id == goal_id and
                    row.display_name == definition.display_name and
                    dict(row.parameters_spec or {}) ==
                    definition.parameters_spec):
                continue
            if row is not None:
                LOG.info('Strategy %s changed: replacing its row', name)
                row.soft_delete()
            new_row = self._create(objects.Strategy(
                self.context, name=name, goal_id=goal_id,
                display_name=definition.display_name,
                parameters_spec=definition.parameters_spec))
            if row is not None:
                self.strategy_mapping[row.id] = new_row
        for name in sorted(set(rows) - set(strategies)):
            LOG.warning('Strategy %s is no longer provided: soft-deleting '
                        'it', name)
            rows[name].soft_delete()
            self.strategy_mapping[rows[name].id] = None

    def _sync_scoring_engines(self, engines):
        rows = self._live_rows(objects.ScoringEngine)
        for name in sorted(engines):
            definition = engines[name]
            row = rows.get(name)
            if (row is not None and
                    row.description == definition.description and
                    (row.metainfo or '') == (definition.metainfo or '')):
                continue
            if row is not None:
                row.soft_delete()
            self._create(objects.ScoringEngine(
                self.context, name=name,
                description=definition.description,
                metainfo=definition.metainfo))
        for name in sorted(set(rows) - set(engines)):
            LOG.warning('Scoring engine %s is no longer provided: '
                        'soft-deleting it', name)
            rows[name].soft_delete()

    # -- rows pointing at replaced or removed plugins -------------------------

    def _update_dependents(self):
        if not (self.goal_mapping or self.strategy_mapping):
            return
        self._update_audit_templates()
        cancelled_audit_ids = self._update_audits()
        self._update_action_plans(cancelled_audit_ids)

    def _stale(self, object_class, field, mapping):
        if not mapping:
            return []
        return object_class.list(
            self.context, filters={field + '__in': sorted(mapping)})

    def _update_audit_templates(self):
        templates = {t.id: t for t in
                     self._stale(objects.AuditTemplate, 'goal_id',
                                 self.goal_mapping) +
                     self._stale(objects.AuditTemplate, 'strategy_id',
                                 self.strategy_mapping)}
        for template in templates.values():
            if template.goal_id in self.goal_mapping:
                new_goal = self.goal_mapping[template.goal_id]
                if new_goal is None:
                    LOG.warning('Audit template %s points to a removed '
                                'goal', template.uuid)
                else:
                    template.goal_id = new_goal.id
            if template.strategy_id in self.strategy_mapping:
                new_strategy = self.strategy_mapping[template.strategy_id]
                template.strategy_id = (new_strategy.id if new_strategy
                                        else None)
            template.save()

    def _update_audits(self):
        audits = {a.id: a for a in
                  self._stale(objects.Audit, 'goal_id', self.goal_mapping) +
                  self._stale(objects.Audit, 'strategy_id',
                              self.strategy_mapping)}
        cancelled = set()
        for audit in audits.values():
            cancel = False
            if audit.goal_id in self.goal_mapping:
                new_goal = self.goal_mapping[audit.goal_id]
                if new_goal is None:
                    cancel = True
                else:
                    audit.goal_id = new_goal.id
            if audit.strategy_id in self.strategy_mapping:
                new_strategy = self.strategy_mapping[audit.strategy_id]
                if new_strategy is not None:
                    audit.strategy_id = new_strategy.id
                cancel = True
            if cancel and audit.state in CANCELLABLE_AUDIT_STATES:
                audit.state = CANCELLED
                audit.status_message = (
                    'Cancelled: its goal or strategy plugin changed or was '
                    'removed')
                cancelled.add(audit.id)
            audit.save()
        return cancelled

    def _update_action_plans(self, cancelled_audit_ids):
        plans = {p.id: p for p in
                 self._stale(objects.ActionPlan, 'strategy_id',
                             self.strategy_mapping)}
        if cancelled_audit_ids:
            for plan in objects.ActionPlan.list(
                    self.context,
                    filters={'audit_id__in': sorted(cancelled_audit_ids)}):
                plans.setdefault(plan.id, plan)
        for plan in plans.values():
            if plan.strategy_id in self.strategy_mapping:
                new_strategy = self.strategy_mapping[plan.strategy_id]
                if new_strategy is not None:
                    plan.strategy_id = new_strategy.id
            if plan.state in CANCELLABLE_PLAN_STATES:
                plan.state = CANCELLED
                plan.status_message = (
                    'Cancelled: its strategy plugin changed or was removed')
            plan.save()
