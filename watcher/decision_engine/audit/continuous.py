"""CONTINUOUS audits: run again and again on an interval or a cron line.

Every ``[watcher_decision_engine] continuous_audit_interval`` seconds
``launch_audits_periodically``:

1. claims CONTINUOUS audits (PENDING or ONGOING) that no engine owns, by a
   compare-and-swap of ``hostname`` from null to this host, so two engines
   never take the same audit;
2. for each audit this host owns: past its ``end_time`` it becomes
   SUCCEEDED; before its ``start_time`` it waits; otherwise it gets a job
   if it has none (or if its interval changed);
3. drops the jobs of audits that are no longer active (cancelled,
   suspended, failed, deleted, finished) or no longer owned here.

A job runs the audit once, then schedules the next run. The first run of
an audit with an interval in seconds is immediate; a cron audit first runs
at the next cron time (UTC). ``next_run_time`` is stored in the audit
after each scheduling, so a restarted (or another) engine resumes the
schedule: a next run missed while no engine owned the audit is moved to
``now + (interval - elapsed % interval)``.

Each run sets the audit's earlier RECOMMENDED action plans to CANCELLED
before storing the new plan, so at most one plan per continuous audit is
RECOMMENDED.

Jobs live in memory (APScheduler ``BackgroundScheduler`` on native
threads); the audits table is the source of truth. The reference keeps
pickled jobs in the ``apscheduler_jobs`` table; this implementation does
not use that table: after a restart the jobs are rebuilt from the audits'
``interval`` and ``next_run_time``.
"""
import datetime

from apscheduler.executors import pool as pool_executors
from apscheduler.schedulers import background
import croniter
from oslo_log import log
from oslo_utils import timeutils

from watcher.common import context as watcher_context
from watcher.common import exception
from watcher import conf
from watcher.decision_engine.audit import base
from watcher.decision_engine.audit import claims
from watcher import objects

CONF = conf.CONF
LOG = log.getLogger(__name__)

JOB_PREFIX = 'continuous-audit-'
TICK_JOB_ID = 'launch_audits_periodically'
INACTIVE_STATES = ('CANCELLED', 'DELETED', 'FAILED', 'SUSPENDED',
                   'SUCCEEDED')
ACTIVE_STATES = ('PENDING', 'ONGOING')


