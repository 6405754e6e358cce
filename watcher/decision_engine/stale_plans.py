"""Retire RECOMMENDED action plans that no longer fit the cloud.

Three rules, after the "stale action plan" specification:

1. **Expiry** (always on, as the reference): a plan still RECOMMENDED
   ``[watcher_decision_engine] action_plan_expiry`` hours after its
   creation becomes SUPERSEDED. Checked every ``check_periodic_interval``
   seconds; 0 hours disables the check (both options are re-read at each
   check).
2. **Launch** (``supersede_plans_on_launch``, off by default): once a plan
   has been launched (it left RECOMMENDED for PENDING, ONGOING,
   CANCELLING, SUCCEEDED or FAILED), every other RECOMMENDED plan whose
   audit has the *same scope* (the scope lists compared as JSON text, so
   the order of their items matters) and that was created before that
   launch (``created_at`` earlier than the launched plan's last update) is
   SUPERSEDED: it was computed on the cluster the launched plan changes.
3. **Model change** (``supersede_plans_on_model_change``, off by default):
   a RECOMMENDED plan made by this engine is SUPERSEDED when a compute
   node of its audit's scoped model, or an instance on it, changes (seen
   through the collectors' change hook and the model's per-node
   generations). Plans made before the engine started are not tracked.

Rules 2 and 3 are off by default because the reference never supersedes
plans that way and clients (e.g. Tempest, which launches plans of audits
with identical empty scopes in parallel) rely on RECOMMENDED plans staying
RECOMMENDED until they expire. Rules 2 and 3 run every
``continuous_audit_interval`` seconds.

Every change is a compare-and-swap on ``state == RECOMMENDED``, so a plan
the user starts at the same moment is never overwritten.
"""
import datetime
import threading

from oslo_log import log
from oslo_serialization import jsonutils
from oslo_utils import timeutils

from watcher.common import context as watcher_context
from watcher import conf
from watcher.decision_engine.audit import claims
from watcher import objects

CONF = conf.CONF
LOG = log.getLogger(__name__)

RECOMMENDED = 'RECOMMENDED'
SUPERSEDED = 'SUPERSEDED'
LAUNCHED_STATES = ('PENDING', 'ONGOING', 'CANCELLING', 'SUCCEEDED',
                   'FAILED')


def _option(name, default=False):
    try:
        return getattr(CONF.watcher_decision_engine, name)
    except Exception:  # option not registered (older configuration module)
        return default


def _naive(value):
    if value is not None and value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value


def supersede(plan, reason):
    """RECOMMENDED -> SUPERSEDED with ``reason``; False if it moved on."""
    done = claims.try_update(
        plan, {'state': SUPERSEDED,
               'status_message': claims.short_message(reason)},
        expected={'state': RECOMMENDED}, what='supersede')
    if done:
        LOG.info('Action plan %s superseded: %s', plan.uuid, reason)
    return done


# -- rule 1: expiry -----------------------------------------------------------

def check_expired(context=None, now=None):
    """Supersede the plans older than the expiry; returns their uuids."""
    hours = CONF.watcher_decision_engine.action_plan_expiry
    if not hours:
        return []
    context = context or watcher_context.get_admin_context()
    now = _naive(now) if now else timeutils.utcnow()
    limit = now - datetime.timedelta(hours=hours)
    plans = objects.ActionPlan.list(
        context, filters={'state': RECOMMENDED, 'created_at__lt': limit})
    reason = 'Expired: not started within %d hour(s)' % hours
    return [plan.uuid for plan in plans if supersede(plan, reason)]


# -- rule 2: launch -----------------------------------------------------------

def scope_key(audit):
    return jsonutils.dumps(audit.scope or [], sort_keys=True)


