"""Build planner inputs without a database."""
from watcher.decision_engine import loading
from watcher.decision_engine.solution import base as solution_base


class FakeStrategy(object):
    name = 'dummy'


def solution_with(actions):
    """A solution holding ``actions``: (type, parameters) pairs."""
    goal = loading.PluginLoader(loading.GOALS).load('dummy')
    solution = solution_base.Solution(goal=goal, strategy=FakeStrategy())
    for action_type, parameters in actions:
        parameters = dict(parameters)
        resource_id = parameters.pop('resource_id', None)
        solution.add_action(action_type, input_parameters=parameters,
                            resource_id=resource_id)
    return solution


def label_graph(planned, label_key='label'):
    """[(label, sorted parent labels)] in plan order."""
    labels = {action.uuid: action.input_parameters[label_key]
              for action in planned}
    return [(action.input_parameters[label_key],
             sorted(labels[parent] for parent in action.parents))
            for action in planned]
