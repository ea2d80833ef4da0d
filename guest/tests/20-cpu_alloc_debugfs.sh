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
# cpu_bytes counts objects in the area and in chunks. Both files are read
# with the shell's own read once cpu_bytes has settled, and nothing forks
# (a process's mm owns per-CPU objects, some freed a moment after it
# exits) from the settling to the second read (tests/cpu_bytes.sh); a
# mismatch is still retried, in case a kernel thread allocated between
# the two reads.
. /tests/cpu_bytes.sh
for i in 1 2 3 4 5 6 7 8 9 10; do
	cpu_bytes_settled
	u= c=
	while read -r key val rest; do
		case $key in
		in_use:) u=$val ;;
		chunk_bytes:) c=$val ;;
		esac
	done < $f
	cpu_bytes
	echo "size=$size in_use=$u chunk_bytes=$c cpu_bytes=$CB"
	[ -n "$u" ] && [ -n "$c" ] && [ -n "$CB" ] || { echo "a field is missing"; exit 1; }
	[ $((u + c)) = "$CB" ] && exit 0
	nap 0.2
done
echo "in_use + chunk_bytes != cpu_bytes"
exit 1
