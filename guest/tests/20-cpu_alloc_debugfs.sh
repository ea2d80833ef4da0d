#!/bin/sh
# modes: check run
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
# cpu_bytes counts objects in the area and in chunks; the two files are
# read one after the other, so retry if something allocated in between
for i in 1 2 3 4 5; do
	snap=$(cat $f)
	vm=$(awk '$1 == "cpu_bytes" {print $2}' /proc/vmstat)
	in_use=$(echo "$snap" | awk '$1 == "in_use:" {print $2}')
	chunk=$(echo "$snap" | awk '$1 == "chunk_bytes:" {print $2}')
	echo "size=$size in_use=$in_use chunk_bytes=$chunk cpu_bytes=$vm"
	[ $((in_use + chunk)) = "$vm" ] && exit 0
	sleep 0.2
done
echo "in_use + chunk_bytes != cpu_bytes"
exit 1
