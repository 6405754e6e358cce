"""Dummy strategy that also emits fixed migrations and a resize."""
from watcher._i18n import _
from watcher.decision_engine.strategy.strategies import base
from watcher.decision_engine.strategy.strategies import dummy_strategy

FIRST_INSTANCE = 'b199db0c-1408-4d52-b5a5-5ca14de0ff36'
SECOND_INSTANCE = '8db1b3c1-7938-4c34-8c03-6de14b874f8f'


class DummyWithResize(base.DummyBaseStrategy):
    """Six fixed actions: nop, nop, sleep, migrate, migrate, resize."""

    @classmethod
    def get_name(cls):
        return 'dummy_with_resize'

    @classmethod
    def get_display_name(cls):
        return _('Dummy strategy with resize')

    @classmethod
    def get_translatable_display_name(cls):
        return 'Dummy strategy with resize'

    @classmethod
    def get_schema(cls):
        return dummy_strategy.dummy_parameters_schema()

    def do_execute(self, audit=None):
        migration = {'source_node': 'compute2',
                     'destination_node': 'compute3',
                     'migration_type': 'live'}
        add = self.solution.add_action
        add('nop', input_parameters={'message': 'hello World'})
        add('nop', input_parameters={'message': 'Welcome'})
        add('sleep', input_parameters={'duration': 5.0})
        add('migrate', input_parameters=dict(migration),
            resource_id=FIRST_INSTANCE)
        add('migrate', input_parameters=dict(migration),
            resource_id=SECOND_INSTANCE)
        add('resize', input_parameters={'flavor': 'x2'},
            resource_id=SECOND_INSTANCE)
