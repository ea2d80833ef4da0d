#!/bin/sh
# modes: check
# On a kmemleak kernel (make check-debug): after the tests above, a scan
# finds no unreferenced object. Objects reachable only through per-CPU
# memory count as referenced because cpu_alloc registers its objects
# with kmemleak as the chunk allocator does.
f=/sys/kernel/debug/kmemleak
# Exit 77 (SKIP) elsewhere: make check kernels have no kmemleak.
[ -w $f ] || { echo "no kmemleak in this kernel"; exit 77; }
echo scan > $f
sleep 5
echo scan > $f
leaks=$(cat $f)
echo "$leaks" | head -40
[ -z "$leaks" ] || { echo "kmemleak reports unreferenced objects"; exit 1; }
echo "kmemleak: no unreferenced objects"