def check_launched(context=None):
    """Supersede plans computed before a launch on the same scope."""
    if not _option('supersede_plans_on_launch'):
        return []
    context = context or watcher_context.get_admin_context()
    recommended = objects.ActionPlan.list(
        context, filters={'state': RECOMMENDED}, eager=True)
    if not recommended:
        return []
    oldest = min(_naive(plan.created_at) for plan in recommended)
    launched = objects.ActionPlan.list(
        context, filters={'state__in': list(LAUNCHED_STATES),
                          'updated_at__gte': oldest}, eager=True)
    latest_launch = {}
    launcher = {}
    for plan in launched:
        key = scope_key(plan.audit)
        when = _naive(plan.updated_at)
        if when is not None and when > latest_launch.get(key, when.min):
            latest_launch[key] = when
            launcher[key] = plan.uuid
    superseded = []
    for plan in recommended:
        key = scope_key(plan.audit)
        if key in latest_launch and _naive(plan.created_at) < \
                latest_launch[key]:
            if supersede(plan, 'Action plan %s was launched on the same '
                               'scope' % launcher[key]):
                superseded.append(plan.uuid)
    return superseded


# -- rule 3: model change -----------------------------------------------------

class ModelChangeTracker(object):
    """Remembers which nodes each plan was computed on."""

    def __init__(self):
        self._lock = threading.Lock()
        # plan uuid -> {node uuid: generation when the plan was made}
        self._plans = {}
        self._changed_nodes = set()

    def remember(self, plan_uuid, generations):
        with self._lock:
            self._plans[plan_uuid] = dict(generations)

    def forget(self, plan_uuid):
        with self._lock:
            self._plans.pop(plan_uuid, None)

    def on_model_change(self, collector_name, node_keys):
        """Collector change hook (compute model only)."""
        if collector_name != 'compute' or not node_keys:
            return
        with self._lock:
            self._changed_nodes.update(node_keys)

    def tracked(self):
        with self._lock:
            return dict(self._plans)

    def take_changed_nodes(self):
        with self._lock:
            changed, self._changed_nodes = self._changed_nodes, set()
            return changed

    def stale_plans(self, current_generation):
        """Plan uuids whose nodes changed: ``current_generation(node)``
        gives the master model's generation (None if the node is gone)."""
        changed = self.take_changed_nodes()
        stale = []
        for plan_uuid, generations in self.tracked().items():
            for node_uuid, generation in generations.items():
                if node_uuid in changed and \
                        current_generation(node_uuid) != generation:
                    stale.append(plan_uuid)
                    break
        return stale


TRACKER = ModelChangeTracker()


def remember_plan(action_plan, strategy):
    """Record the node generations a new plan was computed on."""
    if not _option('supersede_plans_on_model_change'):
        return
    model = getattr(strategy, '_compute_model', None)
    if model is None or action_plan.state != RECOMMENDED:
        return
    generations = {uuid: model.get_node_generation(uuid)
                   for uuid in model.get_all_compute_nodes()}
    TRACKER.remember(action_plan.uuid, generations)


def check_model_changes(master_model, context=None):
    """Supersede tracked plans whose nodes changed in ``master_model``."""
    if not _option('supersede_plans_on_model_change') or \
            master_model is None:
        return []
    context = context or watcher_context.get_admin_context()
    superseded = []
    for plan_uuid in TRACKER.stale_plans(master_model.get_node_generation):
        TRACKER.forget(plan_uuid)
        try:
            plan = objects.ActionPlan.get_by_uuid(context, plan_uuid)
        except Exception:
            continue
        if plan.state == RECOMMENDED and supersede(
                plan, 'The cluster changed in the scope of its audit'):
            superseded.append(plan_uuid)
    for plan_uuid in list(TRACKER.tracked()):
        # Forget plans that were started, cancelled or deleted meanwhile.
        try:
            plan = objects.ActionPlan.get_by_uuid(context, plan_uuid)
            if plan.state != RECOMMENDED:
                TRACKER.forget(plan_uuid)
        except Exception:
            TRACKER.forget(plan_uuid)
    return superseded
