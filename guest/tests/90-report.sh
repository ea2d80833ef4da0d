#!/bin/sh
# modes: check run
# The short report 'make run' prints: kernel, CPUs, percpu memory, hackbench.
echo "report: kernel $(uname -r)"
echo "report: cpus $(nproc)"
echo "report: $(grep Percpu /proc/meminfo)"
grep '^cpu_bytes' /proc/vmstat | sed 's/^/report: /'
for i in 1 2 3; do
	s=$(hackbench -g 10 -l 200 2>&1 | awk '/^Time:/ {print $2}')
	[ -n "$s" ] || { echo "hackbench failed"; exit 1; }
	echo "report: hackbench -g 10 -l 200 run $i: $s s"
done
