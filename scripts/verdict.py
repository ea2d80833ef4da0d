#!/usr/bin/env python3
"""Turn one guest boot's logs into test results.

    verdict.py OUTDIR [LABEL]

Reads OUTDIR/console.log (kernel console) and OUTDIR/results.log (guest TAP
on the second serial port). Counts every guest test, every KUnit case the
kernel printed as KTAP, and one failure per kernel report (panic, Oops, BUG,
WARNING, lockdep, KASAN, UBSAN) that no test declared with a console line
'expect-warning: <regex>'. Prints one line per result and 'N passed, M
failed', writes the same to OUTDIR/verdict.txt and exits 1 on any failure
or when the guest never reported.

With KCSAN_OWN=FILE (make check-kcsan), a KCSAN report fails the boot
only if a frame of either stack is a function listed in FILE (those of the
files the series touches); any other is a NOTE line, not counted: the
races of code the series leaves alone are upstream's.
"""
import os
import re
import sys

REPORTS = re.compile(r'Kernel panic|\bOops\b|\bBUG: |kernel BUG at|WARNING:|'
                     r'possible (circular|recursive) locking|'
                     r'inconsistent lock state|suspicious RCU usage|'
                     r'KASAN:|UBSAN:|kmemleak: .*new suspected')
STAMP = re.compile(r'^\[\s*\d+\.\d+\]\s?')
TAP = re.compile(r'^(not )?ok (\d+)\s*-?\s*(.*?)(\s+#\s*(SKIP|TODO).*)?$')
FRAME = re.compile(r'^\s*(?:\?\s*)?([A-Za-z_][\w.]*)\+0x')
RULE = '=' * 40


def own_functions():
    """The function names of KCSAN_OWN, without .constprop/.isra suffixes."""
    path = os.environ.get('KCSAN_OWN')
    if not path:
        return None
    with open(path) as f:
        return {w.split('.')[0] for w in f.read().split()}


def kcsan_block(lines, i, own):
    """Judge the KCSAN report starting at lines[i]: (mine, end index)."""
    frames = set()
    j = i + 1
    while j < len(lines) and not lines[j].startswith(RULE):
        m = FRAME.match(lines[j])
        if m:
            frames.add(m.group(1).split('.')[0])
        j += 1
    return sorted(frames & own), j


def failure_reasons(raw_lines):
    """{guest test: the last line it printed before its 'not ok'}.

    Guest output reaches the console without a printk time stamp, so
    kernel lines in between are passed over. The line names the check
    that failed, and CI, which shows only a run's tail, prints it."""
    why = {}
    last = None
    for raw in raw_lines:
        if STAMP.match(raw):
            continue
        line = raw.strip()
        if line.startswith('guest: ---- '):
            last = None
            continue
        m = re.match(r'^not ok \d+ - (\S+)', line)
        if m:
            why[m.group(1)] = (last or '')[:120]
            continue
        if line:
            last = line
    return why


def main():
    out = sys.argv[1]
    label = sys.argv[2] if len(sys.argv) > 2 else out
    results = []            # (ok, name)
    skipped = 0

    with open(out + '/console.log', errors='replace') as f:
        raw_lines = [raw.rstrip('\r') for raw in f.read().splitlines()]
    console = [STAMP.sub('', raw) for raw in raw_lines]
    why = failure_reasons(raw_lines)
    own = own_functions()
    notes = []
    expected = []
    suite = None
    i = -1
    while i + 1 < len(console):
        i += 1
        line = console[i]
        if own is not None and 'BUG: KCSAN:' in line:
            title = line[line.index('BUG: KCSAN:'):].strip()[:160]
            mine, i = kcsan_block(console, i, own)
            if mine:
                results.append((False, 'kernel report: %s (series code: %s)'
                                % (title, ' '.join(mine[:4]))))
            else:
                notes.append(title)
            continue
        m = re.search(r'expect-warning: (.*)', line)
        if m:
            expected.append(re.compile(m.group(1).strip()))
            continue
        m = re.match(r'^    # Subtest: (\S+)', line)
        if m:
            suite = m.group(1)
            continue
        # KUnit cases sit one level (4 spaces) below their suite.
        m = re.match(r'^    (not )?ok \d+ (\S+)(.*)$', line)
        if m and suite:
            if re.search(r'#\s*SKIP', m.group(3)):
                skipped += 1
            else:
                results.append((m.group(1) is None, 'kunit %s.%s' % (suite, m.group(2))))
            continue
        m = REPORTS.search(line)
        if m and not any(p.search(line) for p in expected):
            # guest output may share the line: report from the match on
            results.append((False, 'kernel report: ' + line[m.start():].strip()[:160]))

    done = False
    try:
        with open(out + '/results.log', errors='replace') as f:
            for line in f:
                line = line.strip()
                if line == '# guest done':
                    done = True
                m = TAP.match(line)
                if m:
                    if m.group(5) == 'SKIP':
                        skipped += 1
                    else:
                        name = m.group(3)
                        if m.group(1) and why.get(name):
                            name += ' (%s)' % why[name]
                        results.append((m.group(1) is None, name))
    except FileNotFoundError:
        pass
    if not done:
        results.append((False, 'guest did not finish (no "# guest done")'))

    lines = ['%s %s: %s' % ('PASS' if ok else 'FAIL', label, name)
             for ok, name in results]
    lines += ['NOTE %s: not counted, no frame in the series: %s' % (label, n)
              for n in notes]
    passed = sum(1 for ok, _ in results if ok)
    failed = len(results) - passed
    lines.append('%d passed, %d failed%s' % (passed, failed,
                 ', %d skipped' % skipped if skipped else ''))
    text = '\n'.join(lines) + '\n'
    sys.stdout.write(text)
    with open(out + '/verdict.txt', 'w') as f:
        f.write(text)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
