#!/usr/bin/env python3
"""results/lockstat.md from make lockstat's boots.

    lockstat-report.py SMP KERNEL=BOOTDIR...

Reads the 'lockstat:' lines that guest/tests/72-lockstat.sh printed on
each boot's console: per workload the operations, the calls of
pcpu_alloc_noprof() and free_percpu(), and each global lock's
acquisitions and contentions from /proc/lock_stat over the interval.
"""
import re
import sys
import time

GLOBAL = ['pcpu_alloc_mutex', 'pcpu_lock', '&pcpu_depot[class].lock',
          'pcpu_cache_drain_mutex']
KV = re.compile(r'(\w+)=(\S+)')


def parse(path):
    """{workload: {'ops', 'allocs', 'frees', 'locks': {name: (acq, con)}}}"""
    runs, cur = {}, None
    with open(path + '/console.log', errors='replace') as f:
        for line in f:
            i = line.find('lockstat: ')
            if i < 0:
                continue
            kv = dict(KV.findall(line[i:]))
            if 'workload' in kv:
                cur = runs.setdefault(kv['workload'], {
                    'ops': int(kv['ops']), 'locks': {}})
            elif cur is not None and 'lock' in kv:
                cur['locks'][kv['lock']] = (int(kv['acquisitions']),
                                            int(kv['contentions']))
            elif cur is not None and 'hits' in kv:
                cur['cache'] = {k: int(kv[k]) for k in
                                ('hits', 'misses', 'frees', 'exchanges')}
            elif cur is not None and 'allocs' in kv:
                cur['allocs'] = int(kv['allocs'])
                cur['frees'] = int(kv['frees'])
    return runs


def release(path):
    try:
        with open(path + '/kernel.txt') as f:
            return f.read().strip()
    except OSError:
        return '?'


def host():
    with open('/proc/cpuinfo') as f:
        models = [l.split(':', 1)[1].strip() for l in f
                  if l.startswith('model name')]
    return '%s, %d CPUs' % (models[0] if models else '?', len(models))


def main():
    smp = sys.argv[1]
    boots = [a.split('=', 1) for a in sys.argv[2:]]
    data = {k: parse(p) for k, p in boots}
    print('# Global lock acquisitions with every CPU allocating (make lockstat)\n')
    print('Made by `make lockstat` (scripts/lockstat.sh): stock and patched '
          'kernels with configs/lockstat.config (CONFIG_LOCK_STAT and the '
          'function profiler) on the guest configuration, each booted once '
          'under QEMU TCG at -smp %s; guest/tests/72-lockstat.sh runs one '
          'loop of each workload pinned to every CPU at once, after a '
          'warm-up of the same size. Kernels: %s; host: %s, %s.\n' %
          (smp, ', '.join('%s %s' % (k, release(p)) for k, p in boots),
           host(), time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())))
    print('Per operation (one exec, memcg mkdir+rmdir or netns '
          'create+destroy on one CPU): calls of pcpu_alloc_noprof() and '
          'free_percpu(), and acquisitions of each global lock. "Global acquisitions '
          'per alloc or free" divides all of them by the allocations '
          'and frees.\n')
    names = [n for n in GLOBAL if any(n in w['locks'] for d in data.values()
                                      for w in d.values())]
    print('| workload | kernel | ops | allocs / op | frees / op | ' +
          ' | '.join('%s / op' % n.replace('[class]', '[]').replace('&', '')
                     for n in names) +
          ' | global acquisitions per alloc or free | contentions / op |')
    print('|---|---|---:|---:|---:|' + '---:|' * len(names) + '---:|---:|')
    verdicts, cache_rows = [], []
    workloads = sorted({w for d in data.values() for w in d},
                       key=lambda w: ['exec', 'memcg', 'netns'].index(w)
                       if w in ('exec', 'memcg', 'netns') else 9)
    for w in workloads:
        for k, _ in boots:
            r = data[k].get(w)
            if not r or 'allocs' not in r:
                print('| %s | %s | (no result) |' % (w, k))
                continue
            ops = r['ops']
            acq = sum(r['locks'].get(n, (0, 0))[0] for n in names)
            con = sum(r['locks'].get(n, (0, 0))[1] for n in names)
            calls = r['allocs'] + r['frees']
            per = acq / calls if calls else float('nan')
            print('| %s | %s | %d | %.2f | %.2f | %s | %.3f | %.3f |' % (
                w, k, ops, r['allocs'] / ops, r['frees'] / ops,
                ' | '.join('%.2f' % (r['locks'].get(n, (0, 0))[0] / ops)
                           for n in names), per, con / ops))
            c = r.get('cache')
            if k == 'patched' and c:
                taken = c['hits'] + c['misses']
                cops = taken + c['frees']
                depot = r['locks'].get('&pcpu_depot[class].lock', (0, 0))[0]
                fast = (depot + 2 * c['misses']) / cops if cops else float('nan')
                cache_rows.append('| %s | %.1f%% | %.1f%% | %.2f | %.3f | %.3f |' % (
                    w, 100 * taken / r['allocs'] if r['allocs'] else 0,
                    100 * c['hits'] / taken if taken else 0,
                    c['exchanges'] / ops, depot / cops if cops else 0, fast))
                verdicts.append('%s: %.3f global-lock acquisitions per operation '
                                'of the cache (target at most 0.1): %s; over '
                                'every allocation and free, the cache\'s and '
                                'the chunks\' alike, %.3f' % (
                                    w, fast, 'met' if fast <= 0.1 else 'missed', per))
    print()
    if cache_rows:
        print('The series\' fast path, from the object cache\'s own counters '
              '(debugfs percpu_cache) over the same interval: the share of '
              'allocations it takes (at most 256 bytes), of those the share '
              'served from a magazine, magazine exchanges at the depot, and '
              'global-lock acquisitions per operation of the cache (an '
              'allocation it takes or a free it keeps): depot locks alone, '
              'and depot locks plus two per miss (a miss goes to the chunks: '
              'pcpu_alloc_mutex and pcpu_lock once each).\n')
        print('| workload | allocations the cache takes | hits | exchanges / op '
              '| depot locks per cache operation | global locks per cache operation |')
        print('|---|---:|---:|---:|---:|---:|')
        for row in cache_rows:
            print(row)
        print()
    for v in verdicts:
        print('- ' + v)
    print('\nContentions depend on how the host schedules %s vCPUs on its '
          'cores; acquisitions do not. A netns is destroyed by a '
          'worker (cleanup_net()) after its last reference goes: how '
          'many destructions land in the interval, and so the frees per '
          'operation, varies between boots.' % smp)


if __name__ == '__main__':
    main()
