#!/bin/sh
# modes: bench
# The percpu_bench module (bench/module) prints one line per run to the
# kernel log; the host reads them from the console.
runs=$(tr " " "\n" < /proc/cmdline | sed -n "s/^guest.runs=\([0-9]*\)$/\1/p")
ko=/lib/modules/bench/percpu_bench.ko
[ -f $ko ] || { echo "$ko missing"; exit 1; }
insmod $ko runs="${runs:-5}" || exit 1
rmmod percpu_bench
dmesg | grep -q 'percpu_bench: done' || { echo "percpu_bench did not finish"; exit 1; }
