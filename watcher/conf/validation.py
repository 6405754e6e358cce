"""Eager check of every registered option value.

oslo.config parses a value only when it is first read, so a typo such as
``[api] port = abc`` would otherwise surface deep inside a service. Services
call ``check_values(CONF)`` right after parsing to fail at start with every
bad option named.
"""
from oslo_config import cfg


def find_invalid_values(conf):
    """Return one message per registered option whose value is invalid."""
    problems = []
    for name in sorted(conf):
        try:
            value = conf[name]
        except (cfg.ConfigFileValueError, ValueError) as error:
            problems.append('[DEFAULT] %s: %s' % (name, error))
            continue
        if not isinstance(value, cfg.ConfigOpts.GroupAttr):
            continue
        for opt_name in sorted(value):
            try:
                value[opt_name]
            except (cfg.ConfigFileValueError, ValueError) as error:
                problems.append('[%s] %s: %s' % (name, opt_name, error))
    return problems


def check_values(conf):
    """Raise ``cfg.ConfigFileValueError`` listing every invalid value."""
    problems = find_invalid_values(conf)
    if problems:
        raise cfg.ConfigFileValueError(
            'Invalid configuration values:\n' + '\n'.join(problems))
