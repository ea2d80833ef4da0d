#!/usr/bin/env python3
"""Turn the boots of 'make bench' into tables, a CSV and plots.

    bench-report.py BENCHDIR OUTDIR

BENCHDIR holds round<r>-<kernel>/console.log for the kernels stock,
patched and patched-off, plus meta.txt, accel.txt, size-*.txt. OUTDIR gets
raw.csv (every run), README.md (the tables) and PNG plots (gnuplot).
BENCHDIR/icount.md (scripts/icount-report.py), when present, leads README.md.
"""
import csv
import glob
import os
import re
import statistics
import subprocess
import sys

src, dst = sys.argv[1], sys.argv[2]
os.makedirs(dst, exist_ok=True)
KERNELS = ['stock', 'patched', 'patched-off']
meta = dict(l.split(': ', 1) for l in open(os.path.join(src, 'meta.txt')).read().splitlines())
accel = open(os.path.join(src, 'accel.txt')).read().strip()

# ---- collect every run -------------------------------------------------
rows = []   # (round, kernel, workload, params, run, metric, value)
guest_re = re.compile(r'^bench: workload=(\S+)(?: run=(\d+))? metric=(\S+) value=(\S+)')
mod_re = re.compile(r'percpu_bench: test=(\S+) (.*) run=(\d+) unit=(\S+) value=(\S+)')
pack_re = re.compile(r'(type-like|arbitrary) sizes: (\d+) of (\d+) units in use')
packing = {}
for d in sorted(glob.glob(os.path.join(src, 'round*-*'))):
    m = re.match(r'round(\d+)-(.*)', os.path.basename(d))
    rnd, kernel = int(m.group(1)), m.group(2)
    for line in open(os.path.join(d, 'console.log'), errors='replace'):
        line = line.strip().replace('\r', '')
        g = guest_re.match(line)
        if g:
            rows.append((rnd, kernel, g.group(1), '', g.group(2) or '0', g.group(3), float(g.group(4))))
            continue
        g = mod_re.search(line)
        if g:
            rows.append((rnd, kernel, g.group(1), g.group(2), g.group(3), g.group(4), float(g.group(5))))
            continue
        g = pack_re.search(line)
        if g:
            packing[g.group(1)] = (int(g.group(2)), int(g.group(3)))

with open(os.path.join(dst, 'raw.csv'), 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['round', 'kernel', 'workload', 'params', 'run', 'metric', 'value'])
    w.writerows(rows)


def values(kernel, workload, metric, params=''):
    return [r[6] for r in rows if r[1] == kernel and r[2] == workload and
            r[5] == metric and r[3] == params]


def mmm(v):
    return (min(v), statistics.median(v), max(v)) if v else None


def fmt(t, prec=0):
    if not t:
        return '-'
    return ' / '.join('%.*f' % (prec, x) for x in t)


def ratio(a, b, prec=2):
    return '%.*f' % (prec, a[1] / b[1]) if a and b and b[1] else '-'


stamp = '%s, QEMU %s, -smp %s, %s, %s' % (meta['kernel'], accel, meta['smp'],
                                         meta['host'], meta['date'])
nrounds = len({r[0] for r in rows})
out = ['# make bench results', '',
       'Made by `%s` (scripts/bench.sh, scripts/bench-report.py); instruction counts '
       'at -smp %s with ICOUNT_RUNS=%s, %s, guest memory 1024 MiB.' % (
           meta['command'], meta.get('icount_smp', '-'), meta.get('icount_runs', '-'),
           meta.get('qemu', 'QEMU')),
       '%s. %d round(s); each round boots the stock kernel, the patched one and the '
       'patched one with `percpu_cache=off`, in that order. Figures are min / median / max '
       'over every run of every round; ratios compare medians. Every run is in '
       '[raw.csv](raw.csv). Under %s absolute times mean little: compare within a table.'
       % (stamp, nrounds, accel), '']
# The instruction counts come first: they repeat across boots, the times
# below do not (scripts/icount-report.py wrote this part).
icount_md = os.path.join(src, 'icount.md')
if os.path.exists(icount_md):
    out.extend(open(icount_md).read().splitlines())
    out.extend(['## Wall-clock times', '',
                'The kind of timing a user with KVM would take (none was taken under KVM '
                'here); each round boots stock, patched and percpu_cache=off in that fixed '
                'order. Under TCG the medians of different boots of '
                'one kernel differ by more than the kernels do (compare round by round in '
                '[raw.csv](raw.csv)): read the instruction counts above for stock against '
                'patched, and these for ratios within one boot.', ''])

