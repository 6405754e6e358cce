#!/usr/bin/env python3
"""Draw per-host utilisation before and after the action plan (PNG).

Two panels, one bar pair per host: CPU busy (measured) and RAM allocated
(flavors of the servers the host runs), from two cloud_snapshot.py files.

    chart.py BEFORE.json AFTER.json OUT.png [--title TEXT]
"""
import argparse
import json
import sys

BEFORE_COLOUR = '#9aa7b8'
AFTER_COLOUR = '#2f6db5'
PANELS = (('cpu_utilisation', 'CPU busy (%)'),
          ('ram_allocated', 'RAM allocated (%)'))


def draw(before, after, out, title=None):
    import matplotlib
    matplotlib.use('Agg')  # no display needed
    from matplotlib import pyplot

    hosts = [name for name in before['hosts'] if name in after['hosts']]
    positions = range(len(hosts))
    width = 0.4
    figure, axes = pyplot.subplots(
        len(PANELS), 1, figsize=(max(6.0, 0.9 * len(hosts) + 2), 6.5),
        sharex=True)
    for axis, (key, label) in zip(axes, PANELS):
        for offset, snapshot, colour, name in (
                (-width / 2, before, BEFORE_COLOUR, 'before'),
                (width / 2, after, AFTER_COLOUR, 'after')):
            values = [snapshot['hosts'][h][key] for h in hosts]
            bars = axis.bar([p + offset for p in positions], values, width,
                            color=colour, label=name)
            axis.bar_label(bars, fmt='%.0f', fontsize=7, padding=1)
        axis.set_ylabel(label)
        axis.set_ylim(0, 110)
        axis.grid(axis='y', alpha=0.3)
    axes[0].legend(loc='upper right', ncol=2, fontsize=8)
    axes[-1].set_xticks(list(positions))
    axes[-1].set_xticklabels(
        ['%s\n%d -> %d VMs' % (h, len(before['hosts'][h]['servers']),
                               len(after['hosts'][h]['servers']))
         for h in hosts], fontsize=8)
    used = [sum(1 for h in s['hosts'].values() if h['servers'])
            for s in (before, after)]
    figure.suptitle('%s\nhosts running servers: %d before, %d after'
                    % (title or 'Per-host utilisation', used[0], used[1]),
                    fontsize=10)
    figure.tight_layout()
    figure.savefig(out, dpi=110)
    pyplot.close(figure)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('before_json')
    parser.add_argument('after_json')
    parser.add_argument('out_png')
    parser.add_argument('--title')
    args = parser.parse_args(argv)
    try:
        with open(args.before_json, encoding='utf-8') as stream:
            before = json.load(stream)
        with open(args.after_json, encoding='utf-8') as stream:
            after = json.load(stream)
        draw(before, after, args.out_png, args.title)
    except ImportError as exc:
        print('chart: matplotlib is not installed (%s)' % exc,
              file=sys.stderr)
        return 1
    except (OSError, ValueError, KeyError) as exc:
        print('chart: cannot draw %s: %s' % (args.out_png, exc),
              file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
