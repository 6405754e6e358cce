"""Store an action plan, its efficacy indicators and its actions."""
from oslo_log import log
from oslo_utils import uuidutils

from watcher import objects

LOG = log.getLogger(__name__)

STATUS_MESSAGE_LENGTH = 255


def _indicator_rows(context, action_plan_id, indicators):
    for indicator in indicators:
        objects.EfficacyIndicator(
            context,
            uuid=uuidutils.generate_uuid(),
            name=indicator.name,
            description=indicator.description,
            unit=indicator.unit,
            value=indicator.value,
            action_plan_id=action_plan_id,
        ).create()


def save_action_plan(context, audit_id, solution, planned_actions):
    """Create the RECOMMENDED plan (SUCCEEDED when it has no action).

    If storing the actions fails, the plan is CANCELLED with the reason in
    its status message and the error is raised again.
    """
    strategy = objects.Strategy.get_by_name(context, solution.strategy.name)
    action_plan = objects.ActionPlan(
        context,
        uuid=uuidutils.generate_uuid(),
        audit_id=audit_id,
        strategy_id=strategy.id,
        state=objects.action_plan.State.RECOMMENDED,
        global_efficacy=[indicator.to_dict()
                         for indicator in solution.global_efficacy],
    )
    action_plan.create()
    try:
        _indicator_rows(context, action_plan.id, solution.efficacy_indicators)
        objects.Action.create_many(context, [
            objects.Action(
                context,
                uuid=planned.uuid,
                action_plan_id=action_plan.id,
                action_type=planned.action_type,
                input_parameters=planned.input_parameters,
                state=objects.action.State.PENDING,
                parents=planned.parents,
            ) for planned in planned_actions], action_plan=action_plan)
    except Exception as exc:
        LOG.exception('Could not store the actions of plan %s',
                      action_plan.uuid)
        try:
            action_plan.state = objects.action_plan.State.CANCELLED
            action_plan.status_message = (
                'Planning failed: %s' % exc)[:STATUS_MESSAGE_LENGTH]
            action_plan.save()
        except Exception:
            LOG.exception('Could not cancel the incomplete plan %s',
                          action_plan.uuid)
        raise
    if not planned_actions:
        action_plan.state = objects.action_plan.State.SUCCEEDED
        action_plan.save()
    return action_plan
