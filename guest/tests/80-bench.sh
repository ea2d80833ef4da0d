#!/bin/sh
# modes: run
# cpu_alloc against the chunk allocator, timed in this boot.
ko=$(find /lib/modules -name cpu_alloc_bench.ko | head -n 1)
[ -n "$ko" ] || { echo "cpu_alloc_bench.ko not found"; exit 1; }
dmesg -c > /dev/null
insmod "$ko" && rmmod cpu_alloc_bench
dmesg | grep -q 'cpu_alloc_bench: done' || { dmesg; exit 1; }
dmesg | sed -n 's/.*cpu_alloc_bench: /report: bench /p'
