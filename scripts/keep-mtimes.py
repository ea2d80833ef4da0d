#!/usr/bin/env python3
"""Keep a kernel tree's timestamps across quilt pop/push.

    keep-mtimes.py save|restore KSRC

Popping patches to edit a lower one rewrites every file the popped
patches touch, and a header rewritten with the same text still rebuilds
the whole kernel. 'save' records the size, hash and mtime of every file
the applied patches touch; 'restore' puts the old mtime back on each file
whose contents did not change, so make rebuilds only what really changed.
"""
import hashlib
import json
import os
import sys


def patched_files(ksrc):
    files = set()
    pc = os.path.join(ksrc, '.pc')
    for patch in os.listdir(pc):
        top = os.path.join(pc, patch)
        if not os.path.isdir(top):
            continue
        for root, _, names in os.walk(top):
            for n in names:
                if n.startswith('.'):
                    continue
                files.add(os.path.relpath(os.path.join(root, n), top))
    return files


def digest(path):
    with open(path, 'rb') as f:
        return hashlib.md5(f.read()).hexdigest()


def main():
    cmd, ksrc = sys.argv[1], sys.argv[2]
    # not under .pc, which quilt removes when it pops every patch
    state = os.path.join(ksrc, '.quilt-mtimes.json')
    if cmd == 'save':
        rec = {}
        for rel in patched_files(ksrc):
            p = os.path.join(ksrc, rel)
            if os.path.exists(p):
                rec[rel] = [digest(p), os.stat(p).st_mtime_ns]
        with open(state, 'w') as f:
            json.dump(rec, f)
        print('saved %d files' % len(rec))
    else:
        with open(state) as f:
            rec = json.load(f)
        kept = 0
        for rel, (md5, mtime) in rec.items():
            p = os.path.join(ksrc, rel)
            if os.path.exists(p) and digest(p) == md5:
                os.utime(p, ns=(mtime, mtime))
                kept += 1
            else:
                print('changed:', rel)
        print('kept the timestamps of %d files' % kept)


if __name__ == '__main__':
    main()
