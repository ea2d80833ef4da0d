#!/bin/sh
# modes: check run
# The debugfs report agrees with /proc/vmstat and with the boot parameter.
f=/sys/kernel/debug/cpu_alloc
[ -r $f ] || { echo "$f missing"; exit 1; }
cat $f
# guest.area= on the command line names the size the boot should yield
want=$(tr " " "\n" < /proc/cmdline | sed -n "s/^guest.area=\([0-9]*\)$/\1/p")
size=$(awk '$1 == "size:" {print $2}' $f)
in_use=$(awk '$1 == "in_use:" {print $2}' $f)
vm=$(awk '$1 == "cpu_bytes" {print $2}' /proc/vmstat)
echo "size=$size in_use=$in_use cpu_bytes=$vm"
[ "$size" = "${want:-65536}" ] || { echo "size $size, expected ${want:-65536}"; exit 1; }
[ "$in_use" = "$vm" ] || { echo "in_use $in_use != cpu_bytes $vm"; exit 1; }
