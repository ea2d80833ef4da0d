#!/bin/sh
# modes: check run sizing
# What the kernel holds in per-CPU objects and in the object cache, and
# how much of its small requests the cache serves: cpu_bytes, Percpu and
# the cache's bytes at idle (00-idle), after the guest tests, after
# hackbench and with 300 memory cgroups alive, and the requests the cache
# took in each stage (hits: from a magazine; misses: from the chunks).
f=/sys/kernel/debug/percpu_cache
dbg() { awk -v k="$1:" '$1 == k {print $2}' $f; }
stage() {
	echo "$1 $(awk '$1 == "cpu_bytes" {print $2}' /proc/vmstat)" \
		"$(awk '$1 == "Percpu:" {print $2}' /proc/meminfo)" \
		"$(dbg cached_bytes) $(dbg hits) $(dbg misses)" >> /tmp/sizing
}
stage suite	# the tests between 00-idle and this one
# guest.quick=1 (make check-debug, where hackbench takes minutes) and
# guest.hackbench=0 (make check-arm64, which has no hackbench) skip it
if ! grep -qwE 'guest.quick=1|guest.hackbench=0' /proc/cmdline; then
	hackbench -g 10 -l 200 > /dev/null || exit 1
	stage hackbench
else
	echo "sizing: no hackbench stage (guest.quick=1 or guest.hackbench=0)"
fi
# What a machine with many cgroups holds: 300 memcgs alive at once
cg=/sys/fs/cgroup
mkdir -p $cg
grep -q " $cg cgroup2 " /proc/mounts || mount -t cgroup2 none $cg || exit 1
echo +memory > $cg/cgroup.subtree_control || exit 1
mkdir -p $cg/sizing && echo +memory > $cg/sizing/cgroup.subtree_control || exit 1
i=0
while [ $i -lt 300 ]; do mkdir $cg/sizing/m$i || exit 1; i=$((i + 1)); done
stage memcg300
i=0
while [ $i -lt 300 ]; do rmdir $cg/sizing/m$i || exit 1; i=$((i + 1)); done
rmdir $cg/sizing
sleep 3	# the memcgs go after a grace period and their css work
stage memcg-gone
ncpu=$(grep -c '^processor' /proc/cpuinfo)
possible=$(cat /sys/devices/system/cpu/possible)
ph=0 pm=0
while read -r name bytes percpu cached hits misses; do
	echo "sizing: cpus=$ncpu possible=$possible stage=$name cpu_bytes=$bytes percpu_kb=$percpu" \
		"cached_bytes=${cached:-0} hits=$(( ${hits:-0} - ph )) misses=$(( ${misses:-0} - pm ))"
	ph=${hits:-0} pm=${misses:-0}
done < /tmp/sizing
