#!/bin/sh
# modes: check run
# How much of the area the kernel uses: cpu_bytes and the debugfs high
# watermark at idle (00-idle), after the guest tests and after hackbench;
# the watermark is restarted before each stage, so each is that stage's
# peak. Tests that fill the area on purpose are left out: the boot's KUnit
# suite, and 50-stress, which runs after this one.
# With guest.sizing=1 (the default-size boots) the high watermark must
# stay under half the area, the margin the default size is chosen for.
f=/sys/kernel/debug/cpu_alloc
stage() {
	printf "%s %s %s\n" "$1" \
		"$(awk '$1 == "cpu_bytes" {print $2}' /proc/vmstat)" \
		"$(awk '$1 == "high_watermark:" {print $2}' $f)" >> /tmp/sizing
}
stage suite	# the peak since 00-idle: the tests in between
# guest.quick=1 (make check-debug, where hackbench takes minutes) skips it
if ! grep -qw guest.quick=1 /proc/cmdline; then
	echo 0 > $f
	hackbench -g 10 -l 200 > /dev/null || exit 1
	stage hackbench	# the peak during hackbench alone
fi
size=$(awk '$1 == "size:" {print $2}' $f)
ncpu=$(grep -c '^processor' /proc/cpuinfo)
while read -r name bytes high; do
	echo "sizing: cpus=$ncpu area=$size stage=$name cpu_bytes=$bytes high_watermark=$high"
done < /tmp/sizing
high=$(awk 'END {print $3}' /tmp/sizing)
grep -qw guest.sizing=1 /proc/cmdline || exit 0
[ $((2 * high)) -lt "$size" ] || { echo "high watermark $high is half the area or more"; exit 1; }
