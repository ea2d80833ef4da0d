#!/bin/sh
# modes: check run
# pinned: compares debugfs with /proc/vmstat (see init)
# The debugfs report agrees with /proc/vmstat and with the boot parameter.
f=/sys/kernel/debug/cpu_alloc
[ -r $f ] || { echo "$f missing"; exit 1; }
cat $f
# guest.area= on the command line names the size the boot should yield;
# without it, check.sh compares the size with the boot line's
want=$(tr " " "\n" < /proc/cmdline | sed -n "s/^guest.area=\([0-9]*\)$/\1/p")
size=$(awk '$1 == "size:" {print $2}' $f)
echo "debugfs: area size $size"
[ -z "$want" ] || [ "$size" = "$want" ] || { echo "size $size, expected $want"; exit 1; }
# cpu_bytes is a gauge computed at read time, listed with the system-wide
# items (after nr_memmap_boot_pages), not an event counter
prev=$(awk '$1 == "cpu_bytes" {print p} {p = $1}' /proc/vmstat)
echo "cpu_bytes follows: ${prev:-nothing}"
[ "$prev" = nr_memmap_boot_pages ] || { echo "cpu_bytes is not with the computed items"; exit 1; }
# cpu_bytes counts objects in the area and in chunks. One awk reads both
# files, so no fork (whose mm owns per-CPU counters) falls between the two
# reads; an mm that an idle CPU held lazily may still be freed in between,
# so a mismatch is retried. A -smp 4 NUMA boot in CI missed five times
# in a row when each try forked a reader per file.
for i in 1 2 3 4 5 6 7 8 9 10; do
	set -- $(awk '$1 == "in_use:" {u = $2} $1 == "chunk_bytes:" {c = $2}
		$1 == "cpu_bytes" {v = $2} END {print u, c, v}' $f /proc/vmstat)
	echo "size=$size in_use=$1 chunk_bytes=$2 cpu_bytes=$3"
	[ $# = 3 ] || { echo "a field is missing"; exit 1; }
	[ $(($1 + $2)) = "$3" ] && exit 0
	sleep 0.2
done
echo "in_use + chunk_bytes != cpu_bytes"
exit 1
