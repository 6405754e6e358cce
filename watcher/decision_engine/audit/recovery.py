"""Audits whose decision engine died or lost track of them.

No audit may stay ONGOING (or PENDING) forever:

* **At start** an engine CANCELs its own ONESHOT and EVENT audits left
  ONGOING by its previous life (the reference's behaviour; it did not
  cover EVENT audits), with a status message saying why. Its CONTINUOUS
  audits simply resume.
* **Dead peer**: the service monitor (leader only) reports an engine whose
  heartbeat is older than ``service_down_time``. Its ONGOING ONESHOT and
  EVENT audits become FAILED with a status message naming the engine
  (re-running them elsewhere could crash that engine too); its CONTINUOUS
  audits are released (``hostname`` set to null) and the next periodic
  pass of any live engine claims them.
* **Lost run**: an ONESHOT or EVENT audit ONGOING on this host for more
  than ``service_down_time`` seconds without a thread running it (an error
  while recording its outcome) becomes FAILED.
* **Lost trigger**: a ONESHOT audit still PENDING and unowned
  ``2 x service_down_time`` seconds after its creation (the engine that
  received the RPC cast died before claiming it) is run here.

Every change is a compare-and-swap on the state and hostname read, so a
recovery never races with a live engine or a user.
"""
import datetime

from oslo_log import log
from oslo_utils import timeutils

from watcher.common import context as watcher_context
from watcher import conf
from watcher.decision_engine.audit import base
from watcher.decision_engine.audit import claims
from watcher import objects
from watcher.objects import states

CONF = conf.CONF
LOG = log.getLogger(__name__)

ONESHOT, CONTINUOUS, EVENT = 'ONESHOT', 'CONTINUOUS', 'EVENT'
ONGOING, PENDING = 'ONGOING', 'PENDING'


def _naive(value):
    if value is not None and value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value


def _context():
    return watcher_context.get_admin_context()


def _apply_policy(audit, host, restarted):
    """Apply the objects' stuck-work policy to one audit of ``host``.

    Returns 'ended', 'released' or None (nothing to do / lost the race).
    """
    policy = states.stuck_policy(states.AUDIT, audit.state,
                                 audit.audit_type, restarted=restarted)
    if policy is None:
        return None
    expected = {'state': audit.state, 'hostname': host}
    if policy.action == states.END:
        values = {'state': policy.state,
                  'status_message': states.stuck_status_message(policy,
                                                                host)}
        if claims.try_update(audit, values, expected, what='recovery'):
            LOG.warning('Audit %s set %s: decision engine %s %s',
                        audit.uuid, policy.state, host,
                        'restarted' if restarted else 'is down')
            return 'ended'
    elif policy.action == states.TAKE_OVER and not restarted:
        # Released: the next periodic pass of a live engine claims it.
        if claims.try_update(audit, {'hostname': None}, expected,
                             what='release'):
            LOG.warning('Continuous audit %s released: decision engine '
                        '%s is down', audit.uuid, host)
            return 'released'
    return None


def cancel_own_interrupted_audits(context=None, host=None):
    """At start: this host's ONGOING ONESHOT/EVENT audits -> CANCELLED."""
    context = context or _context()
    host = host or CONF.host
    audits = objects.Audit.list(
        context, filters={'state': ONGOING, 'hostname': host,
                          'audit_type__in': [ONESHOT, EVENT]})
    return [audit.uuid for audit in audits
            if _apply_policy(audit, host, restarted=True) == 'ended']


def recover_dead_engine(host, context=None):
    """The engine on ``host`` is down: end or release its audits.

    Returns (uuids ended FAILED, uuids released).
    """
    context = context or _context()
    failed, released = [], []
    audits = objects.Audit.list(
        context, filters={'hostname': host,
                          'state__in': [PENDING, ONGOING]})
    for audit in audits:
        outcome = _apply_policy(audit, host, restarted=False)
        if outcome == 'ended':
            failed.append(audit.uuid)
        elif outcome == 'released':
            released.append(audit.uuid)
    return failed, released


def on_service_failed(service):
    """Service-monitor callback for a decision engine seen FAILED."""
    if service.host == CONF.host:
        return
    recover_dead_engine(service.host)


def fail_lost_runs(context=None, now=None, running=None):
    """This host's ONGOING ONESHOT/EVENT audits no thread runs."""
    context = context or _context()
    now = _naive(now) if now else timeutils.utcnow()
    running = base.RUNNING.snapshot() if running is None else running
    grace = datetime.timedelta(seconds=CONF.service_down_time)
    failed = []
    audits = objects.Audit.list(
        context, filters={'state': ONGOING, 'hostname': CONF.host,
                          'audit_type__in': [ONESHOT, EVENT]})
    for audit in audits:
        changed = _naive(audit.updated_at or audit.created_at)
        if audit.uuid in running or (changed and now - changed < grace):
            continue
        if claims.try_update(
                audit, {'state': objects.audit.State.FAILED,
                        'status_message': 'Failed: the decision engine '
                        'lost track of the run; run the audit again'},
                expected={'state': ONGOING, 'hostname': CONF.host},
                what='lost run'):
            failed.append(audit.uuid)
    return failed


def find_lost_triggers(context=None, now=None):
    """ONESHOT audits left PENDING and unowned for too long."""
    context = context or _context()
    now = _naive(now) if now else timeutils.utcnow()
    limit = now - datetime.timedelta(seconds=2 * CONF.service_down_time)
    return objects.Audit.list(
        context, filters={'audit_type': ONESHOT, 'state': PENDING,
                          'hostname': None, 'created_at__lt': limit})
