#!/bin/sh
# modes: check run
# The short report 'make run' prints: kernel, CPUs, percpu memory, the
# object cache's counters since boot, hackbench.
echo "report: kernel $(uname -r)"
echo "report: cpus $(nproc)"
echo "report: $(grep Percpu /proc/meminfo)"
grep '^cpu_bytes' /proc/vmstat | sed 's/^/report: /'
f=/sys/kernel/debug/percpu_cache
[ -r $f ] || { echo "$f missing"; exit 1; }
awk '$1 ~ /^(enabled|limit|hits|misses|frees|cached_bytes):$/ {sub(":", "", $1); v[$1] = $2}
	END {n = v["hits"] + v["misses"]
	printf "report: percpu_cache enabled=%s limit=%s hits=%s misses=%s frees=%s cached_bytes=%s hit_rate=%.1f%%\n",
		v["enabled"], v["limit"], v["hits"], v["misses"], v["frees"], v["cached_bytes"],
		n ? 100 * v["hits"] / n : 0}' $f
# guest.hackbench=N sets the number of runs (3): -smp 8 under TCG on a
# small host takes a minute per run
runs=$(tr " " "\n" < /proc/cmdline | sed -n "s/^guest.hackbench=\([0-9]*\)$/\1/p")
[ "${runs:-3}" != 0 ] || echo "report: hackbench not run (guest.hackbench=0)"
for i in $(seq "${runs:-3}"); do
	s=$(hackbench -g 10 -l 200 2>&1 | awk '/^Time:/ {print $2}')
	[ -n "$s" ] || { echo "hackbench failed"; exit 1; }
	echo "report: hackbench -g 10 -l 200 run $i: $s s"
done
