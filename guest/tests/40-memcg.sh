#!/bin/sh
# modes: check
# Accounted per-CPU objects are charged to a memcg as mainline charges
# them and uncharged when freed. A new memcg allocates its statistics with
# alloc_percpu_gfp(GFP_KERNEL_ACCOUNT), charged to its parent: the parent's
# memory.stat "percpu" must grow with children and come back without them.
# With the area on, those objects must come from the area, not from chunks.
# (With cpu_alloc=off they land in the first chunk, which mainline does not
# charge at all: there the charge can stay 0.)
cg=/sys/fs/cgroup
f=/sys/kernel/debug/cpu_alloc
mkdir -p $cg
grep -q " $cg cgroup2 " /proc/mounts || mount -t cgroup2 none $cg || exit 1
echo +memory > $cg/cgroup.subtree_control || exit 1
mkdir -p $cg/t || exit 1
echo +memory > $cg/t/cgroup.subtree_control || exit 1	# children get a memcg
percpu() { awk '$1 == "percpu" {print $2}' $cg/t/memory.stat; }
dbg() { awk -v k="$1:" '$1 == k {print $2}' $f; }
ncpu=$(grep -c '^processor' /proc/cpuinfo)

p0=$(percpu) a0=$(dbg in_use) c0=$(dbg chunk_bytes) free0=$(dbg free)
for i in 1 2 3 4; do mkdir $cg/t/c$i || exit 1; done
sleep 3	# memory.stat shows small changes after the 2 s periodic flush
p1=$(percpu) a1=$(dbg in_use) c1=$(dbg chunk_bytes)
for i in 1 2 3 4; do rmdir $cg/t/c$i || exit 1; done
# a memcg is freed after an RCU grace period and its css work, and the
# statistics catch up at the next flush
for i in $(seq 40); do
	p2=$(percpu)
	[ "$p2" = "$p0" ] && break
	sleep 0.5
done
echo "-memory" > $cg/t/cgroup.subtree_control
rmdir $cg/t
echo "t's percpu charge: $p0 -> $p1 with 4 children -> $p2 without"
echo "area in_use: $a0 -> $a1; chunk_bytes: $c0 -> $c1; $ncpu CPUs"

[ "$p2" = "$p0" ] || { echo "charge not returned: $p2 != $p0"; exit 1; }
if [ "$(dbg size)" = 0 ] || [ "$c1" -gt "$c0" ]; then
	# In chunks (cpu_alloc=off, or an area too small: percpu=8k), and
	# mainline's first chunk has no memcg table, so it does not charge
	# the objects it serves; later chunks do.
	[ "$c1" -gt "$c0" ] || { echo "cpu_alloc=off, yet chunks did not grow"; exit 1; }
	[ "$free0" -lt 8192 ] || { echo "accounted objects went to chunks"; exit 1; }
	exit 0
fi
[ "$p1" -gt "$p0" ] || { echo "no percpu charge for the children"; exit 1; }
if [ "$free0" -ge 8192 ]; then	# room for four memcgs (about 1.3 KiB each)
	[ "$c1" = "$c0" ] || { echo "accounted objects went to chunks"; exit 1; }
	# each accounted byte per CPU is charged ncpu + 2 times (the copies
	# plus the memcg pointer per 4 bytes), so the area grew by at least
	# the charge / (ncpu + 2)
	[ $(( (a1 - a0) * (ncpu + 2) )) -ge $((p1 - p0)) ] ||
		{ echo "the area grew less than the charge"; exit 1; }
fi
