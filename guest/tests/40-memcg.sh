#!/bin/sh
# modes: check
# Accounted per-CPU objects are charged to a memcg as mainline charges
# them and uncharged when freed. A new memcg allocates its statistics with
# alloc_percpu_gfp(GFP_KERNEL_ACCOUNT), charged to its parent: the parent's
# memory.stat "percpu" must grow with children and come back without them.
# The first chunk has no memcg table, so mainline does not charge what it
# serves, from the object cache or not: there the charge can stay 0; later
# chunks charge, and every charge comes back.
cg=/sys/fs/cgroup
mkdir -p $cg
grep -q " $cg cgroup2 " /proc/mounts || mount -t cgroup2 none $cg || exit 1
echo +memory > $cg/cgroup.subtree_control || exit 1
mkdir -p $cg/t || exit 1
echo +memory > $cg/t/cgroup.subtree_control || exit 1	# children get a memcg
percpu() { awk '$1 == "percpu" {print $2}' $cg/t/memory.stat; }

p0=$(percpu)
for i in 1 2 3 4; do mkdir $cg/t/c$i || exit 1; done
sleep 3	# memory.stat shows small changes after the 2 s periodic flush
p1=$(percpu)
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

[ "$p2" = "$p0" ] || { echo "charge not returned: $p2 != $p0"; exit 1; }
[ "$p1" -ge "$p0" ] || { echo "the charge fell while children lived"; exit 1; }
