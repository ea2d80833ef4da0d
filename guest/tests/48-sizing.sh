#!/bin/sh
# modes: check run sizing
# How much of the area the kernel uses: cpu_bytes, the debugfs high
# watermark and Percpu at idle (00-idle), after the guest tests, during
# hackbench and with 300 memory cgroups alive; the watermark is restarted
# before each stage, so each is that stage's peak. The area's live objects
# by size class are printed at idle (00-idle) and with the memcgs alive.
# Tests that fill the area on purpose are left out: the boot's KUnit
# suite, and 50-stress, which runs after this one.
# With guest.sizing=1 (the default-size boots of make check) the default
# area must hold what this guest allocates by idle: cpu_bytes (area and
# chunks) at idle below the area's size. (Fallbacks do not tell: the boot's
# KUnit suite fills the area on purpose and sends requests to chunks.)
f=/sys/kernel/debug/cpu_alloc
dbg() { awk -v k="$1:" '$1 == k {print $2}' $f; }
stage() {
	printf "%s %s %s %s %s\n" "$1" \
		"$(awk '$1 == "cpu_bytes" {print $2}' /proc/vmstat)" \
		"$(dbg high_watermark)" \
		"$(awk '$1 == "Percpu:" {print $2}' /proc/meminfo)" \
		"$(dbg fallbacks)" >> /tmp/sizing
}
classes() { sed -n "s/^class /sizing-class: stage=$1 class=/p" $f; }
stage suite	# the peak since 00-idle: the tests in between
# guest.quick=1 (make check-debug, where hackbench takes minutes) and
# guest.hackbench=0 (make check-arm64, which has no hackbench) skip it
if ! grep -qwE 'guest.quick=1|guest.hackbench=0' /proc/cmdline; then
	echo 0 > $f
	hackbench -g 10 -l 200 > /dev/null || exit 1
	stage hackbench	# the peak during hackbench alone
else
	echo "sizing: no hackbench stage (guest.quick=1 or guest.hackbench=0)"
fi
# What a machine with many cgroups holds: 300 memcgs alive at once
cg=/sys/fs/cgroup
mkdir -p $cg
grep -q " $cg cgroup2 " /proc/mounts || mount -t cgroup2 none $cg || exit 1
echo +memory > $cg/cgroup.subtree_control || exit 1
mkdir -p $cg/sizing && echo +memory > $cg/sizing/cgroup.subtree_control || exit 1
echo 0 > $f
i=0
while [ $i -lt 300 ]; do mkdir $cg/sizing/m$i || exit 1; i=$((i + 1)); done
stage memcg300
classes memcg300
i=0
while [ $i -lt 300 ]; do rmdir $cg/sizing/m$i || exit 1; i=$((i + 1)); done
rmdir $cg/sizing
size=$(dbg size)
ncpu=$(grep -c '^processor' /proc/cpuinfo)
while read -r name bytes high percpu fallbacks; do
	echo "sizing: cpus=$ncpu area=$size stage=$name cpu_bytes=$bytes high_watermark=$high percpu_kb=$percpu fallbacks=$fallbacks"
done < /tmp/sizing
grep -qw guest.sizing=1 /proc/cmdline || exit 0
idle=$(awk '$1 == "idle" {print $2}' /tmp/sizing)
[ "$idle" -lt "$size" ] || { echo "cpu_bytes at idle $idle: the area ($size) cannot hold it"; exit 1; }