# ---- hackbench and fork ------------------------------------------------
def kernel_table(title, workloads, metric, better, prec):
    out.extend(['### %s' % title, '',
                '| workload | kernel | %s (min / median / max) | vs stock (median) |' % metric,
                '|---|---|---:|---:|'])
    for wl in workloads:
        base = mmm(values('stock', wl, metric))
        for k in KERNELS:
            t = mmm(values(k, wl, metric))
            out.append('| %s | %s | %s | %s |' % (wl, k, fmt(t, prec), ratio(t, base)))
    out.extend(['', better, ''])


kernel_table('hackbench -g 10 -l 200', ['hackbench_process', 'hackbench_thread'], 'seconds',
             'Lower is better; target: patched median within 1% of stock or better.', 3)
kernel_table('fork+exit and fork+exec (static forkloop, 1000 per run)', ['fork_fork', 'fork_exec'],
             'per_second', 'Higher is better; target: at least stock.', 0)

# ---- per-CPU alloc+free pairs -------------------------------------------
sizes = [4, 16, 64, 256]
out.extend(['### Per-CPU alloc+free pairs (percpu_bench module)', '',
            '"percpu" is `__alloc_percpu()`+`free_percpu()`: the chunk allocator on stock and '
            'with `percpu_cache=off`, the cpu_alloc area on the patched kernel. "chunk" is the chunk '
            'allocator alone and "cpu_alloc" is `cpu_alloc(__GFP_ZERO)`+`cpu_free()`, both '
            'timed in the same boots of the patched kernel. ns per pair.', '',
            '| size | stock percpu | patched percpu | patched chunk | patched cpu_alloc | '
            'chunk / cpu_alloc (same boot) | chunk / percpu (same boot) | stock / patched percpu |',
            '|---:|---:|---:|---:|---:|---:|---:|---:|'])
lat = {}
for s in sizes:
    p = 'allocator=%s size=%d'
    st = mmm(values('stock', 'pair', 'ns_per_pair', p % ('percpu', s)))
    pa = mmm(values('patched', 'pair', 'ns_per_pair', p % ('percpu', s)))
    ch = mmm(values('patched', 'pair', 'ns_per_pair', p % ('chunk', s)))
    ca = mmm(values('patched', 'pair', 'ns_per_pair', p % ('cpu_alloc', s)))
    lat[s] = (st, pa, ch, ca)
    out.append('| %d | %s | %s | %s | %s | %sx | %sx | %sx |' % (
        s, fmt(st), fmt(pa), fmt(ch), fmt(ca), ratio(ch, ca, 1), ratio(ch, pa, 1), ratio(st, pa, 1)))
out.extend(['', 'Target: 16-byte pair at least 10x faster through cpu_alloc than through '
            'the chunk allocator.', ''])

# ---- bulk ---------------------------------------------------------------
out.extend(['### Bulk: allocate N objects, then free them in order, in reverse or alternately', '',
            'ns per object, medians; patched kernel, area ("percpu") and chunk allocator in the '
            'same boots; stock is its chunk allocator. 4096 objects of 64 or 256 bytes do not '
            'fit in the 64 KiB area: the rest comes from chunks.', '',
            '| size | N | order | alloc: stock | alloc: patched | alloc: patched chunk | '
            'free: stock | free: patched | free: patched chunk |',
            '|---:|---:|---|---:|---:|---:|---:|---:|---:|'])
bulk_params = sorted({r[3] for r in rows if r[2] == 'bulk'})
combos = sorted({tuple(re.findall(r'(?:size|count|order)=(\S+)', p)) for p in bulk_params},
                key=lambda t: (int(t[0]), int(t[1]), t[2]))
for size, count, order in combos:
    cells = []
    for metric in ['ns_per_alloc', 'ns_per_free']:
        for k, a in [('stock', 'percpu'), ('patched', 'percpu'), ('patched', 'chunk')]:
            t = mmm(values(k, 'bulk', metric, 'allocator=%s size=%s count=%s order=%s' %
                           (a, size, count, order)))
            cells.append('%.0f' % t[1] if t else '-')
    out.append('| %s | %s | %s | %s |' % (size, count, order, ' | '.join(cells)))
out.append('')

# ---- SLUB ---------------------------------------------------------------
out.extend(['### SLUB fast path: kmalloc(64)+kfree pairs', '',
            '| kernel | ns per pair | cycles per pair | vs stock (ns, median) |',
            '|---|---:|---:|---:|'])
sbase = mmm(values('stock', 'slub', 'ns_per_pair', 'size=64'))
for k in KERNELS:
    ns = mmm(values(k, 'slub', 'ns_per_pair', 'size=64'))
    cy = mmm(values(k, 'slub', 'cycles_per_pair', 'size=64'))
    out.append('| %s | %s | %s | %s |' % (k, fmt(ns, 1), fmt(cy), ratio(ns, sbase)))
