"""Check every registered option value at once.

oslo.config stops at the first bad value when it parses (services then
exit with that one error); these helpers list *every* bad value, which is
what the tests use to prove the generated sample and an operator's
reference-style watcher.conf load cleanly.
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
