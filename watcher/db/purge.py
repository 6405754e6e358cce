"""Hard-delete soft-deleted rows: ``watcher-db-manage purge``.

What goes (engine-inventory §8.2):

1. soft-deleted goals, strategies, audit templates, audits, action plans,
   actions and efficacy indicators (only those deleted more than
   ``age_in_days`` ago when given; only the named soft-deleted goal when
   ``goal`` is given);
2. their soft-deleted descendants;
3. unless ``exclude_orphans``, orphans: live rows whose goal, strategy,
   audit or action plan is not live (cascading down);
4. a row that would stay is never left pointing at a purged parent: such
   parents are kept.

Above ``max_number`` rows the operator may purge whole per-goal groups up
to the limit. Rows are deleted children first, in one transaction.
Efficacy indicators are purged with their plan (the reference left them,
which broke the plan's deletion on MySQL/PostgreSQL).
"""
import dataclasses
import datetime

from oslo_log import log
from oslo_utils import strutils
from oslo_utils import timeutils
from oslo_utils import uuidutils
import sqlalchemy as sa

from watcher.common import exception
from watcher.db.sqlalchemy import api as sqla_api
from watcher.db.sqlalchemy import models

LOG = log.getLogger(__name__)

# (key, model, label) parents before children.
TABLES = (
    ('goals', models.Goal, 'Goals'),
    ('strategies', models.Strategy, 'Strategies'),
    ('audit_templates', models.AuditTemplate, 'Audit Templates'),
    ('audits', models.Audit, 'Audits'),
    ('action_plans', models.ActionPlan, 'Action Plans'),
    ('actions', models.Action, 'Actions'),
    ('efficacy_indicators', models.EfficacyIndicator,
     'Efficacy Indicators'),
)
TABLE_KEYS = tuple(key for key, _model, _label in TABLES)
MODELS = {key: model for key, model, _label in TABLES}

# table -> ((foreign key column, parent table), ...)
PARENTS = {
    'goals': (),
    'strategies': (('goal_id', 'goals'),),
    'audit_templates': (('goal_id', 'goals'), ('strategy_id', 'strategies')),
    'audits': (('goal_id', 'goals'), ('strategy_id', 'strategies')),
    'action_plans': (('audit_id', 'audits'), ('strategy_id', 'strategies')),
    'actions': (('action_plan_id', 'action_plans'),),
    'efficacy_indicators': (('action_plan_id', 'action_plans'),),
}

DELETE_CHUNK = 500


@dataclasses.dataclass(frozen=True)
class Row:
    """What the purge needs to know about one row."""

    id: int
    deleted: bool
    deleted_at: datetime.datetime
    parents: tuple  # ((parent table, parent id or None), ...)


def load_rows(session):
    """{table: {id: Row}} of every row of the purgeable tables."""
    rows = {}
    for key in TABLE_KEYS:
        model = MODELS[key]
        fks = PARENTS[key]
        columns = [model.id, model.deleted, model.deleted_at] + [
            getattr(model, fk) for fk, _parent in fks]
        rows[key] = {}
        for values in session.execute(sa.select(*columns)):
            parents = tuple((parent, values[3 + index])
                            for index, (_fk, parent) in enumerate(fks))
            rows[key][values[0]] = Row(values[0], bool(values[1]),
                                       values[2], parents)
    return rows


def _empty():
    return {key: set() for key in TABLE_KEYS}


def count(selection):
    return sum(len(ids) for ids in selection.values())


def find_soft_deleted(rows, expiry=None, goal_ids=None):
    """Step 1 and 2: expired soft-deleted rows (or the given soft-deleted
    goals) plus their soft-deleted descendants."""
    selection = _empty()
    for key in TABLE_KEYS:
        if goal_ids is not None and key != 'goals':
            continue
        for row in rows[key].values():
            if not row.deleted:
                continue
            if goal_ids is not None and row.id not in goal_ids:
                continue
            if expiry is not None and not (row.deleted_at and
                                           row.deleted_at < expiry):
                continue
            selection[key].add(row.id)
    for key in TABLE_KEYS:  # parents first: descendants cascade down
        for row in rows[key].values():
            if row.deleted and any(parent_id in selection[parent]
                                   for parent, parent_id in row.parents):
                selection[key].add(row.id)
    return selection


def find_orphans(rows):
    """Step 3: live rows whose (non-null) parent is not live, cascading:
    the children of an orphan are orphans too."""
    orphans = _empty()
    sound = _empty()  # live rows with live, sound parents
    for key in TABLE_KEYS:
        for row in rows[key].values():
            if row.deleted:
                continue
            if all(parent_id is None or parent_id in sound[parent]
                   for parent, parent_id in row.parents):
                sound[key].add(row.id)
            else:
                orphans[key].add(row.id)
    return orphans


def keep_referenced_parents(rows, selection):
    """Step 4: drop from ``selection`` every parent still referenced by a
    row that stays. Children first, so a kept row protects its own
    parents in turn."""
    kept = []
    for key in reversed(TABLE_KEYS):
        for row in rows[key].values():
            if row.id in selection[key]:
                continue
            for parent, parent_id in row.parents:
                if parent_id in selection[parent]:
                    selection[parent].discard(parent_id)
                    kept.append((parent, parent_id))
    if kept:
        LOG.warning('Not purging %d row(s) still referenced by rows that '
                    'stay: %s', len(kept), sorted(kept))
    return selection


def _goal_of(rows, key, row_id):
    while key != 'goals':
        row = rows[key].get(row_id)
        if row is None:
            return None
        parent_key, row_id = row.parents[0]
        key = parent_key
        if row_id is None:
            return None
    return row_id


