#!/usr/bin/env python3
"""Instructions per operation of make bench's module workloads in two boots.

    icount-compare.py BEFORE_DIR AFTER_DIR [REGEX]

Each directory is a qemu-run.sh output of a boot with PLUGIN=icount.so and
guest.mode=icount guest.workloads=module: console.log names the workloads
("icount: workload=NAME ops=N"), plugin.log has one "icount: insns=N" per
workload, in the same order. Warm-up runs are left out. Prints a Markdown
table of min / median / max per workload and the ratio of the medians.
"""
import collections
import re
import statistics
import sys


def load(d):
    with open(d + '/console.log', errors='replace') as f:
        names = re.findall(r'icount: workload=(\S+) ops=(\d+)', f.read())
    with open(d + '/plugin.log') as f:
        counts = [int(x) for x in re.findall(r'icount: insns=(\d+)', f.read())]
    if len(names) != len(counts):
        sys.exit('%s: %d workloads, %d counts' % (d, len(names), len(counts)))
    per_op = collections.defaultdict(list)
    for (name, ops), count in zip(names, counts):
        if not name.startswith('warmup-'):
            per_op[name].append(count / int(ops))
    return per_op


def mmm(v):
    return '%.0f / %.0f / %.0f' % (min(v), statistics.median(v), max(v))


def main():
    before, after = load(sys.argv[1]), load(sys.argv[2])
    pattern = re.compile(sys.argv[3] if len(sys.argv) > 3 else '.')
    print('| workload | before (min / median / max) | after | after / before |')
    print('|---|---|---|---|')
    for name, b in before.items():
        a = after.get(name)
        if a and pattern.search(name):
            print('| %s | %s | %s | %.3f |' % (name, mmm(b), mmm(a),
                                            statistics.median(a) / statistics.median(b)))


main()
