#!/bin/sh
# modes: icount
# make bench's instruction counts: every workload runs between the two
# marker instructions of guest/src/icount.c, which the host's QEMU plugin
# (bench/plugin/icount.c) counts between. guest.runs= sets the runs
# (3), guest.workloads= a comma-separated subset (default: all). Each
# workload runs once unmeasured first ("warmup-"), so that slab caches,
# per-CPU chunks and the page cache are in their steady state; those
# whose frees are deferred (RCU, workers) hold many objects at once and
# warm up with as many operations as they measure.
# The single-process workloads run on CPU 0 with their children: where
# the scheduler places a new child (the other CPU idle or not) changes a
# fork's count by several percent from boot to boot, more than the
# allocator does. hackbench runs unpinned, on every CPU.
arg() { tr ' ' '\n' < /proc/cmdline | sed -n "s/^guest.$1=//p"; }
runs=$(arg runs)
only=$(arg workloads)
want() { [ -z "$only" ] || echo ",$only," | grep -q ",$1,"; }

cg=/sys/fs/cgroup
mkdir -p $cg /tmp/icount-mnt
grep -q " $cg cgroup2 " /proc/mounts || mount -t cgroup2 none $cg || exit 1
echo +memory > $cg/cgroup.subtree_control || exit 1
# iproute2's tc, not busybox's (which is first in PATH)
tc=/usr/bin/tc
$tc qdisc add dev lo ingress || exit 1
# tc batch: N filters, each with a gact action (per-CPU statistics of
# its own), added and deleted one at a time
tcbatch() {
	i=1
	while [ $i -le "$1" ]; do
		echo "filter add dev lo ingress pref $i matchall action gact pass"
		echo "filter del dev lo ingress pref $i"
		i=$((i + 1))
	done
}
tcbatch 100 > /tmp/tc-100

# The object cache's coverage of a measured run: the requests of its
# size classes served from a magazine (hits) or by the chunks (misses),
# read outside the marked interval; none on a kernel without the cache
dbgf=/sys/kernel/debug/percpu_cache
counts() {
	[ -r $dbgf ] || return 0
	awk '$1 == "hits:" {h = $2} $1 == "misses:" {m = $2} END {print h + 0, m + 0}' $dbgf
}

# one NAME OPS WARMUP_OPS [icount options]: run $work, measured or, in
# run 0, as a warm-up
one() {
	name=$1 ops=$2 warm=$3
	shift 3
	want "$name" || return 0
	if [ "$run" = 0 ]; then
		$pin icount "$@" "warmup-$name" "$warm" $work || return 1
	else
		before=$(counts)
		$pin icount "$@" "$name" "$ops" $work || return 1
		[ -z "$before" ] || echo "$before $(counts)" | awk -v w="$name" \
			'{print "coverage: workload=" w " hits=" $3 - $1 " misses=" $4 - $2}'
	fi
}
all() {
	work=loop one loop 10000000 1000 &&
	work=fork one fork 500 50 &&
	work=exec one exec 200 20 &&
	work=vfork one vfork 200 20 &&
	work="memcg $cg" one memcg 100 100 -s 200 &&
	work="mount /tmp/icount-mnt" one mount 300 300 -s 200 &&
	work=netns one netns 30 30 -s 300 &&
	work="run $tc -batch /tmp/tc-100" one tc 100 100 -s 200 &&
	pin= work="run hackbench -g 4 -l 100" one hackbench_process 1 1 &&
	pin= work="run hackbench -T -g 4 -l 100" one hackbench_thread 1 1
}
pin="taskset 1"
for run in $(seq 0 "${runs:-3}"); do
	all > /tmp/icount.out 2>&1
	rc=$?
	cat /tmp/icount.out
	[ $rc = 0 ] || { echo "icount: run $run failed"; exit 1; }
done

# The in-kernel pair and bulk benchmark, each run bracketed by markers
if want module; then
	ko=/lib/modules/bench/percpu_bench.ko
	[ -f $ko ] || { echo "$ko missing"; exit 1; }
	# one more run than measured: the module's first is its warm-up
	insmod $ko icount=1 runs=$((${runs:-3} + 1)) || exit 1
	rmmod percpu_bench
fi
exit 0