def limit_by_goal(rows, selection, max_number):
    """Whole per-goal groups (goal id order, rows without goal last),
    as long as the total stays within ``max_number``."""
    groups = {}
    for key in TABLE_KEYS:
        for row_id in selection[key]:
            goal_id = _goal_of(rows, key, row_id)
            groups.setdefault(goal_id, _empty())[key].add(row_id)
    limited = _empty()
    ordered = sorted(groups, key=lambda goal: (goal is None, goal or 0))
    for goal_id in ordered:
        group = groups[goal_id]
        if count(limited) + count(group) > max_number:
            break
        for key in TABLE_KEYS:
            limited[key] |= group[key]
    return keep_referenced_parents(rows, limited)


def delete_rows(session, selection):
    """Hard-delete the selection, children first."""
    for key in reversed(TABLE_KEYS):
        table = MODELS[key].__table__
        ids = sorted(selection[key])
        for start in range(0, len(ids), DELETE_CHUNK):
            chunk = ids[start:start + DELETE_CHUNK]
            session.execute(table.delete().where(table.c.id.in_(chunk)))


def format_counts(selection):
    """The count table printed to the operator."""
    headers = [label for _key, _model, label in TABLES] + ['Total']
    values = [str(len(selection[key])) for key in TABLE_KEYS]
    values.append(str(count(selection)))
    widths = [max(len(h), len(v)) + 2 for h, v in zip(headers, values)]
    border = '+' + '+'.join('-' * width for width in widths) + '+'

    def line(cells):
        return '|' + '|'.join(cell.center(width)
                              for cell, width in zip(cells, widths)) + '|'
    return '\n'.join([border, line(headers), border, line(values), border])


def _ask(question, ask):
    try:
        answer = ask(question)
    except EOFError:
        return False
    return strutils.bool_from_string(answer.strip())


class PurgeCommand:
    """One purge run; ``ask``/``out`` are ``input``/``print`` by default."""

    def __init__(self, age_in_days=None, max_number=None, goal=None,
                 exclude_orphans=False, dry_run=False, ask=input, out=print,
                 now=None):
        if age_in_days is not None and age_in_days < 0:
            raise exception.Invalid(
                message='--age-in-days must be zero or more')
        if max_number is not None and max_number < 1:
            raise exception.Invalid(
                message='--max-number must be a positive integer')
        self.age_in_days = age_in_days
        self.max_number = max_number
        self.goal = goal
        self.exclude_orphans = exclude_orphans
        self.dry_run = dry_run
        self.ask = ask
        self.out = out
        self.now = now or timeutils.utcnow()

    def expiry(self):
        if self.age_in_days is None:
            return None
        return self.now - datetime.timedelta(days=self.age_in_days)

    def goal_ids(self, session):
        """Ids of the soft-deleted goal(s) named by ``--goal``."""
        if self.goal is None:
            return None
        goal = models.Goal
        if uuidutils.is_uuid_like(self.goal):
            clause = goal.uuid == self.goal
        else:
            clause = sa.func.lower(goal.name) == sa.func.lower(self.goal)
        found = session.execute(
            sa.select(goal.id, goal.deleted).where(clause)).all()
        if not found:
            raise exception.GoalNotFound(goal=self.goal)
        deleted = {row_id for row_id, is_deleted in found if is_deleted}
        if not deleted:
            raise exception.NotSoftDeletedStateError(name='Goal',
                                                     id=self.goal)
        return deleted

    def find(self, session):
        """(rows, selection) before any max-number limit."""
        rows = load_rows(session)
        selection = find_soft_deleted(rows, self.expiry(),
                                      self.goal_ids(session))
        if not self.exclude_orphans:
            for key, ids in find_orphans(rows).items():
                selection[key] |= ids
        return rows, keep_referenced_parents(rows, selection)

    def execute(self):
        """Run the purge; returns {table: ids} deleted (or, on a dry run
        or a refusal, that would have been) — empty when aborted."""
        note = (' (orphans excluded)' if self.exclude_orphans
                else ' (may include orphans)')
        with sqla_api.writer_session() as session:
            rows, selection = self.find(session)
            if (self.max_number is not None and
                    count(selection) > self.max_number):
                self.out(format_counts(selection))
                self.out('The number of objects (%d) to delete from the '
                         'database exceeds the maximum number of objects '
                         '(%d) specified.' % (count(selection),
                                              self.max_number))
                if not _ask('Do you want to delete objects up to the '
                            'specified maximum number? [y/N] ', self.ask):
                    self.out('Nothing was deleted.')
                    return _empty()
                selection = limit_by_goal(rows, selection, self.max_number)
            if self.dry_run or not count(selection):
                self.out('Here below is a table containing the objects '
                         'that can be purged%s:' % note)
                self.out(format_counts(selection))
                return selection
            self.out(format_counts(selection))
            if not _ask('There are %d objects set for deletion. Continue? '
                        '[y/N] ' % count(selection), self.ask):
                self.out('Nothing was deleted.')
                return _empty()
            delete_rows(session, selection)
        LOG.info('Purged %d rows: %s', count(selection),
                 {key: len(ids) for key, ids in selection.items()})
        self.out('Purge results summary%s:' % note)
        self.out(format_counts(selection))
        return selection


def purge(age_in_days=None, max_number=None, goal=None,
          exclude_orphans=False, dry_run=False):
    """Entry used by ``watcher-db-manage purge``."""
    return PurgeCommand(age_in_days, max_number, goal, exclude_orphans,
                        dry_run).execute()
