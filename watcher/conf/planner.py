"""The [watcher_planner] group (kept for compatibility; not read)."""
from oslo_config import cfg

watcher_planner = cfg.OptGroup(name='watcher_planner',
                               title='Defaults for the planners')

PLANNER_OPTS = [
    cfg.StrOpt('planner',
               default='weight',
               required=True,
               help='Default planner. Each strategy chooses its own planner, '
                    'so this option has no effect.'),
]


def register_opts(conf):
    conf.register_group(watcher_planner)
    conf.register_opts(PLANNER_OPTS, group=watcher_planner)


def list_opts():
    return [(watcher_planner, PLANNER_OPTS)]
