#!/usr/bin/env python3
"""Plain-text tables of the quickstart: the action plan and the cloud.

    tables.py plan PLAN.json ACTIONS.json   # from "openstack optimize
                                            # actionplan show / action list
                                            # --detail -f json"
    tables.py cloud BEFORE.json AFTER.json  # two cloud_snapshot.py outputs
"""
import argparse
import json
import sys


def render(headers, rows, align=None, subheaders=None):
    """A table with a header rule; ``align`` is a string of l/r per column.

    ``subheaders`` is an optional second header line.
    """
    align = align or 'l' * len(headers)
    head = [headers] + ([subheaders] if subheaders else [])
    cells = [[str(c) for c in r] for r in head + list(rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row):
        return '  '.join(cell.rjust(w) if a == 'r' else cell.ljust(w)
                         for cell, w, a in zip(row, widths, align)).rstrip()

    rule = '  '.join('-' * w for w in widths)
    return '\n'.join([line(r) for r in cells[:len(head)]] + [rule]
                     + [line(r) for r in cells[len(head):]])


def steps(actions):
    """Step of each action: 1 + the latest step of its parents.

    Actions of the same step may run at the same time.
    """
    by_uuid = {a['UUID']: a for a in actions}
    step = {}

    def of(uuid, seen=()):
        if uuid not in step:
            if uuid in seen:
                raise ValueError('the action plan has a cycle at %s' % uuid)
            parents = [p for p in by_uuid[uuid].get('Parents') or []
                       if p in by_uuid]
            step[uuid] = 1 + max((of(p, seen + (uuid,)) for p in parents),
                                 default=0)
        return step[uuid]

    for action in actions:
        of(action['UUID'])
    return step


def describe(action):
    """(action, resource, what) of one action, for people."""
    params = action.get('Parameters') or {}
    kind = action['Action']
    resource = params.get('resource_name') or params.get('resource_id', '')
    if kind == 'migrate':
        what = '%s -> %s' % (params.get('source_node', '?'),
                             params.get('destination_node') or 'scheduler')
        kind = '%s (%s)' % (kind, params.get('migration_type', 'live'))
    elif kind == 'change_nova_service_state':
        what = 'service %s' % params.get('state', '?')
    elif kind == 'resize':
        what = 'to flavor %s' % params.get('flavor', '?')
    else:
        what = ', '.join('%s=%s' % (k, v) for k, v in sorted(params.items())
                         if k not in ('resource_id', 'resource_name'))
    return kind, resource, what


def plan_table(plan, actions):
    step = steps(actions)
    ordered = sorted(enumerate(actions),
                     key=lambda item: (step[item[1]['UUID']], item[0]))
    rows = []
    for _, action in ordered:
        kind, resource, what = describe(action)
        rows.append((step[action['UUID']], kind, resource, what,
                     action['State']))
    lines = ['Action plan %s (%s, strategy %s): %d action(s)'
             % (plan['UUID'], plan['State'], plan.get('Strategy'),
                len(actions)),
             render(('Step', 'Action', 'Resource', 'Change', 'State'), rows,
                    'rllll'),
             '',
             render(('Efficacy indicator', 'Value', 'Meaning'),
                    [(i['name'], _value(i), i.get('description', ''))
                     for i in (plan.get('Efficacy indicators') or [])]
                    + [('global: %s' % i['name'], _value(i),
                        i.get('description', ''))
                       for i in (plan.get('Global efficacy') or [])],
                    'lrl')]
    return '\n'.join(lines)


def _value(indicator):
    value = indicator.get('value')
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    unit = indicator.get('unit')
    return '%s%s' % (value, ' ' + unit if unit and unit != '%' else
                     unit or '')


def hosts_used(snapshot):
    return sorted(name for name, host in snapshot['hosts'].items()
                  if host['servers'])


def cloud_table(before, after):
    rows = []
    for name in before['hosts']:
        b, a = before['hosts'][name], after['hosts'].get(name)
        if a is None:
            continue
        rows.append((name, len(b['servers']), len(a['servers']),
                     '%.1f%%' % b['ram_allocated'],
                     '%.1f%%' % a['ram_allocated'],
                     '%.1f%%' % b['cpu_utilisation'],
                     '%.1f%%' % a['cpu_utilisation'],
                     _service(b), _service(a)))
    used_before, used_after = hosts_used(before), hosts_used(after)
    emptied = sorted(set(used_before) - set(used_after))
    summary = ('Hosts running servers: %d before, %d after'
               % (len(used_before), len(used_after)))
    if emptied:
        summary += ' (emptied: %s)' % ', '.join(emptied)
    return '\n'.join([
        render(('Host', 'Servers', '', 'RAM allocated', '', 'CPU busy', '',
                'Service', ''), rows, 'lrrrrrrll',
               subheaders=('', 'before', 'after', 'before', 'after', 'before',
                           'after', 'before', 'after')),
        '',
        summary])


def _service(host):
    if host['state'] != 'up':
        return 'down'
    return host['status']


def _load(path):
    with open(path, encoding='utf-8') as stream:
        return json.load(stream)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest='command', required=True)
    plan = sub.add_parser('plan', help='the action plan and its efficacy')
    plan.add_argument('plan_json')
    plan.add_argument('actions_json')
    cloud = sub.add_parser('cloud', help='hosts before and after')
    cloud.add_argument('before_json')
    cloud.add_argument('after_json')
    args = parser.parse_args(argv)
    try:
        if args.command == 'plan':
            print(plan_table(_load(args.plan_json), _load(args.actions_json)))
        else:
            print(cloud_table(_load(args.before_json),
                              _load(args.after_json)))
    except (OSError, ValueError, KeyError) as exc:
        print('tables: cannot read the %s data: %s' % (args.command, exc),
              file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
