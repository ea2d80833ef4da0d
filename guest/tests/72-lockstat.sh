#!/bin/sh
# modes: lockstat
# make lockstat: exec, memcg and netns loops on every online CPU at once,
# one loop pinned to each CPU. Over each workload's interval, after a
# warm-up: /proc/lock_stat's lines for the per-CPU allocator's global
# locks (pcpu_alloc_mutex, pcpu_lock and, with the series, the object
# cache's depot and drain locks), and the calls of pcpu_alloc_noprof()
# and free_percpu() counted by the function profiler. The host's
# scripts/lockstat-report.py divides them. guest.ops= sets the operations
# per CPU (exec 100, memcg 100, netns 20 by default). On a patched kernel
# also the object cache's hits, misses, frees kept and magazine exchanges
# (its debugfs file) over the same interval.
arg() { tr ' ' '\n' < /proc/cmdline | sed -n "s/^guest.$1=//p"; }
scale=$(arg ops)
[ -r /proc/lock_stat ] || { echo "lockstat: no /proc/lock_stat (CONFIG_LOCK_STAT)"; exit 1; }
tr=/sys/kernel/tracing
grep -q " $tr tracefs " /proc/mounts || mount -t tracefs none $tr || exit 1
echo 'pcpu_alloc_noprof free_percpu' > $tr/set_ftrace_filter || exit 1
cg=/sys/fs/cgroup
grep -q " $cg cgroup2 " /proc/mounts || mount -t cgroup2 none $cg || exit 1
echo +memory > $cg/cgroup.subtree_control || exit 1
cpus=$(nproc)
dbg=/sys/kernel/debug
grep -q " $dbg debugfs " /proc/mounts || mount -t debugfs none $dbg || exit 1
# the object cache's counters since boot (patched kernels only)
cache() {
	[ -r $dbg/percpu_cache ] || { echo 0 0 0 0; return; }
	awk '$1 == "hits:" { h = $2 } $1 == "misses:" { m = $2 }
	     $1 == "frees:" { f = $2 } $1 == "exchanges:" { x = $2 }
	     END { print h + 0, m + 0, f + 0, x + 0 }' $dbg/percpu_cache
}
locks='pcpu_alloc_mutex|pcpu_lock|&pcpu_depot\[class\]\.lock|pcpu_cache_drain_mutex'

# every CPU's loop at once: NAME OPS WORKLOAD...; each waits 300 ms past
# its last operation for deferred frees (RCU, netns cleanup)
loops() {
	label=$1 n=$2
	shift 2
	pids=
	i=0
	while [ $i -lt "$cpus" ]; do
		dir=
		if [ "$1" = memcg ]; then
			# the memory controller for the loop's own cgroups too
			mkdir -p $cg/l$i || return 1
			echo +memory > $cg/l$i/cgroup.subtree_control || return 1
			dir=$cg/l$i
		fi
		taskset "$(printf %x $((1 << i)))" icount -s 300 "$label-cpu$i" "$n" "$@" $dir > /dev/null &
		pids="$pids $!"
		i=$((i + 1))
	done
	rc=0
	for p in $pids; do wait "$p" || rc=1; done
	return $rc
}

one() {
	name=$1 ops=$2
	shift 2
	[ -z "$scale" ] || ops=$scale
	loops "warmup-$name" "$ops" "$1" || return 1
	echo 0 > $tr/function_profile_enabled
	echo 0 > /proc/lock_stat
	echo 1 > $tr/function_profile_enabled
	# shellcheck disable=SC2046 # the workload, then four numbers
	set -- "$1" $(cache)
	loops "$name" "$ops" "$1" || return 1
	# the locks first, the counters right after: what lands between the
	# two reads is in one and not the other
	grep -E "^ *($locks): " /proc/lock_stat > /tmp/lockstat.txt
	echo 0 > $tr/function_profile_enabled
	# shellcheck disable=SC2046 # four numbers
	set -- $(cache) "$2" "$3" "$4" "$5"
	echo "lockstat: workload=$name ops=$((ops * cpus)) cpus=$cpus"
	echo "lockstat: cache hits=$(($1 - $5)) misses=$(($2 - $6)) frees=$(($3 - $7)) exchanges=$(($4 - $8))"
	# class name: con-bounces contentions ... acq-bounces acquisitions ...
	awk -F: '{
		split($2, f, " "); gsub(/ /, "", $1)
		printf "lockstat: lock=%s contentions=%s acquisitions=%s\n", $1, f[2], f[8] }' /tmp/lockstat.txt
	# the profiler's per-CPU tables: Function Hit Time Avg s^2
	cat $tr/trace_stat/function* | awk '
		$1 == "pcpu_alloc_noprof" { a += $2 }
		$1 == "free_percpu" { f += $2 }
		END { printf "lockstat: allocs=%d frees=%d\n", a, f }'
}

one exec 100 exec &&
one memcg 100 memcg &&
one netns 20 netns