def naive_utc(value):
    """A naive UTC datetime (the database's convention), or None."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value


def aware_utc(value):
    return value.replace(tzinfo=datetime.timezone.utc)


def interval_seconds(interval):
    """Seconds of an integer-like interval, or None for a cron line."""
    try:
        return int(str(interval).strip())
    except (TypeError, ValueError):
        return None


def next_cron_time(interval, now):
    """Next time after ``now`` matching the cron line (naive UTC)."""
    if not croniter.croniter.is_valid(str(interval)):
        raise exception.CronFormatIsInvalid(message=interval)
    return croniter.croniter(str(interval), now).get_next(datetime.datetime)


def first_run_time(audit, now):
    """When the audit should next run, given its stored schedule."""
    seconds = interval_seconds(audit.interval)
    if seconds is None:
        return next_cron_time(audit.interval, now)
    if seconds <= 0:
        raise exception.InvalidIntervalOrCron(name=audit.interval)
    stored = naive_utc(audit.next_run_time)
    if stored is None:
        return now
    if stored >= now:
        return stored
    elapsed = int((now - stored).total_seconds())
    return now + datetime.timedelta(seconds=seconds - elapsed % seconds)


def following_run_time(audit, now):
    """When the audit runs after a run that ends ``now``."""
    seconds = interval_seconds(audit.interval)
    if seconds is None:
        return next_cron_time(audit.interval, now)
    return now + datetime.timedelta(seconds=seconds)


class Scheduler(background.BackgroundScheduler):
    """APScheduler in UTC with a pool of 10 native threads.

    ``stop(wait=True)`` waits for running jobs *after* releasing the
    scheduler's locks: APScheduler's own ``shutdown(wait=True)`` waits
    while holding them, which deadlocks with a job that schedules another
    job (as continuous audits do).
    """

    def __init__(self, max_workers=10):
        self.pool = pool_executors.ThreadPoolExecutor(max_workers)
        super().__init__(
            timezone=datetime.timezone.utc,
            executors={'default': self.pool},
            job_defaults={'coalesce': True, 'max_instances': 1,
                          'misfire_grace_time': None})

    def stop(self, wait=False):
        if self.running:
            self.shutdown(wait=False)
        if wait:
            self.pool.shutdown(wait=True)


def new_scheduler():
    return Scheduler()


class ContinuousAuditHandler(base.AuditHandler):
    """Schedules and runs the CONTINUOUS audits owned by this host."""

    AUDIT_TYPE = 'CONTINUOUS'
    STARTABLE_STATES = ACTIVE_STATES

    def __init__(self, scheduler=None, strategy_context_=None):
        super().__init__(strategy_context_)
        self.scheduler = scheduler or new_scheduler()
        self._owns_scheduler = scheduler is None

    # -- life cycle -----------------------------------------------------------

    def start(self):
        self.scheduler.add_job(
            self.launch_audits_periodically, 'interval',
            seconds=CONF.watcher_decision_engine.continuous_audit_interval,
            next_run_time=timeutils.utcnow(with_timezone=True),
            id=TICK_JOB_ID, replace_existing=True)
        if self._owns_scheduler and not self.scheduler.running:
            self.scheduler.start()

    def stop(self, wait=False):
        if self._owns_scheduler:
            self.scheduler.stop(wait=wait)

    # -- the periodic pass ----------------------------------------------------

    @staticmethod
    def job_id(audit_uuid):
        return JOB_PREFIX + audit_uuid

    def _audit_jobs(self):
        return {job.id[len(JOB_PREFIX):]: job
                for job in self.scheduler.get_jobs()
                if job.id.startswith(JOB_PREFIX)}

    def claim_unowned_audits(self, context):
        """Take the active continuous audits nobody owns (CAS)."""
        unowned = objects.Audit.list(
            context, filters={'audit_type': self.AUDIT_TYPE,
                              'state__in': list(ACTIVE_STATES),
                              'hostname': None})
        claimed = []
        for audit in unowned:
            if claims.try_update(audit, {'hostname': CONF.host},
                                 expected={'hostname': None,
                                           'state': audit.state},
                                 what='continuous claim'):
                LOG.info('Continuous audit %s now runs on %s', audit.uuid,
                         CONF.host)
                claimed.append(audit)
        return claimed

    def launch_audits_periodically(self, now=None):
        """One pass of claim / expire / schedule / clean up."""
        now = naive_utc(now) if now else timeutils.utcnow()
        context = watcher_context.get_admin_context()
        try:
            self.claim_unowned_audits(context)
            audits = objects.Audit.list(
                context, filters={'audit_type': self.AUDIT_TYPE,
                                  'state__in': list(ACTIVE_STATES),
                                  'hostname': CONF.host})
        except Exception:
            LOG.exception('Cannot read the continuous audits')
            return
        jobs = self._audit_jobs()
        scheduled = set()
        for audit in audits:
            try:
                if self.schedule_audit(audit, jobs.get(audit.uuid), now):
                    scheduled.add(audit.uuid)
            except Exception as exc:
                LOG.exception('Cannot schedule continuous audit %s',
                              audit.uuid)
                self.fail(audit, base.PhaseError(
                    message='Cannot schedule the audit: %s' % exc),
                    claimed=False)
        for uuid, job in jobs.items():
            if uuid not in scheduled:
                LOG.info('Continuous audit %s is no longer active here; '
                         'removing its job', uuid)
                self._remove_job(uuid)

    def is_expired(self, audit, now):
        end_time = naive_utc(audit.end_time)
        return end_time is not None and end_time < now

    def has_not_started(self, audit, now):
        start_time = naive_utc(audit.start_time)
        return start_time is not None and start_time > now

    def complete(self, audit):
        """End of ``end_time``: the audit is SUCCEEDED."""
        LOG.info('Continuous audit %s reached its end time', audit.uuid)
        self._remove_job(audit.uuid)
        claims.try_update(audit, {'state': objects.audit.State.SUCCEEDED},
                          expected={'state': audit.state,
                                    'hostname': CONF.host},
                          what='end time')

    def schedule_audit(self, audit, job, now):
        """Make sure the audit has a job; False if it must not have one."""
        if self.is_expired(audit, now):
            self.complete(audit)
            return False
        if self.has_not_started(audit, now):
            return False
        if job is not None and job.kwargs.get('interval') == audit.interval:
            return True
        if job is not None:
            LOG.info('Interval of audit %s changed to %s', audit.uuid,
                     audit.interval)
            self._remove_job(audit.uuid)
        self._add_job(audit, first_run_time(audit, now))
        return True

    def _add_job(self, audit, run_time):
        self.scheduler.add_job(
            self.execute_audit, 'date', run_date=aware_utc(run_time),
            id=self.job_id(audit.uuid), replace_existing=True,
            kwargs={'audit_uuid': audit.uuid, 'interval': audit.interval})
        if naive_utc(audit.next_run_time) != run_time:
            audit.next_run_time = run_time
            audit.save()
        LOG.debug('Continuous audit %s next runs at %s', audit.uuid,
                  run_time)

    def _remove_job(self, audit_uuid):
        try:
            self.scheduler.remove_job(self.job_id(audit_uuid))
        except Exception:  # already gone (a date job that fired)
            pass

    # -- one run --------------------------------------------------------------

    def can_start(self, audit):
        return (audit.state in ACTIVE_STATES and
                audit.hostname == CONF.host)

    def execute_audit(self, audit_uuid, interval=None):
        """Job body: run the audit once, then schedule the next run."""
        context = watcher_context.get_admin_context()
        try:
            audit = objects.Audit.get_by_uuid(context, audit_uuid)
        except exception.AuditNotFound:
            LOG.info('Continuous audit %s is gone', audit_uuid)
            return
        if audit.state in INACTIVE_STATES or audit.hostname != CONF.host:
            LOG.info('Continuous audit %s is %s on %s: not running it',
                     audit.uuid, audit.state, audit.hostname)
            return
        now = timeutils.utcnow()
        if self.is_expired(audit, now):
            self.complete(audit)
            return
        self.execute(audit, context)
        self.schedule_next_run(audit)

    def schedule_next_run(self, audit):
        try:
            audit.refresh()
            if (audit.state not in ACTIVE_STATES or
                    audit.hostname != CONF.host):
                return
            self._add_job(audit, following_run_time(audit,
                                                    timeutils.utcnow()))
        except Exception as exc:
            LOG.exception('Cannot schedule the next run of audit %s',
                          audit.uuid)
            self.fail(audit, base.PhaseError(
                message='Cannot schedule the next run: %s' % exc),
                claimed=False)

    def do_execute(self, audit, context):
        solution = super().do_execute(audit, context)
        self.cancel_recommended_plans(audit, context)
        return solution

    def cancel_recommended_plans(self, audit, context):
        """The new run supersedes the audit's earlier RECOMMENDED plans."""
        plans = objects.ActionPlan.list(
            context, filters={'audit_id': audit.id,
                              'state': objects.action_plan.State.RECOMMENDED})
        for plan in plans:
            claims.try_update(
                plan, {'state': objects.action_plan.State.CANCELLED},
                expected={'state': objects.action_plan.State.RECOMMENDED},
                what='newer continuous run')

    def finish(self, audit):
        """A continuous audit stays ONGOING between runs."""
