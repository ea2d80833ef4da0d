#!/usr/bin/env python3
"""Stock against stock + patch 0001, instructions per operation.

    zero-report.py BENCHDIR ZERODIR

BENCHDIR: make bench's boots (icount-smp<S>-round1-stock); ZERODIR:
scripts/wip/icount-zero.sh's (icount-smp<S>-round1-zero). Markdown out.
"""
import glob
import os
import re
import statistics
import sys

LABEL = re.compile(r'icount: workload=(\S+) ops=(\d+)')
COUNT = re.compile(r'^icount: insns=(\d+)')


def boot(d):
    labels = [(m.group(1), int(m.group(2))) for m in
              (LABEL.search(l) for l in open(os.path.join(d, 'console.log'), errors='replace')) if m]
    counts = [int(m.group(1)) for m in (COUNT.match(l) for l in open(os.path.join(d, 'plugin.log'))) if m]
    if len(labels) != len(counts):
        sys.exit('%s: %d labels, %d counts' % (d, len(labels), len(counts)))
    per = {}
    for (wl, ops), c in zip(labels, counts):
        if not wl.startswith('warmup-'):
            per.setdefault(wl, []).append(c / ops)
    return per


bench, zero = sys.argv[1], sys.argv[2]
data = {}
for kind, base in (('stock', bench), ('zero', zero)):
    for d in glob.glob(os.path.join(base, 'icount-smp*-round1-%s' % kind)):
        s = int(re.search(r'smp(\d+)', os.path.basename(d)).group(1))
        data[(kind, s)] = boot(d)
smps = sorted({s for _, s in data})
wls = ['pair_percpu_4', 'pair_percpu_16', 'pair_percpu_64', 'pair_percpu_256',
       'fork', 'exec', 'memcg', 'mount', 'netns', 'tc']


def med(kind, s, wl):
    v = data.get((kind, s), {}).get(wl)
    return statistics.median(v) if v else None


def mmm(kind, s, wl):
    v = data.get((kind, s), {}).get(wl)
    return '{:,.0f} / {:,.0f} / {:,.0f}'.format(min(v), statistics.median(v), max(v)) if v else '-'


print('| operation | possible CPUs | stock | stock + 0001 | ratio |')
print('|---|---:|---:|---:|---:|')
for wl in wls:
    for s in smps:
        a, b = med('stock', s, wl), med('zero', s, wl)
        if a is None and b is None:
            continue
        print('| %s | %d | %s | %s | %s |' % (wl, s, mmm('stock', s, wl), mmm('zero', s, wl),
                                             '%.3f' % (b / a) if a and b else '-'))
print()
lo, hi = smps[0], smps[-1]
for wl in ['pair_percpu_16', 'pair_percpu_64']:
    sl = []
    for kind in ('stock', 'zero'):
        a, b = med(kind, lo, wl), med(kind, hi, wl)
        sl.append('-' if a is None or b is None else '%.1f' % ((b - a) / (hi - lo)))
    print('- %s, instructions added per possible CPU (%d to %d): stock %s, stock + 0001 %s' %
          (wl, lo, hi, sl[0], sl[1]))
