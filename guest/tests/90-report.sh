#!/bin/sh
# modes: check run
# The short report 'make run' prints: kernel, CPUs, percpu memory, hackbench.
echo "report: kernel $(uname -r)"
echo "report: cpus $(nproc)"
echo "report: $(grep Percpu /proc/meminfo)"
grep '^cpu_bytes' /proc/vmstat | sed 's/^/report: /'
# guest.hackbench=N sets the number of runs (3): -smp 8 under TCG on a
# small host takes a minute per run
runs=$(tr " " "\n" < /proc/cmdline | sed -n "s/^guest.hackbench=\([0-9]*\)$/\1/p")
[ "${runs:-3}" != 0 ] || echo "report: hackbench not run (guest.hackbench=0)"
for i in $(seq "${runs:-3}"); do
	s=$(hackbench -g 10 -l 200 2>&1 | awk '/^Time:/ {print $2}')
	[ -n "$s" ] || { echo "hackbench failed"; exit 1; }
	echo "report: hackbench -g 10 -l 200 run $i: $s s"
done
