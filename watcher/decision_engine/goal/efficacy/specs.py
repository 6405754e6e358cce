"""The efficacy specifications used by the shipped goals.

The formulas reproduce the reference exactly, including the
HardwareMaintenance ratios that divide the *planned* count by the *actual*
count although their descriptions read "actual to planned".
"""
from watcher._i18n import _
from watcher.decision_engine.goal.efficacy import base
from watcher.decision_engine.goal.efficacy import indicators


class Unclassified(base.EfficacySpecification):
    """No indicators and no global efficacy."""

    def get_indicators_specifications(self):
        return []

    def get_global_efficacy_indicator(self, indicators_map):
        return None


class ServerConsolidation(base.EfficacySpecification):

    def get_indicators_specifications(self):
        return [
            indicators.compute_nodes_count(),
            indicators.released_compute_nodes_count(),
            indicators.instance_migrations_count(),
        ]

    def get_global_efficacy_indicator(self, indicators_map):
        value = 0
        if indicators_map and indicators_map.compute_nodes_count > 0:
            value = (float(indicators_map.released_compute_nodes_count) /
                     float(indicators_map.compute_nodes_count)) * 100
        return [indicators.Indicator(
            name='released_nodes_ratio',
            description=_('Ratio of released compute nodes divided by the '
                          'total number of enabled compute nodes.'),
            unit='%',
            value=value)]


class WorkloadBalancing(base.EfficacySpecification):

    def get_indicators_specifications(self):
        return [
            indicators.instance_migrations_count(),
            indicators.instances_count(),
            indicators.standard_deviation_after_audit(),
            indicators.standard_deviation_before_audit(),
        ]

    def get_global_efficacy_indicator(self, indicators_map):
        # As in the reference, a missing or zero instances_count is not
        # guarded against: the computation then fails and says so.
        value = 0
        if indicators_map and indicators_map.instance_migrations_count > 0:
            value = (float(indicators_map.instance_migrations_count) /
                     float(indicators_map.instances_count)) * 100
        return [indicators.Indicator(
            name='live_migrations_count',
            description=_('Ratio of migrated virtual machines to audited '
                          'virtual machines.'),
            unit='%',
            value=value)]


class HardwareMaintenance(base.EfficacySpecification):

    # (global indicator, planned count, actual count, description)
    _RATIOS = (
        ('live_instance_migrate_ratio',
         'planned_live_migrate_instance_count',
         'live_migrate_instance_count',
         _('Ratio of actual live migrated instances to planned live '
           'migrate instances.')),
        ('cold_instance_migrate_ratio',
         'planned_cold_migrate_instance_count',
         'cold_migrate_instance_count',
         _('Ratio of actual cold migrated instances to planned cold '
           'migrate instances.')),
        ('volume_migrate_ratio',
         'planned_volume_migrate_count',
         'volume_migrate_count',
         _('Ratio of actual detached volumes migrated to planned detached '
           'volumes migrate.')),
        ('volume_update_ratio',
         'planned_volume_update_count',
         'volume_update_count',
         _('Ratio of actual attached volumes migrated to planned attached '
           'volumes migrate.')),
    )

    def get_indicators_specifications(self):
        return [
            indicators.live_migrate_instance_count(),
            indicators.planned_live_migrate_instance_count(),
            indicators.cold_migrate_instance_count(),
            indicators.planned_cold_migrate_instance_count(),
            indicators.volume_migrate_count(),
            indicators.planned_volume_migrate_count(),
            indicators.volume_update_count(),
            indicators.planned_volume_update_count(),
        ]

    def get_global_efficacy_indicator(self, indicators_map):
        result = []
        for name, planned_key, actual_key, description in self._RATIOS:
            value = 0
            if indicators_map and indicators_map[planned_key] > 0:
                # planned / actual, exactly as the reference computes it.
                value = (float(indicators_map[planned_key]) /
                         float(indicators_map[actual_key])) * 100
            result.append(indicators.Indicator(
                name=name, description=description, unit='%', value=value))
        return result
