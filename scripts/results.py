#!/usr/bin/env python3
"""Write results/run.md from a 'make run' report.

    results.py build/run/report.txt results/run.md

The report carries the date, host, QEMU mode and kernel, then the guest's
'report:' lines (guest/tests/90-report.sh, 20-percpu_cache.sh): percpu
memory, the object cache's counters since boot and hackbench times.
Exits 1 when the report has no object-cache line.
"""
import re
import sys

src, dst = sys.argv[1], sys.argv[2]
lines = open(src).read().splitlines()
cache = None
for l in lines:
    m = re.match(r'percpu_cache enabled=(\d+) limit=(\d+) hits=(\d+) misses=(\d+) '
                 r'frees=(\d+) cached_bytes=(\d+) hit_rate=(\S+)%', l)
    if m:
        cache = m.groups()
out = ['# make run results', '',
       'Made by `make run`: one boot of the patched kernel (guest.mode=run),',
       'its report as printed. The object cache\'s counters run from boot to',
       'the end of the report: requests of at most 256 bytes served from a',
       'magazine (hits) or by the chunks (misses), frees kept in a magazine,',
       'and the bytes per unit cached at the end (`/sys/kernel/debug/percpu_cache`).',
       'Percpu and cpu_bytes are read at the end of the boot, right after',
       '48-sizing removed its 300 memory cgroups: the chunks give their',
       'pages back once they stayed unused for 10 s (patch 2).',
       'Under TCG absolute times mean little.', '', '```']
out += lines
out += ['```', '']
if cache:
    enabled, limit, hits, misses, frees, cached, rate = cache
    out += ['| cache | bound (bytes per unit) | hits | misses | hit rate | frees kept | cached at the end (bytes per unit) |',
            '|---|---:|---:|---:|---:|---:|---:|',
            '| %s | %s | %s | %s | %s%% | %s | %s |' % ('on' if enabled == '1' else 'off',
                                                     limit, hits, misses, rate, frees, cached)]
open(dst, 'w').write('\n'.join(out) + '\n')
print('\n'.join(out))
sys.exit(0 if cache else 1)
