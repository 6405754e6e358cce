"""Policy enforcement for the Watcher API (oslo.policy, namespace watcher).

Credentials are ``context.to_dict()``; the default target is the caller's
own ``{project_id, user_id}``. A denial raises
``exception.PolicyNotAuthorized`` (HTTP 403, "Policy doesn't allow <rule> to
be performed.").
"""
import collections.abc
import threading

from oslo_config import cfg
from oslo_policy import policy

from watcher.common import exception
from watcher.common import policies
from watcher import conf

CONF = conf.CONF

_ENFORCER = None
_ENFORCER_LOCK = threading.Lock()


def init(policy_file=None, rules=None, default_rule=None, use_conf=True):
    """Create the global enforcer (once) and register the default rules.

    :param policy_file: custom policy file, else [oslo_policy] policy_file.
    :param rules: default dict of rules (mostly for tests).
    :param default_rule: rule used when a requested rule is missing.
    :param use_conf: load rules from the policy file.
    """
    global _ENFORCER
    with _ENFORCER_LOCK:
        if _ENFORCER is None:
            enforcer = policy.Enforcer(CONF, policy_file=policy_file,
                                       rules=rules,
                                       default_rule=default_rule,
                                       use_conf=use_conf)
            enforcer.register_defaults(policies.list_rules())
            _ENFORCER = enforcer
    return _ENFORCER


def reset():
    """Forget the global enforcer (tests; a new policy file)."""
    global _ENFORCER
    with _ENFORCER_LOCK:
        if _ENFORCER is not None:
            _ENFORCER.clear()
        _ENFORCER = None


def get_enforcer():
    """Entry point of oslo.policy tools (oslopolicy-* commands)."""
    try:
        CONF.config_file  # only defined once the command line was parsed
    except cfg.NoSuchOptError:
        CONF([], project='watcher')
    return init()


def default_target(context):
    return {'project_id': context.project_id, 'user_id': context.user_id}


def enforce(context, rule, target=None, do_raise=True, exc=None):
    """Check ``rule`` for ``context`` on ``target``.

    :returns: True if allowed; False if denied and ``do_raise`` is False.
    :raises: PolicyNotAuthorized (or ``exc``) when denied and ``do_raise``.
    """
    enforcer = init()
    credentials = context.to_dict()
    if target is None:
        target = default_target(context)
    elif (not isinstance(target, collections.abc.Mapping) and
            hasattr(target, 'as_dict')):
        target = target.as_dict()  # a Watcher object (show/update/delete)
    if exc is None:
        exc = exception.PolicyNotAuthorized
    return enforcer.enforce(rule, target, credentials, do_raise=do_raise,
                            exc=exc, action=rule)
