"""``watcher-sync``: synchronise goals, strategies and scoring engines.

Runs the decision engine's Syncer once (what ``watcher-decision-engine``
does at start) and prints what the database now holds.
"""
import sys

from watcher import conf
from watcher.common import context
from watcher.common import service

CONF = conf.CONF


def summary(ctx):
    """Lines describing the goals, strategies and scoring engines."""
    from watcher import objects
    goals = objects.Goal.list(ctx, sort_key='name', sort_dir='asc')
    strategies = objects.Strategy.list(ctx, sort_key='name', sort_dir='asc')
    scorers = objects.ScoringEngine.list(ctx, sort_key='name',
                                         sort_dir='asc')
    goal_names = {goal.id: goal.name for goal in goals}
    lines = ['%d goal(s):' % len(goals)]
    lines += ['  %s' % goal.name for goal in goals]
    lines.append('%d strategy(ies):' % len(strategies))
    lines += ['  %s (goal %s)' % (strategy.name,
                                  goal_names.get(strategy.goal_id, '?'))
              for strategy in strategies]
    lines.append('%d scoring engine(s):' % len(scorers))
    lines += ['  %s' % scorer.name for scorer in scorers]
    return lines


def main(argv=None):
    service.prepare_service(sys.argv if argv is None else argv)
    try:
        from watcher.decision_engine import sync
    except ImportError as exc:
        print('watcher-sync: the decision engine sync is not available: %s'
              % exc, file=sys.stderr)
        return 1
    try:
        sync.Syncer().sync()
    except Exception as exc:
        first_line = (str(exc).splitlines() or [''])[0]
        print('watcher-sync: sync failed: %s: %s (is the database '
              'upgraded with watcher-db-manage upgrade?)'
              % (type(exc).__name__, first_line), file=sys.stderr)
        return 1
    for line in summary(context.get_admin_context()):
        print(line)
    return 0


if __name__ == '__main__':
    sys.exit(main())
