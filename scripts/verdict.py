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
"""
import re
import sys

REPORTS = re.compile(r'Kernel panic|\bOops\b|\bBUG: |kernel BUG at|WARNING:|'
                     r'possible (circular|recursive) locking|'
                     r'inconsistent lock state|suspicious RCU usage|'
                     r'KASAN:|UBSAN:|kmemleak: .*new suspected')
STAMP = re.compile(r'^\[\s*\d+\.\d+\]\s?')
TAP = re.compile(r'^(not )?ok (\d+)\s*-?\s*(.*?)(\s+#\s*(SKIP|TODO).*)?$')


def main():
    out = sys.argv[1]
    label = sys.argv[2] if len(sys.argv) > 2 else out
    results = []            # (ok, name)
    skipped = 0

    with open(out + '/console.log', errors='replace') as f:
        console = f.read().splitlines()
    expected = []
    suite = None
    for raw in console:
        line = STAMP.sub('', raw.rstrip('\r'))
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
                        results.append((m.group(1) is None, m.group(3)))
    except FileNotFoundError:
        pass
    if not done:
        results.append((False, 'guest did not finish (no "# guest done")'))

    lines = ['%s %s: %s' % ('PASS' if ok else 'FAIL', label, name)
             for ok, name in results]
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
