"""``POST /v1/audits``: the audit creation algorithm (contract section 8).

Order: type/goal/template/interval/time checks, template inheritance
(goal, strategy, scope, default_parameters under the user's parameters),
name generation, goal/strategy resolution, parameter validation against
the strategy schema (defaults injected), UTC conversion of the times,
insert, and for ONESHOT audits a ``trigger_audit`` cast to the decision
engine.
"""

import datetime

from oslo_utils import timeutils
from wsme import types as wtypes

from watcher._i18n import _
from watcher.api.controllers import microversion
from watcher.api.controllers.v1 import audit_checks
from watcher.api.controllers.v1 import parameters
from watcher.api.controllers.v1 import resolve
from watcher.api.controllers.v1 import types
from watcher.api.controllers.v1 import utils as api_utils
from watcher.api.controllers.v1 import versions
from watcher.common import exception
from watcher.decision_engine import rpcapi
from watcher import objects

NAME_MAX_LENGTH = 63


class AuditPostType(wtypes.Base):
    """Body of ``POST /v1/audits``."""

    name = wtypes.wsattr(wtypes.text, mandatory=False)
    audit_template_uuid = wtypes.wsattr(types.uuid, mandatory=False)
    goal = wtypes.wsattr(wtypes.text, mandatory=False)
    strategy = wtypes.wsattr(wtypes.text, mandatory=False)
    audit_type = wtypes.wsattr(wtypes.text, mandatory=True)
    state = wtypes.wsattr(wtypes.text, readonly=True)
    parameters = wtypes.wsattr({wtypes.text: types.jsontype},
                               mandatory=False, default={})
    interval = wtypes.wsattr(types.jsontype, mandatory=False)
    scope = wtypes.wsattr(types.jsontype, readonly=True)
    auto_trigger = wtypes.wsattr(types.boolean, mandatory=False,
                                 default=False)
    hostname = wtypes.wsattr(wtypes.text, readonly=True, mandatory=False)
    start_time = wtypes.wsattr(datetime.datetime, mandatory=False)
    end_time = wtypes.wsattr(datetime.datetime, mandatory=False)
    force = wtypes.wsattr(types.boolean, mandatory=False, default=False)


def _given(value):
    """None for unset/null body attributes."""
    return None if value is wtypes.Unset else value


def _check_body(body):
    """Step 3: type, goal/template, interval and time rules."""
    audit_type = body.audit_type
    kinds = objects.audit.AuditType
    if audit_type not in (kinds.ONESHOT, kinds.CONTINUOUS, kinds.EVENT):
        raise exception.AuditTypeNotFound(audit_type=audit_type)
    template_uuid = _given(body.audit_template_uuid)
    goal = _given(body.goal)
    if not template_uuid and not goal:
        raise exception.Invalid(
            _('A valid goal or audit_template_id must be provided'))
    if template_uuid and goal:
        raise exception.Invalid(
            _('Either audit_template_uuid or goal should be provided.'))
    interval = _given(body.interval)
    if audit_type == kinds.ONESHOT and interval not in (None, ''):
        raise exception.AuditIntervalNotAllowed(audit_type=audit_type)
    if audit_type == kinds.CONTINUOUS and interval in (None, ''):
        raise exception.AuditIntervalNotSpecified(audit_type=audit_type)
    timed = _given(body.start_time) or _given(body.end_time)
    if audit_type == kinds.ONESHOT and timed:
        raise exception.AuditStartEndTimeNotAllowed(audit_type=audit_type)
    if timed and not microversion.allows(
            versions.VERSIONS.MINOR_1_START_END_TIMING):
        raise exception.NotAcceptable()


def _from_template(body, request):
    """Step 4: inherit what the request did not give from the template."""
    template_uuid = _given(body.audit_template_uuid)
    if not template_uuid:
        return None
    try:
        template = objects.AuditTemplate.get_by_uuid(api_utils.context(),
                                                     template_uuid)
    except exception.AuditTemplateNotFound:
        raise exception.Invalid(
            _('The audit template UUID or name specified is invalid'))
    if request['goal'] is None:
        request['goal'] = str(template.goal_id)
    if request['strategy'] is None and template.strategy_id is not None:
        request['strategy'] = str(template.strategy_id)
    if request['scope'] is None:
        request['scope'] = list(template.scope or [])
    if template.default_parameters:
        merged = dict(template.default_parameters)
        merged.update(request['parameters'])
        request['parameters'] = merged
    return template


def _generate_name(request, template):
    """Step 5: ``<strategy|template|goal name>-<naive UTC isoformat>``.

    NOTE: unknown goal/strategy here are 404s, as in the reference.
    """
    now = timeutils.utcnow().isoformat()
    if request['strategy'] is not None:
        prefix = api_utils.get_resource(objects.Strategy,
                                        request['strategy']).name
    elif template is not None:
        prefix = template.name
    else:
        prefix = api_utils.get_resource(objects.Goal, request['goal']).name
    return '%s-%s' % (prefix, now)


def _check_parameters(strategy, values):
    """Step 7: validate against the strategy schema, injecting defaults."""
    schema = strategy.parameters_spec if strategy is not None else None
    if schema:
        parameters.validate_audit_parameters(schema, values)
    elif values:
        raise exception.Invalid(
            _('Specify parameters but no predefined strategy for audit, or '
              'no parameter spec in predefined strategy'))
    return values


def create(body):
    """Create the audit described by ``body``; returns the new object."""
    _check_body(body)
    interval = audit_checks.validate_interval(_given(body.interval))
    request = {'goal': _given(body.goal), 'strategy': _given(body.strategy),
               'scope': None,
               'parameters': dict(_given(body.parameters) or {})}
    template = _from_template(body, request)

    name = _given(body.name)
    if not name:
        name = _generate_name(request, template)
    name = name[:NAME_MAX_LENGTH]

    goal = resolve.goal(request['goal'])
    strategy = None
    if request['strategy'] is not None:
        strategy = resolve.strategy(request['strategy'])
    values = _check_parameters(strategy, request['parameters'])

    new_audit = objects.Audit(
        api_utils.context(),
        name=name,
        audit_type=body.audit_type,
        state=objects.audit.State.PENDING,
        parameters=values,
        interval=interval,
        scope=request['scope'] or [],
        goal_id=goal.id,
        strategy_id=strategy.id if strategy else None,
        auto_trigger=bool(_given(body.auto_trigger)),
        start_time=audit_checks.to_utc_naive(_given(body.start_time)),
        end_time=audit_checks.to_utc_naive(_given(body.end_time)),
        force=bool(_given(body.force)))
    new_audit.create()

    if new_audit.audit_type == objects.audit.AuditType.ONESHOT:
        rpcapi.DecisionEngineAPI().trigger_audit(api_utils.context(),
                                                 new_audit.uuid)
    return new_audit
