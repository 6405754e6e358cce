"""Default policy rules of the ``watcher`` oslo.policy namespace."""
import itertools

from watcher.common.policies import action
from watcher.common.policies import action_plan
from watcher.common.policies import audit
from watcher.common.policies import audit_template
from watcher.common.policies import base
from watcher.common.policies import data_model
from watcher.common.policies import goal
from watcher.common.policies import scoring_engine
from watcher.common.policies import service
from watcher.common.policies import strategy
from watcher.common.policies import webhook


def list_rules():
    """Every default rule: base rules first, then resources A to Z."""
    return list(itertools.chain(
        base.list_rules(),
        action.list_rules(),
        action_plan.list_rules(),
        audit.list_rules(),
        audit_template.list_rules(),
        data_model.list_rules(),
        goal.list_rules(),
        scoring_engine.list_rules(),
        service.list_rules(),
        strategy.list_rules(),
        webhook.list_rules(),
    ))
