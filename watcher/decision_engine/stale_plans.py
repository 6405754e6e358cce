"""Retire RECOMMENDED action plans that no longer fit the cloud.

Three rules, after the "stale action plan" specification:

1. **Expiry** (always on, as the reference): a plan still RECOMMENDED
   ``[watcher_decision_engine] action_plan_expiry`` hours after its
   creation becomes SUPERSEDED. Checked every ``check_periodic_interval``
   seconds; 0 hours disables the check (both options are re-read at each
   check).
2. **Launch** (``supersede_plans_on_launch``, on by default): once a plan
   has been launched (it left RECOMMENDED for PENDING, ONGOING,
   CANCELLING, SUCCEEDED or FAILED), every other RECOMMENDED plan created
   before that launch whose actions act on a host or resource the launched
   plan acts on (``source_node``, ``destination_node``, ``resource_id``,
   and ``resource_name`` of service/power actions) is SUPERSEDED: it was
   computed on a state of those hosts the launched plan changes. Plans
   whose actions touch nothing in the cloud (``nop``, ``sleep``) are never
   superseded this way.
3. **Model change** (``supersede_plans_on_model_change``, off by default):
   a RECOMMENDED plan made by this engine is SUPERSEDED when a compute
   node of its audit's scoped model, or an instance on it, changes (seen
   through the collectors' change hook and the model's per-node
   generations). Plans made before the engine started are not tracked.

Rule 3 is off by default: in a busy cloud every instance update would
retire plans, and the reference never supersedes plans that way. Rules 2
and 3 run every ``continuous_audit_interval`` seconds.

Every change is a compare-and-swap on ``state == RECOMMENDED``, so a plan
the user starts at the same moment is never overwritten.
"""
import datetime
import threading

from oslo_log import log
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

# Input parameters that name what an action changes in the cloud.
_TARGET_KEYS = ('source_node', 'destination_node', 'resource_id')
# Actions whose ``resource_name`` is a host (for migrations it is only the
# server's display name, which need not be unique).
_HOST_NAMED_ACTIONS = ('change_nova_service_state', 'change_node_power_state')

# plan uuid -> frozenset of targets; a plan's actions never change.
_TARGETS = {}


def plan_targets(context, plan_uuid):
    """The hosts and resources the actions of a plan act on."""
    targets = _TARGETS.get(plan_uuid)
    if targets is None:
        found = set()
        for action in objects.Action.list(
                context, filters={'action_plan_uuid': plan_uuid}):
            params = action.input_parameters or {}
            found.update(str(params[key]) for key in _TARGET_KEYS
                         if params.get(key))
            if action.action_type in _HOST_NAMED_ACTIONS and \
                    params.get('resource_name'):
                found.add(str(params['resource_name']))
        targets = _TARGETS[plan_uuid] = frozenset(found)
    return targets


def check_launched(context=None):
    """Supersede plans computed before a launch that acts on their targets."""
    if not _option('supersede_plans_on_launch', default=True):
        return []
    context = context or watcher_context.get_admin_context()
    recommended = objects.ActionPlan.list(
        context, filters={'state': RECOMMENDED})
    if not recommended:
        _TARGETS.clear()
        return []
    oldest = min(_naive(plan.created_at) for plan in recommended)
    launched = objects.ActionPlan.list(
        context, filters={'state__in': list(LAUNCHED_STATES),
                          'updated_at__gte': oldest},
        sort_key='id', sort_dir='asc')
    launches = [(_naive(plan.updated_at), plan.uuid,
                 plan_targets(context, plan.uuid)) for plan in launched]
    launches = [launch for launch in launches if launch[0] and launch[2]]
    superseded = []
    # Without a launch there is nothing to compare: the recommended
    # plans' actions (thousands each in a large cloud) are not even read.
    for plan in (recommended if launches else ()):
        mine = plan_targets(context, plan.uuid)
        created = _naive(plan.created_at)
        for when, launcher, theirs in launches:
            shared = mine & theirs
            if shared and created < when:
                if supersede(plan, 'Action plan %s was launched on %s' % (
                        launcher, ', '.join(sorted(shared)[:3]))):
                    superseded.append(plan.uuid)
                break
    live = ({plan.uuid for plan in recommended} |
            {launch[1] for launch in launches})
    for plan_uuid in list(_TARGETS):
        if plan_uuid not in live:
            _TARGETS.pop(plan_uuid, None)
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
