"""The ten goals shipped with Watcher."""
from watcher._i18n import _
from watcher.decision_engine.goal import base
from watcher.decision_engine.goal.efficacy import specs


def _goal(class_name, name, display_name, spec_class, doc):
    """Build one goal class; they differ only by their data."""

    def get_name(cls):
        return name

    def get_display_name(cls):
        return _(display_name)

    def get_translatable_display_name(cls):
        return display_name

    def get_efficacy_specification(cls):
        return spec_class()

    return type(class_name, (base.Goal,), {
        '__doc__': doc,
        '__module__': __name__,
        'get_name': classmethod(get_name),
        'get_display_name': classmethod(get_display_name),
        'get_translatable_display_name':
            classmethod(get_translatable_display_name),
        'get_efficacy_specification':
            classmethod(get_efficacy_specification),
    })


Unclassified = _goal(
    'Unclassified', 'unclassified', 'Unclassified', specs.Unclassified,
    'Goal of strategies that do not fit any other goal yet.')
Dummy = _goal(
    'Dummy', 'dummy', 'Dummy goal', specs.Unclassified,
    'Goal of the sample strategies used for testing.')
ServerConsolidation = _goal(
    'ServerConsolidation', 'server_consolidation', 'Server Consolidation',
    specs.ServerConsolidation,
    'Pack instances on fewer compute nodes to free the others.')
ThermalOptimization = _goal(
    'ThermalOptimization', 'thermal_optimization', 'Thermal Optimization',
    specs.Unclassified,
    'Keep compute node temperatures below a threshold.')
WorkloadBalancing = _goal(
    'WorkloadBalancing', 'workload_balancing', 'Workload Balancing',
    specs.WorkloadBalancing,
    'Spread the load evenly across the compute nodes.')
AirflowOptimization = _goal(
    'AirflowOptimization', 'airflow_optimization', 'Airflow Optimization',
    specs.Unclassified,
    'Improve the airflow through the compute nodes.')
NoisyNeighborOptimization = _goal(
    'NoisyNeighborOptimization', 'noisy_neighbor', 'Noisy Neighbor',
    specs.Unclassified,
    'Move instances that degrade the performance of their neighbours.')
SavingEnergy = _goal(
    'SavingEnergy', 'saving_energy', 'Saving Energy', specs.Unclassified,
    'Power off idle compute nodes to save energy.')
HardwareMaintenance = _goal(
    'HardwareMaintenance', 'hardware_maintenance', 'Hardware Maintenance',
    specs.HardwareMaintenance,
    'Move instances and volumes away from hardware under maintenance.')
ClusterMaintaining = _goal(
    'ClusterMaintaining', 'cluster_maintaining', 'Cluster Maintaining',
    specs.Unclassified,
    'Empty a compute node so it can be maintained.')
