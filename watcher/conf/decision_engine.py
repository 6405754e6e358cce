"""The [watcher_decision_engine] group: audits, listeners and pools."""
from oslo_config import cfg

watcher_decision_engine = cfg.OptGroup(
    name='watcher_decision_engine',
    title='Options for the Decision Engine service')

DECISION_ENGINE_OPTS = [
    cfg.StrOpt('conductor_topic',
               default='watcher.decision.control',
               help='RPC topic the decision engine listens on.'),
    cfg.ListOpt('notification_topics',
                default=['nova.versioned_notifications',
                         'openstack.notifications'],
                help='Notification topics the decision engine listens to '
                     'to keep its cluster data models up to date.'),
    cfg.StrOpt('publisher_id',
               default='watcher.decision.api',
               help='Publisher id of the decision engine notifications.'),
    cfg.IntOpt('max_audit_workers',
               default=2,
               required=True,
               help='Number of audits run at the same time.'),
    cfg.IntOpt('max_general_workers',
               default=4,
               required=True,
               help='Number of threads for other concurrent work, such as '
                    'collecting the cluster data model.'),
    cfg.IntOpt('action_plan_expiry',
               default=24,
               mutable=True,
               help='Hours after which a RECOMMENDED action plan becomes '
                    'SUPERSEDED. 0 disables the expiry.'),
    cfg.IntOpt('check_periodic_interval',
               default=30 * 60,
               mutable=True,
               help='Seconds between two checks for expired action plans.'),
    cfg.StrOpt('metric_map_path',
               default='/etc/watcher/metric_map.yaml',
               help='Optional YAML file mapping watcher metrics to the '
                    'metric names of each datasource.'),
    cfg.IntOpt('continuous_audit_interval',
               default=10,
               mutable=True,
               help='Seconds between two checks for continuous audits '
                    'that are due.'),
    cfg.BoolOpt('supersede_plans_on_launch',
                default=True,
                help='When an action plan is launched, set to SUPERSEDED '
                     'the other RECOMMENDED action plans created before '
                     'the launch that act on a host or resource the '
                     'launched plan acts on (they were computed on a state '
                     'the launched plan changes). Plans of actions that '
                     'touch nothing in the cloud (nop, sleep) are never '
                     'superseded this way.'),
    cfg.BoolOpt('supersede_plans_on_model_change',
                default=False,
                help='Set to SUPERSEDED a RECOMMENDED action plan when a '
                     'compute node of its audit scope, or an instance on '
                     'it, changes. Off by default: the reference service '
                     'only supersedes expired plans.'),
]


def register_opts(conf):
    conf.register_group(watcher_decision_engine)
    conf.register_opts(DECISION_ENGINE_OPTS, group=watcher_decision_engine)


def list_opts():
    return [(watcher_decision_engine, DECISION_ENGINE_OPTS)]
