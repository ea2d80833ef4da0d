#!/usr/bin/env python3
"""Turn make bench's instruction-count boots into tables, a CSV and a plot.

    icount-report.py BENCHDIR OUTDIR

BENCHDIR holds icount-smp<S>-round<R>-<kernel>/ and cache-<kernel>/, each
with console.log (the guest names every interval: 'icount: workload=W
ops=N') and plugin.log (the plugin counts it: 'icount: insns=...'), in the
same order. OUTDIR gets icount.csv (every interval) and icount.png;
BENCHDIR gets icount.md, the markdown that bench-report.py puts first in
OUTDIR/README.md. The tables are printed too. Exits 1 when a boot's labels
and counts do not pair up.
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
LABEL = re.compile(r'icount: workload=(\S+) ops=(\d+)')
END = re.compile(r'icount: end workload=(\S+) status=(\S+)')
COUNT = re.compile(r'^icount: insns=(\d+) loads=(\d+) stores=(\d+) l1d_misses=(\d+)')
COVER = re.compile(r'coverage: workload=(\S+) hits=(\d+) misses=(\d+)')
WORKLOADS = [
    ('loop', 'check: a 2-instruction loop in user space, per iteration'),
    ('fork', 'fork+exit'),
    ('exec', 'fork+exec (static binary)'),
    ('vfork', 'vfork+exec (static binary)'),
    ('memcg', 'memcg mkdir+rmdir (cgroup v2, +memory)'),
    ('mount', 'tmpfs mount+umount'),
    ('netns', 'netns create+destroy (unshare, setns back)'),
    ('tc', 'tc matchall filter + gact action, add+del (1/100 of a tc -batch)'),
    ('hackbench_process', 'hackbench -g 4 -l 100 (whole run, start-up included)'),
    ('hackbench_thread', 'hackbench -T -g 4 -l 100 (whole run, start-up included)'),
]
ok = True
rows = []   # smp, round, kernel, workload, run, ops, insns, loads, stores, misses
cover = {}  # (smp, kernel, workload): [hits, misses] over its measured runs


def read_boot(d, smp, rnd, kernel):
    global ok
    labels = []     # [workload, ops, status]; the module prints no end line
    try:
        for line in open(os.path.join(d, 'console.log'), errors='replace'):
            m = LABEL.search(line)
            if m:
                labels.append([m.group(1), int(m.group(2)), 'ok'])
            m = END.search(line)
            if m and labels and labels[-1][0] == m.group(1):
                labels[-1][2] = m.group(2)
            m = COVER.search(line)
            if m and smp:
                c = cover.setdefault((smp, kernel, m.group(1)), [0, 0])
                c[0] += int(m.group(2))
                c[1] += int(m.group(3))
        counts = [tuple(int(x) for x in m.groups())
                  for m in (COUNT.match(l) for l in open(os.path.join(d, 'plugin.log')))
                  if m]
    except OSError as e:
        print('icount-report: %s: %s' % (d, e), file=sys.stderr)
        ok = False
        return
    if len(labels) != len(counts) or not labels:
        print('icount-report: %s: %d labels, %d counts: not paired' %
              (d, len(labels), len(counts)), file=sys.stderr)
        ok = False
        return
    seen = {}
    for (wl, ops, status), c in zip(labels, counts):
        if status != 'ok':
            print('icount-report: %s: %s failed: left out' % (d, wl), file=sys.stderr)
            ok = False
            continue
        if wl.startswith('warmup-'):
            continue
        seen[wl] = seen.get(wl, 0) + 1
        rows.append((smp, rnd, kernel, wl, seen[wl], ops) + c)


for d in sorted(glob.glob(os.path.join(src, 'icount-smp*-round*-*'))):
    m = re.match(r'icount-smp(\d+)-round(\d+)-(.*)', os.path.basename(d))
    read_boot(d, int(m.group(1)), int(m.group(2)), m.group(3))
for d in sorted(glob.glob(os.path.join(src, 'cache-*'))):
    read_boot(d, 0, 1, os.path.basename(d)[len('cache-'):])   # smp 0: the cache boots

with open(os.path.join(dst, 'icount.csv'), 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['smp', 'round', 'kernel', 'workload', 'run', 'ops', 'insns', 'loads',
                'stores', 'l1d_misses'])
    w.writerows(rows)
    # smp 0 marks the boots with the L1D model (-smp 2)


def per_op(smp, kernel, wl, field=6):
    return [r[field] / r[5] for r in rows if r[0] == smp and r[2] == kernel and r[3] == wl]


def mmm(v):
    return (min(v), statistics.median(v), max(v)) if v else None


def fmt(t):
    if not t:
        return '-'
    prec = 1 if t[1] < 1000 else 0
    return ' / '.join('{:,.{p}f}'.format(x, p=prec) for x in t)


def ratio(a, b):
    return '%.3f' % (a[1] / b[1]) if a and b and b[1] else '-'


def spread(t):
    return 100.0 * (t[2] - t[0]) / t[1] if t and t[1] else None


def pct(x):
    return '-' if x is None else '%.1f%%' % x


meta = {}
if os.path.exists(os.path.join(src, 'meta.txt')):
    meta = dict(l.split(': ', 1) for l in open(os.path.join(src, 'meta.txt')).read().splitlines()
                if ': ' in l)
smps = sorted({r[0] for r in rows if r[0]})
boots = {s: len({r[1] for r in rows if r[0] == s}) for s in smps}   # rounds
out = ['## Instructions per operation', '',
       'Every guest instruction QEMU executed in the interval, kernel and user, every vCPU '
       '(not a hardware instructions-retired count: the periodic 250 Hz tick and deferred '
       'work that grow with wall-clock time are in it too), counted by the TCG plugin '
       '`bench/plugin/icount.c` between two marker instructions that '
       '`guest/src/icount.c` (or `percpu_bench icount=1`) executes around each workload '
       '(`guest/tests/70-icount.sh`), divided by the operations in it. QEMU runs every '
       'vCPU on one host thread (`-accel tcg,thread=single`), `-cpu max,-rdrand,-rdseed`, '
       '`nokaslr norandmaps randomize_kstack_offset=off`. Each workload runs once '
       'unmeasured, then %s times per boot; min / median / max over every run of every '
       'boot; ratios compare medians; "spread" is (max - min) / median. A rep-prefixed '
       'string instruction counts once per iteration (as QEMU executes it), so zeroing '
       'and copying count in proportion to their bytes. Operations per interval: fork '
       '500, exec and vfork 200, memcg 100, mount 300, netns 30, tc 100 (one tc -batch, '
       'its own start-up included), hackbench 1; all but hackbench run on CPU 0 '
       '(taskset 1). memcg, mount and tc include a settle time of 200 ms after the last '
       'operation, netns 300 ms (idle but for the RCU callbacks and workers that free '
       'what they allocated). Every interval is in [icount.csv](icount.csv).'
       % (meta.get('icount_runs', 'ICOUNT_RUNS')), '']
summary = {}
for s in smps:
    out.extend(['### -smp %d (%d boot(s) of each kernel, interleaved)' % (s, boots[s]), '',
                '| workload | stock | patched | percpu_cache=off | patched / stock | off / stock '
                '| spread stock / patched / off |',
                '|---|---:|---:|---:|---:|---:|---:|'])
    for wl, title in WORKLOADS:
        t = {k: mmm(per_op(s, k, wl)) for k in KERNELS}
        if not t['stock'] and not t['patched']:
            continue
        sp = ' / '.join(pct(spread(t[k])) for k in KERNELS)
        out.append('| %s | %s | %s | %s | %s | %s | %s |' % (
            title, fmt(t['stock']), fmt(t['patched']), fmt(t['patched-off']),
            ratio(t['patched'], t['stock']), ratio(t['patched-off'], t['stock']), sp))
        summary[(s, wl)] = t
    out.append('')

# ---- the object cache's coverage ----------------------------------------


def coverage(s, wl):
    c = cover.get((s, 'patched', wl))
    return 100.0 * c[0] / (c[0] + c[1]) if c and c[0] + c[1] else None


if any(k[1] == 'patched' for k in cover):
    out.extend(['### Coverage: requests the object cache served', '',
                'Of the allocations of the sizes the cache takes, the share it served '
                'from a magazine, without the chunk allocator\'s mutex or `pcpu_lock`: '
                'hits and misses in `/sys/kernel/debug/percpu_cache`, read before and '
                'after each measured run (outside the marked interval; the warm-up run '
                'is left out), summed over the runs of every boot of the patched kernel. '
                'Requests per run in parentheses.', '',
                '| workload | %s |' % ' | '.join('-smp %d' % s for s in smps),
                '|---|%s' % ('---:|' * len(smps))])
    for wl, title in WORKLOADS:
        if wl == 'loop':
            continue
        cells = []
        for s in smps:
            c, runs = cover.get((s, 'patched', wl)), len(per_op(s, 'patched', wl))
            cells.append('-' if coverage(s, wl) is None else '%.1f%% (%.0f)' % (
                coverage(s, wl), (c[0] + c[1]) / max(runs, 1)))
        if any(c != '-' for c in cells):
            out.append('| %s | %s |' % (title, ' | '.join(cells)))
    out.append('')

# ---- the in-kernel benchmark -------------------------------------------
pairs = sorted({r[3] for r in rows if r[3].startswith('pair_')})
if pairs:
    s = smps[0]
    out.extend(['### In-kernel alloc+free pairs (`percpu_bench icount=1`, -smp %d)' % s, '',
                'Instructions per pair. "percpu" is `__alloc_percpu()`+`free_percpu()` (the '
                'chunk allocator on stock and with `percpu_cache=off`, the object cache on the patched '
                'kernel), "chunk" the chunk allocator alone and "cpu_alloc" `cpu_alloc('
                '__GFP_ZERO)`+`cpu_free()`, both on the patched kernel.', '',
                '| size | stock percpu | patched percpu | patched chunk | patched cpu_alloc '
                '| off percpu | stock / patched percpu | chunk / cpu_alloc |',
                '|---:|---:|---:|---:|---:|---:|---:|---:|'])
    for size in sorted({int(p.rsplit('_', 1)[1]) for p in pairs}):
        st = mmm(per_op(s, 'stock', 'pair_percpu_%d' % size))
        pa = mmm(per_op(s, 'patched', 'pair_percpu_%d' % size))
        ch = mmm(per_op(s, 'patched', 'pair_chunk_%d' % size))
        ca = mmm(per_op(s, 'patched', 'pair_cpu_alloc_%d' % size))
        of = mmm(per_op(s, 'patched-off', 'pair_percpu_%d' % size))
        out.append('| %d | %s | %s | %s | %s | %s | %s | %s |' % (
            size, fmt(st), fmt(pa), fmt(ch), fmt(ca), fmt(of),
            '%.1fx' % (st[1] / pa[1]) if st and pa else '-',
            '%.1fx' % (ch[1] / ca[1]) if ch and ca else '-'))
    sl = {k: mmm(per_op(s, k, 'slub_64')) for k in KERNELS}
    out.extend(['', 'SLUB `kmalloc(64)`+`kfree()`, instructions per pair: %s.' % ', '.join(
        '%s %s' % (k, fmt(sl[k])) for k in KERNELS if sl[k]), ''])
    bulk = sorted({r[3] for r in rows if r[3].startswith('bulk_alloc_percpu_')},
                  key=lambda w: [int(x) if x.isdigit() else x for x in w.split('_')])
    out.extend(['Bulk: N objects allocated, then freed in order; instructions per object '
                '(the other orders are in icount.csv).', '',
                '| size | N | alloc: stock | alloc: patched | alloc: patched chunk '
                '| free: stock | free: patched | free: patched chunk |',
                '|---:|---:|---:|---:|---:|---:|---:|---:|'])
    for wl in bulk:
        m = re.match(r'bulk_alloc_percpu_(\d+)_(\d+)_(\w+)$', wl)
        if not m or m.group(3) != 'in_order':
            continue
        size, n = m.group(1), m.group(2)
        cells = []
        for phase in ['alloc', 'free']:
            for k, a in [('stock', 'percpu'), ('patched', 'percpu'), ('patched', 'chunk')]:
                t = mmm(per_op(s, k, 'bulk_%s_%s_%s_%s_in_order' % (phase, a, size, n)))
                cells.append('{:,.0f}'.format(t[1]) if t else '-')
        out.append('| %s | %s | %s |' % (size, n, ' | '.join(cells)))
    out.append('')

# ---- against possible CPUs (POSSIBLE=) -----------------------------------
# -smp 2 and each POSSIBLE count (maxcpus=2: that many possible CPUs, 2
# online): how each figure grows with possible CPUs, and issue 27's targets
possible = [int(x) for x in meta.get('possible', '').split()]
pcols = sorted({s for s in smps if s == 2 or s in possible})
PWL = [('pair_percpu_16', '16-byte alloc_percpu()+free_percpu()'),
       ('pair_percpu_64', '64-byte alloc_percpu()+free_percpu()'),
       ('pair_percpu_256', '256-byte alloc_percpu()+free_percpu()'),
       ('fork', 'fork+exit'), ('exec', 'fork+exec'), ('memcg', 'memcg mkdir+rmdir'),
       ('mount', 'tmpfs mount+umount'), ('netns', 'netns create+destroy'),
       ('tc', 'tc filter+action add+del')]
pmed = {}
for s in pcols:
    for wl, _ in PWL:
        for k in KERNELS:
            t = mmm(per_op(s, k, wl))
            if t:
                pmed[(s, wl, k)] = t[1]


def slope(wl, k):
    lo, hi = pcols[0], pcols[-1]
    a, b = pmed.get((lo, wl, k)), pmed.get((hi, wl, k))
    return (b - a) / (hi - lo) if a is not None and b is not None and hi > lo else None


if len(pcols) > 1:
    out.extend(['### Against possible CPUs', '',
                'Medians of instructions per operation with N possible CPUs (`-smp N`; '
                'beyond 2 with `maxcpus=2`: 2 of them online), from the tables above and '
                'the in-kernel pairs measured in the same boots. "Per possible CPU" is '
                'the slope between %d and %d possible CPUs: what each possible CPU adds '
                'to one operation.' % (pcols[0], pcols[-1]), '',
                '| operation | kernel | %s | per possible CPU | / stock at %d |' % (
                    ' | '.join('%d possible' % s for s in pcols), pcols[-1]),
                '|---|---|%s---:|---:|' % ('---:|' * len(pcols))])
    for wl, title in PWL:
        for k in KERNELS:
            if not any((s, wl, k) in pmed for s in pcols):
                continue
            sl = slope(wl, k)
            st, v = pmed.get((pcols[-1], wl, 'stock')), pmed.get((pcols[-1], wl, k))
            out.append('| %s | %s | %s | %s | %s |' % (
                title, k, ' | '.join('{:,.0f}'.format(pmed[(s, wl, k)])
                                     if (s, wl, k) in pmed else '-' for s in pcols),
                '-' if sl is None else '%.1f' % sl,
                '%.3f' % (v / st) if st and v else '-'))
    out.append('')

    def r(s, wl):
        a, b = pmed.get((s, wl, 'patched')), pmed.get((s, wl, 'stock'))
        return a / b if a and b else None

    tl = []
    sl = slope('pair_percpu_16', 'patched')
    tl.append('- Per possible CPU of a 16-byte alloc+free, at most 10 instructions: %s '
              '(patched %s, percpu_cache=off %s, stock %s).' % (
                  'met' if sl is not None and sl <= 10 else 'missed',
                  *('-' if slope('pair_percpu_16', k) is None
                    else '%.1f' % slope('pair_percpu_16', k)
                    for k in ['patched', 'patched-off', 'stock'])))
    for s in [x for x in pcols if x >= 64]:
        pr = r(s, 'pair_percpu_16')
        tl.append('- %d possible CPUs: 16-byte pair at least 4x fewer than stock: %s (%s).' % (
            s, 'met' if pr and 1 / pr >= 4 else 'missed', '-' if not pr else '%.2fx' % (1 / pr)))
        got = ['%s %+.1f%%' % (wl, 100 * (r(s, wl) - 1)) for wl in ['mount', 'memcg', 'tc', 'netns']
               if r(s, wl)]
        good = all(r(s, wl) and r(s, wl) <= lim for wl, lim in
                   [('mount', 0.85), ('memcg', 0.85), ('tc', 0.95), ('netns', 0.95)])
        tl.append('- %d possible CPUs: mount and memcg at least 15%% fewer than stock, tc and '
                  'netns at least 5%%: %s (%s).' % (s, 'met' if good else 'missed',
                                                   ', '.join(got) or '-'))
        ab = ['%s %+.1f%%' % (wl, 100 * (r(s, wl) - 1)) for wl, _ in PWL
              if r(s, wl) and r(s, wl) > 1]
        tl.append('- %d possible CPUs: no workload above stock: %s.' % (
            s, 'met' if not ab else 'missed: ' + ', '.join(ab)))
    out.extend(['Against the targets of issue 27 (computed):', ''] + tl + [''])

    # plot: the 16-byte pair, and patched / stock per workload, against possible CPUs
    dat = os.path.join(dst, '.possible.dat')
    with open(dat, 'w') as f:
        for s in pcols:
            row = [str(s)]
            row += ['%.1f' % pmed[(s, 'pair_percpu_16', k)] if (s, 'pair_percpu_16', k) in pmed
                    else 'NaN' for k in KERNELS]
            row += ['%.4f' % r(s, wl) if r(s, wl) else 'NaN'
                    for wl in ['mount', 'memcg', 'tc', 'netns', 'fork']]
            f.write(' '.join(row) + '\n')
    script = ('set terminal png size 1100,480 font ",10" noenhanced\n'
              'set output "%s"\n' % os.path.join(dst, 'possible.png') +
              'set multiplot layout 1,2\nset grid\nset key left top\n'
              'set xlabel "possible CPUs (2 online)"\nset xtics (%s)\n' % ', '.join(
                  str(s) for s in pcols) +
              'set title "16-byte alloc_percpu()+free_percpu()"\n'
              'set ylabel "instructions per pair (median)"\n'
              'plot "%s" u 1:2 w lp t "stock", "" u 1:3 w lp t "patched", '
              '"" u 1:4 w lp t "percpu_cache=off"\n' % dat +
              'set title "patched / stock"\nset ylabel "ratio of medians"\nset key left bottom\n'
              'plot "%s" u 1:5 w lp t "mount", "" u 1:6 w lp t "memcg", "" u 1:7 w lp t "tc", '
              '"" u 1:8 w lp t "netns", "" u 1:9 w lp t "fork", 1 notitle dt 2\n' % dat +
              'unset multiplot\n')
    subprocess.run(['gnuplot'], input=script.encode(), check=True)
    os.unlink(dat)

# ---- the cache model ----------------------------------------------------
cache = [(wl, k) for wl in ['exec', 'mount'] for k in ['stock', 'patched']
         if per_op(0, k, wl)]
if cache:
    out.extend(['### L1 data-cache misses (plugin model, -smp 2, one boot each)', '',
                'The plugin with `cache=on`: a 32 KiB, 8-way, 64-byte-line LRU cache per vCPU '
                'over physical addresses, every load and store. Per operation, medians of '
                'the runs of one boot per kernel (no spread: differences of a few percent '
                'are within noise); misses per 1000 instructions in the last column. The '
                'model slows QEMU down, so these intervals hold more timer ticks and count '
                'a few percent more instructions than the tables above.', '',
                '| workload | kernel | instructions | loads + stores | L1D misses '
                '| misses / stock | misses per 1k insns |',
                '|---|---|---:|---:|---:|---:|---:|'])
    for wl in ['exec', 'mount']:
        base = mmm(per_op(0, 'stock', wl, 9))
        for k in ['stock', 'patched']:
            ins, ld, stv, mi = (mmm(per_op(0, k, wl, f)) for f in (6, 7, 8, 9))
            if not ins:
                continue
            out.append('| %s | %s | {:,.0f} | {:,.0f} | {:,.0f} | %s | %s |'.format(
                ins[1], ld[1] + stv[1], mi[1]) % (wl, k, ratio(mi, base),
                                                  '%.2f' % (1000 * mi[1] / ins[1]) if ins[1] else '-'))
    out.append('')

# ---- the targets, computed ----------------------------------------------
if summary:
    def med(s, wl, k):
        t = summary.get((s, wl), {}).get(k)
        return t[1] if t else None

    # above stock, and whether beyond noise: every patched run above every stock run
    above, beyond = [], []
    for (s, wl) in summary:
        a, b = summary[(s, wl)].get('patched'), summary[(s, wl)].get('stock')
        if wl == 'loop' or not a or not b or a[1] <= b[1]:
            continue
        above.append('%s at -smp %d (%+.2f%%)' % (wl, s, 100 * (a[1] / b[1] - 1)))
        if a[0] > b[2]:
            beyond.append(above[-1])
    five, five_ok = [], True
    for wl in ['mount', 'memcg', 'netns', 'tc']:
        a, b = med(2, wl, 'patched'), med(2, wl, 'stock')
        if a and b:
            five.append('%s %+.1f%%' % (wl, 100 * (a / b - 1)))
            five_ok = five_ok and a <= 0.95 * b
    hb, hb_ok = [], True
    for s in smps:
        for wl in ['hackbench_process', 'hackbench_thread']:
            a, b = med(s, wl, 'patched'), med(s, wl, 'stock')
            if a and b:
                hb.append('%s -smp %d %+.2f%%' % (wl, s, 100 * (a / b - 1)))
                hb_ok = hb_ok and abs(a / b - 1) <= 0.005
    sp = []
    for s in smps:
        for wl in ['fork', 'exec', 'hackbench_process', 'hackbench_thread']:
            for k in KERNELS:
                t = summary.get((s, wl), {}).get(k)
                if t and (spread(t) or 0) >= 1.0:
                    sp.append('%s %s -smp %d %.1f%%' % (wl, k, s, spread(t)))
    out.extend(['### Against the targets (computed from the tables above)', '',
                '- Patched at or below stock on every workload (median): %s.' %
                ('met' if not above else 'missed, above stock: ' + ', '.join(above) +
                 '; of these, every patched run above every stock run: ' +
                 (', '.join(beyond) or 'none')),
                '- At least 5%% fewer instructions than stock on mount, memcg, netns and tc at '
                '-smp 2: %s (patched against stock: %s).' %
                ('met' if five and five_ok else 'missed', ', '.join(five) or '-'),
                '- hackbench within 0.5%% of stock: %s (%s).' %
                ('met' if hb and hb_ok else 'missed', ', '.join(hb) or '-'),
                '- Spread under 1%% for fork, exec and hackbench: %s.' %
                ('met' if not sp else 'missed: ' + ', '.join(sp))])
    low = ['%s -smp %d %.1f%%' % (wl, s, coverage(s, wl)) for s in smps for wl, _ in WORKLOADS
           if wl != 'loop' and coverage(s, wl) is not None and coverage(s, wl) < 95]
    if any(k[1] == 'patched' for k in cover):
        out.append('- Coverage at least 95%% during every workload: %s.' %
                   ('met' if not low else 'missed: ' + ', '.join(low)))
    out.append('')

open(os.path.join(src, 'icount.md'), 'w').write('\n'.join(out) + '\n')
print('\n'.join(out))

# ---- plot: patched / stock and off / stock per workload -------------------
series = [(s, k) for s in smps for k in ['patched', 'patched-off']
          if any(summary.get((s, wl), {}).get(k) for wl, _ in WORKLOADS)]
if series:
    data = ''
    ratios = []
    for wl, title in WORKLOADS:
        cols = []
        for s, k in series:
            a, b = summary.get((s, wl), {}).get(k), summary.get((s, wl), {}).get('stock')
            if a and b and b[1]:
                ratios.append(a[1] / b[1])
            cols.append('%.4f' % ratios[-1] if a and b and b[1] else 'NaN')
        data += '"%s" %s\n' % (wl, ' '.join(cols))
    dat = os.path.join(dst, '.icount.dat')
    open(dat, 'w').write(data)
    plot = ['"%s" u %d:xtic(1) t "%s / stock, -smp %d"' % (dat, i + 2, k, s)
            for i, (s, k) in enumerate(series)]
    script = ('set terminal png size 1000,560 font ",10" noenhanced\n'
              'set output "%s"\n' % os.path.join(dst, 'icount.png') +
              'set title "Instructions per operation against stock (median; below 1: fewer)"\n'
              'set style data histogram\nset style histogram clustered gap 1\n'
              'set style fill solid 0.7 border -1\nset xtics rotate by -30\n'
              'set ylabel "ratio of medians"\nset yrange [%.2f:%.2f]\nset grid y\n'
              % (min([0.9] + [v - 0.02 for v in ratios]), max([1.02] + [v + 0.02 for v in ratios])) +
              'set arrow from graph 0, first 1 to graph 1, first 1 nohead dt 2\n'
              'plot ' + ', '.join(plot) + '\n')
    subprocess.run(['gnuplot'], input=script.encode(), check=True)
    os.unlink(dat)
sys.exit(0 if ok else 1)
