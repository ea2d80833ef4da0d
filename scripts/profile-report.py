#!/usr/bin/env python3
"""Where a workload's instructions go, kernel against kernel.

    profile-report.py WORKLOAD [TOP] NAME=BOOTDIR[:OBJECT]...

Each BOOTDIR is a make bench instruction-count boot made with the plugin's
map= argument (PROFILE=1): console.log names every interval ('icount:
workload=W ops=N'), plugin.log has the interval's 'profile: insns=N fn=F'
lines before its 'icount: insns=N' line. For WORKLOAD, the counted runs
(warm-ups left out) are summed per function and divided by their
operations; the TOP functions (default 25) by the largest difference
between the first boot and any other are printed as a markdown table of
instructions per operation, with each boot's total. With OBJECT (an
object file of that boot's kernel, e.g. its mm/percpu.o), a last row sums
the functions OBJECT defines and gives their share of the total (what
those functions execute; the locks and helpers they call count in their
own functions, so it is not an upper bound). Exits 1 when a boot's labels and
intervals do not pair up.
"""
import os
import re
import subprocess
import sys

LABEL = re.compile(r'icount: workload=(\S+) ops=(\d+)')
PROF = re.compile(r'^profile: insns=(\d+) fn=(\S+)')
COUNT = re.compile(r'^icount: insns=(\d+)')


def read(d, workload):
    labels = [(m.group(1), int(m.group(2)))
              for m in (LABEL.search(l) for l in open(os.path.join(d, 'console.log'),
                                                        errors='replace')) if m]
    intervals, cur = [], {}
    for line in open(os.path.join(d, 'plugin.log'), errors='replace'):
        m = PROF.match(line)
        if m:
            cur[m.group(2)] = cur.get(m.group(2), 0) + int(m.group(1))
            continue
        m = COUNT.match(line)
        if m:
            intervals.append((int(m.group(1)), cur))
            cur = {}
    if len(labels) != len(intervals):
        sys.exit('profile-report: %s: %d labels, %d intervals: not paired'
                 % (d, len(labels), len(intervals)))
    fns, ops, total = {}, 0, 0
    for (wl, n), (insns, prof) in zip(labels, intervals):
        if wl != workload:
            continue
        if not prof:
            sys.exit('profile-report: %s: no profile lines (boot without map=?)' % d)
        ops += n
        total += insns
        for f, c in prof.items():
            fns[f] = fns.get(f, 0) + c
    if not ops:
        sys.exit('profile-report: %s: no interval of workload %s' % (d, workload))
    return {f: c / ops for f, c in fns.items()}, total / ops


def defined(obj):
    """The function symbols OBJECT defines, static ones included."""
    out = subprocess.run(['nm', '--defined-only', obj], check=True,
                         capture_output=True, text=True).stdout
    fields = (l.split() for l in out.splitlines())
    return {f[2] for f in fields if len(f) == 3 and f[1] in 'tTwW'}


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    workload = args.pop(0)
    top = int(args.pop(0)) if args[0].isdigit() else 25
    boots = [a.split('=', 1) for a in args]
    if any(len(b) != 2 for b in boots):
        sys.exit('profile-report: boots are NAME=DIR[:OBJECT]')
    objs = [b[1].split(':', 1)[1] if ':' in b[1] else None for b in boots]
    boots = [(n, d.split(':', 1)[0]) for n, d in boots]
    data = [read(d, workload) for _, d in boots]
    fns = set().union(*(p for p, _ in data))
    base = data[0][0]

    def weight(f):
        diff = max((abs(p.get(f, 0) - base.get(f, 0)) for p, _ in data[1:]), default=0)
        return (diff, max(p.get(f, 0) for p, _ in data))

    chosen = sorted(fns, key=weight, reverse=True)[:top]
    print('%s, instructions per operation by function (the %d with the largest '
          'difference from %s)\n' % (workload, len(chosen), boots[0][0]))
    print('| function | ' + ' | '.join(n for n, _ in boots) + ' |')
    print('|---|' + '---:|' * len(boots))
    for f in chosen:
        print('| %s | ' % f + ' | '.join('{:,.0f}'.format(p.get(f, 0)) for p, _ in data) + ' |')
    print('| **total** | ' + ' | '.join('**{:,.0f}**'.format(t) for _, t in data) + ' |')
    if any(objs):
        name = os.path.basename(next(o for o in objs if o))
        row, syms_of = [], {}
        for (p, t), o in zip(data, objs):
            if not o:
                row.append('-')
                continue
            # the patched and percpu_cache=off boots share one object
            if o not in syms_of:
                syms_of[o] = defined(o)
            syms = syms_of[o]
            own = sum(c for f, c in p.items() if f in syms)
            row.append('{:,.0f} ({:.1%})'.format(own, own / t))
        print('| all of %s (share of total) | ' % name + ' | '.join(row) + ' |')


main()
