"""Option declarations of the built-in plugins.

A plugin (strategy, planner, workflow engine, collector) exposes its options
through a ``get_config_opts()`` classmethod; they are registered in the group
``[<namespace>.<plugin name>]`` when the plugin loads. The declarations live
here so plugins return them (``return plugins.strategy_opts('basic')``) and so
``oslo-config-generator`` can list every group even if a plugin cannot be
imported.
"""
from oslo_concurrency import processutils
from oslo_config import cfg
from oslo_config import types
from oslo_log import log

from watcher.conf import datasources

STRATEGIES_NAMESPACE = 'watcher_strategies'
PLANNERS_NAMESPACE = 'watcher_planners'
WORKFLOW_ENGINES_NAMESPACE = 'watcher_workflow_engines'
COLLECTORS_NAMESPACE = 'watcher_cluster_data_model_collectors'

# Namespaces whose plugins may carry options, in sample order.
CONFIGURABLE_NAMESPACES = (
    STRATEGIES_NAMESPACE,
    PLANNERS_NAMESPACE,
    WORKFLOW_ENGINES_NAMESPACE,
    COLLECTORS_NAMESPACE,
)


def group_name(namespace, plugin_name):
    """Name of the option group of one plugin."""
    return '%s.%s' % (namespace, plugin_name)


# --- strategies -----------------------------------------------------------

def strategy_datasources_opt():
    """``datasources``: a per-strategy override of [watcher_datasources]."""
    return cfg.ListOpt(
        'datasources',
        item_type=types.String(choices=datasources.DATASOURCE_NAMES),
        default=None,
        help='Datasources this strategy uses, in order of preference. '
             'When unset, [watcher_datasources] datasources is used.')


# Strategies that read metrics and so accept a datasources override.
STRATEGIES_WITH_DATASOURCES = (
    'basic',
    'node_resource_consolidation',
    'noisy_neighbor',
    'outlet_temperature',
    'storage_capacity_balance',
    'uniform_airflow',
    'vm_workload_consolidation',
    'workload_balance',
    'workload_stabilization',
)


def _basic_extra_opts():
    return [cfg.BoolOpt(
        'check_optimize_metadata',
        default=False,
        help='Skip instances whose metadata has optimize set to False.')]


def _storage_capacity_balance_extra_opts():
    return [cfg.ListOpt(
        'ex_pools',
        default=['local_vstorage'],
        help='Storage pools never used as migration destination.')]


_STRATEGY_EXTRA_OPTS = {
    'basic': _basic_extra_opts,
    'storage_capacity_balance': _storage_capacity_balance_extra_opts,
}


def strategy_opts(strategy_name):
    """Options of ``[watcher_strategies.<strategy_name>]`` (maybe empty)."""
    opts = []
    if strategy_name in STRATEGIES_WITH_DATASOURCES:
        opts.append(strategy_datasources_opt())
    extra = _STRATEGY_EXTRA_OPTS.get(strategy_name)
    if extra:
        opts.extend(extra())
    return opts


# --- planners -------------------------------------------------------------

# Action type -> weight; the higher the weight, the earlier the action runs.
WEIGHT_PLANNER_WEIGHTS = {
    'nop': 70,
    'volume_migrate': 60,
    'change_nova_service_state': 50,
    'sleep': 40,
    'stop': 35,
    'migrate': 30,
    'resize': 20,
    'turn_host_to_acpi_s3_state': 10,
    'change_node_power_state': 9,
}

# Action type -> how many actions of that type may run at the same time.
WEIGHT_PLANNER_PARALLELIZATION = {
    'nop': 1,
    'volume_migrate': 2,
    'change_nova_service_state': 1,
    'sleep': 1,
    'stop': 2,
    'migrate': 2,
    'resize': 2,
    'turn_host_to_acpi_s3_state': 2,
    'change_node_power_state': 2,
}

WORKLOAD_STABILIZATION_PLANNER_WEIGHTS = {
    'turn_host_to_acpi_s3_state': 0,
    'resize': 1,
    'migrate': 2,
    'sleep': 3,
    'change_nova_service_state': 4,
    'nop': 5,
}


