#!/bin/sh
# modes: bench
# hackbench -g 10 -l 200, process and thread mode, guest.runs times each
# (default 5), alternating so that drift hits both alike.
runs=$(tr " " "\n" < /proc/cmdline | sed -n "s/^guest.runs=\([0-9]*\)$/\1/p")
for i in $(seq "${runs:-5}"); do
	for mode in process thread; do
		flag=
		[ $mode = thread ] && flag=-T
		# shellcheck disable=SC2086
		s=$(hackbench $flag -g 10 -l 200 2>&1 | awk '/^Time:/ {print $2}')
		[ -n "$s" ] || { echo "hackbench $mode failed"; exit 1; }
		echo "bench: workload=hackbench_$mode run=$i metric=seconds value=$s"
	done
done
