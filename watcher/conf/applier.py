"""The [watcher_applier] group: the service that runs action plans."""
from oslo_config import cfg

watcher_applier = cfg.OptGroup(name='watcher_applier',
                               title='Options for the Applier service')

APPLIER_OPTS = [
    cfg.IntOpt('workers',
               default=1,
               min=1,
               help='Number of action plans one applier runs at the same '
                    'time.'),
    cfg.StrOpt('conductor_topic',
               default='watcher.applier.control',
               help='RPC topic the applier listens on.'),
    cfg.StrOpt('publisher_id',
               default='watcher.applier.api',
               help='Publisher id of the applier notifications.'),
    cfg.StrOpt('workflow_engine',
               default='taskflow',
               required=True,
               help='Name of the watcher_workflow_engines plugin that runs '
                    'the actions of a plan.'),
    cfg.BoolOpt('rollback_when_actionplan_failed',
                default=False,
                deprecated_for_removal=True,
                deprecated_since='2026.1',
                deprecated_reason='Reverting the actions of a failed plan '
                                  'does not work reliably.',
                help='Revert the executed actions when an action plan '
                     'fails.'),
]


def register_opts(conf):
    conf.register_group(watcher_applier)
    conf.register_opts(APPLIER_OPTS, group=watcher_applier)


def list_opts():
    return [(watcher_applier, APPLIER_OPTS)]
