#!/usr/bin/env python3
"""Write results/run.md from a 'make run' report.

    results.py build/run/report.txt results/run.md

The report carries the date, host, QEMU mode and kernel; the bench lines
come from the cpu_alloc_bench module, which timed both allocators in the
same boot, interleaved.
"""
import re
import sys

src, dst = sys.argv[1], sys.argv[2]
lines = open(src).read().splitlines()
head = [l for l in lines if not l.startswith('bench ')]
rows = {}
for l in lines:
    m = re.match(r'bench area=(\S+) size=(\d+) allocator=(\S+) runs=(\d+) pairs=(\d+) '
                 r'ns_per_pair min=(\S+) median=(\S+) max=(\S+)', l)
    if m:
        area, size, alloc, runs, pairs, lo, med, hi = m.groups()
        rows.setdefault((area, int(size)), {})[alloc] = (float(lo), float(med), float(hi))
        rows[(area, int(size))]['runs'] = (runs, pairs)

out = ['# make run results', '',
       'Made by `make run` (guest test `guest/tests/80-bench.sh`, module',
       '`mm/cpu_alloc_bench.c`): both allocators timed in the same boot, runs',
       'interleaved. ns per alloc+free pair, min / median / max over the runs.',
       '"cpu_alloc" is cpu_alloc(__GFP_ZERO)+cpu_free(), the same work as',
       'the chunk allocator alone ("chunk": pcpu_chunk_alloc()+free_percpu()),',
       'which always zeroes; "no zeroing" is __cpu_alloc()+__cpu_free();',
       '"alloc_percpu" is __alloc_percpu()+free_percpu(), which the series serves',
       'from the area. The speedup is chunk over cpu_alloc.',
       'Under TCG absolute times mean little; the ratio is what counts.', '',
       '```']
out += head
out += ['```', '',
        '| area | size (bytes) | cpu_alloc ns/pair | cpu_alloc, no zeroing | alloc_percpu ns/pair | chunk ns/pair | speedup (median) |',
        '|---|---:|---:|---:|---:|---:|---:|']
for (area, size) in sorted(rows, key=lambda k: (k[0] != 'clean', k[1])):
    r = rows[(area, size)]
    if 'cpu_alloc' not in r or 'chunk' not in r:
        continue
    c, k = r['cpu_alloc'], r['chunk']
    w = r.get('cpu_alloc_raw', (0, 0, 0))
    a = r.get('alloc_percpu', (0, 0, 0))
    out.append('| %s | %d | %.0f / %.0f / %.0f | %.0f / %.0f / %.0f | %.0f / %.0f / %.0f | %.0f / %.0f / %.0f | %.1fx |' % (
        area, size, c[0], c[1], c[2], w[0], w[1], w[2], a[0], a[1], a[2], k[0], k[1], k[2], k[1] / c[1]))
if rows:
    runs, pairs = next(iter(rows.values()))['runs']
    out += ['', '%s runs of %s pairs per size and allocator.' % (runs, pairs)]
open(dst, 'w').write('\n'.join(out) + '\n')
print('\n'.join(out[len(head) + 9:]))