def weight_planner_opts():
    """Options of ``[watcher_planners.weight]``."""
    return [
        cfg.DictOpt('weights',
                    default=dict(WEIGHT_PLANNER_WEIGHTS),
                    help='Weight of each action type. Actions of higher '
                         'weight are scheduled first; two types must not '
                         'share a weight.'),
        cfg.DictOpt('parallelization',
                    default=dict(WEIGHT_PLANNER_PARALLELIZATION),
                    help='Number of actions of each type that may run in '
                         'parallel.'),
    ]


def workload_stabilization_planner_opts():
    """Options of ``[watcher_planners.workload_stabilization]``."""
    return [
        cfg.DictOpt('weights',
                    default=dict(WORKLOAD_STABILIZATION_PLANNER_WEIGHTS),
                    help='Weight of each action type. Actions of higher '
                         'weight come first.'),
    ]


# --- workflow engines -----------------------------------------------------

ACTION_EXECUTION_RULES = ['ALWAYS', 'ANY']


def taskflow_opts():
    """Options of ``[watcher_workflow_engines.taskflow]``."""
    return [
        cfg.IntOpt('max_workers',
                   default=processutils.get_worker_count(),
                   sample_default='<number of CPUs>',
                   min=1,
                   required=True,
                   help='Number of actions of one plan run in parallel.'),
        cfg.DictOpt('action_execution_rule',
                    default={},
                    help='Per strategy name, when a child action runs: '
                         'ALWAYS (default) or ANY (only if its first parent '
                         'did not succeed). Example: '
                         'host_maintenance:ANY'),
    ]


# --- cluster data model collectors ----------------------------------------

def collector_opts():
    """Options of ``[watcher_cluster_data_model_collectors.<name>]``."""
    return [
        cfg.IntOpt('period',
                   default=3600,
                   help='Seconds between two full synchronizations of the '
                        'cluster data model.'),
    ]


# --- fallback table used by the sample generator --------------------------

def declared_plugin_opts():
    """{(namespace, plugin name): [opts]} of every built-in plugin."""
    declared = {}
    for name in STRATEGIES_WITH_DATASOURCES:
        declared[(STRATEGIES_NAMESPACE, name)] = strategy_opts(name)
    declared[(PLANNERS_NAMESPACE, 'weight')] = weight_planner_opts()
    declared[(PLANNERS_NAMESPACE, 'workload_stabilization')] = (
        workload_stabilization_planner_opts())
    declared[(WORKFLOW_ENGINES_NAMESPACE, 'taskflow')] = taskflow_opts()
    for name in ('compute', 'storage', 'baremetal'):
        declared[(COLLECTORS_NAMESPACE, name)] = collector_opts()
    return declared


def register_plugin_opts(conf, namespace, plugin_name, opts):
    """Register a plugin's options in its own group.

    Safe after the command line was parsed: oslo.config reads values for
    newly registered options from the already parsed files, and registering
    the same options twice is a no-op.
    """
    if not opts:
        return
    group = cfg.OptGroup(group_name(namespace, plugin_name))
    conf.register_group(group)
    conf.register_opts(opts, group=group)


class PluginConfig(dict):
    """Option values of one plugin group, readable as attributes."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name)


def plugin_config(conf, namespace, plugin_name, plugin_class):
    """Register ``plugin_class``'s options; return their current values.

    Plugins declare options with a ``get_config_opts()`` classmethod; they
    live in ``[<namespace>.<plugin_name>]`` and the plugin receives their
    values as a ``PluginConfig``.
    """
    opts = (plugin_class.get_config_opts()
            if hasattr(plugin_class, 'get_config_opts') else [])
    values = PluginConfig()
    if not opts:
        return values
    try:
        register_plugin_opts(conf, namespace, plugin_name, opts)
    except cfg.DuplicateOptError:
        # A different definition is already registered (a third-party
        # plugin reusing a name): keep the first one.
        log.getLogger(__name__).warning(
            'Options of %s are already registered differently',
            group_name(namespace, plugin_name))
    group = conf[group_name(namespace, plugin_name)]
    for opt in opts:
        values[opt.dest] = group[opt.dest]
    return values