out.extend(['', 'Target: patched no slower than stock.', ''])

# ---- packing, memory, size ------------------------------------------------
out.extend(['## Packing', '',
            'KUnit `cpu_alloc.core_packing_*` on the patched boots: random sizes (4..256 bytes) '
            'and alignments (4..64 bytes) into a 64 KiB area until the first failure.', '',
            '| sizes | units used | of | used |', '|---|---:|---:|---:|'])
for kind, (used, total) in sorted(packing.items(), reverse=True):
    out.append('| %s | %d | %d | %.1f%% |' % (kind, used, total, 100.0 * used / total))
out.extend(['', 'Target: at least 98% (type-like sizes, as `sizeof()` gives).', '',
            '## Per-CPU memory at idle', '',
            '| kernel | /proc/meminfo Percpu (kB) | cpu_bytes |', '|---|---:|---:|'])
for k in KERNELS:
    pk = mmm(values(k, 'memory', 'percpu_kb'))
    cb = mmm(values(k, 'memory', 'cpu_bytes'))
    out.append('| %s | %s | %s |' % (k, '%.0f' % pk[1] if pk else '-', '%.0f' % cb[1] if cb else '-'))
out.extend(['', '## Kernel size (`size vmlinux`)', '',
            '| kernel | text | data | bss |', '|---|---:|---:|---:|'])
sz = {}
for k in ['stock', 'patched']:
    f = os.path.join(src, 'size-%s.txt' % k)
    if os.path.exists(f):
        sz[k] = [int(x) for x in open(f).read().split()[:3]]
        out.append('| %s | %d | %d | %d |' % (k, *sz[k]))
if len(sz) == 2:
    out.append('| difference | %+d | %+d | %+d |' % tuple(b - a for a, b in zip(sz['stock'], sz['patched'])))
out.extend(['', '## Plots', '', '![instructions against stock](icount.png)', '',
            '![latency by object size](latency.png)', '',
            '![hackbench by kernel](hackbench.png)', '', '![fork rates by kernel](fork.png)', ''])
open(os.path.join(dst, 'README.md'), 'w').write('\n'.join(out) + '\n')

# ---- plots -------------------------------------------------------------
def gp(name, data, script):
    dat = os.path.join(dst, '.%s.dat' % name)
    open(dat, 'w').write(data)
    subprocess.run(['gnuplot'], input=('set terminal png size 900,560 font ",10" noenhanced\n'
                                        'set output "%s"\n' % os.path.join(dst, name + '.png') +
                                        script.replace('DATA', '"%s"' % dat)).encode(), check=True)
    os.unlink(dat)


title = 'set title "%s" noenhanced\n' % stamp.replace('"', "'")
data = ''.join('%d %s\n' % (s, ' '.join('%.1f' % (t[1] if t else float('nan')) for t in lat[s]))
               for s in sizes)
gp('latency', data, title + '''set xlabel "object size (bytes)"
set ylabel "ns per alloc+free pair (median)"
set logscale x 2
set logscale y
set key top left
set grid
plot DATA u 1:2 w lp t "stock: alloc_percpu (chunks)", \\
     DATA u 1:3 w lp t "patched: alloc_percpu (area)", \\
     DATA u 1:4 w lp t "patched: chunk allocator", \\
     DATA u 1:5 w lp t "patched: cpu_alloc()"
''')


def bars(name, workloads, metric, ylabel):
    data = ''
    for i, k in enumerate(KERNELS):
        cols = []
        for wl in workloads:
            t = mmm(values(k, wl, metric)) or (0, 0, 0)
            cols += ['%.3f %.3f %.3f' % (t[1], t[0], t[2])]
        data += '"%s" %s\n' % (k, ' '.join(cols))
    plot = 'DATA u 2:3:4:xtic(1) t "%s"' % workloads[0]
    for i, wl in enumerate(workloads[1:], 1):
        plot += ', "" u %d:%d:%d t "%s"' % (2 + 3 * i, 3 + 3 * i, 4 + 3 * i, wl)
    gp(name, data, title + '''set style data histogram
set style histogram errorbars gap 2 lw 1
set style fill solid 0.6 border -1
set ylabel "%s (median, bars: min..max)"
set yrange [0:*]
set grid y
plot %s
''' % (ylabel, plot))


bars('hackbench', ['hackbench_process', 'hackbench_thread'], 'seconds', 'hackbench seconds')
bars('fork', ['fork_fork', 'fork_exec'], 'per_second', 'per second')
print('\n'.join(out))
