#!/bin/sh
# modes: bench
# fork+exit and fork+exec rates of the static forkloop program,
# guest.runs times each (default 5), alternating.
runs=$(tr " " "\n" < /proc/cmdline | sed -n "s/^guest.runs=\([0-9]*\)$/\1/p")
forkloop exec 50 > /dev/null || exit 1	# warm up
for i in $(seq "${runs:-5}"); do
	for mode in fork exec; do
		r=$(forkloop $mode 1000 | sed -n 's/.*per_second=\([0-9.]*\)$/\1/p')
		[ -n "$r" ] || { echo "forkloop $mode failed"; exit 1; }
		echo "bench: workload=fork_$mode run=$i metric=per_second value=$r"
	done
done
