#!/bin/sh
# modes: bench
# The percpu_bench module (bench/module) prints one line per run to the
# kernel log; the host reads them from the console. Then the cross-CPU
# tests, once per allocator this kernel has: producer/consumer on two
# CPUs and all CPUs at once (their lock traffic is 62-frontend's).
runs=$(tr " " "\n" < /proc/cmdline | sed -n "s/^guest.runs=\([0-9]*\)$/\1/p")
ko=/lib/modules/bench/percpu_bench.ko
[ -f $ko ] || { echo "$ko missing"; exit 1; }
insmod $ko runs="${runs:-5}" || exit 1
rmmod percpu_bench
dmesg | grep -q 'percpu_bench: done' || { echo "percpu_bench did not finish"; exit 1; }
allocators=percpu
# the chunks alone: the same module in a percpu_cache=off boot
tests=allcpu
[ "$(grep -c ^processor /proc/cpuinfo)" -ge 2 ] && tests="prodcons allcpu"
for t in $tests; do
	for a in $allocators; do
		insmod $ko test="$t" allocator="$a" runs="${runs:-5}" || exit 1
		rmmod percpu_bench
	done
done
