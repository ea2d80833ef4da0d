#!/bin/sh
# modes: check sizing reclaim
# After a workload that frees what it allocated, Percpu in /proc/meminfo
# comes back to where it started within 40 s, give or take the 4 pages per
# possible CPU that mm/percpu.c keeps populated for atomic allocations
# (PCPU_EMPTY_POP_PAGES_HIGH): memcg churns of 100 and 300 cgroups (about
# 1.3 KiB of per-CPU statistics each), then fork, mount and module loops.
# The chunks give back pages that stayed empty for a whole
# PCPU_RECLAIM_DELAY (10 s), so a burst's pages go within 20 s of its end,
# plus the object cache's trim of what it holds (2 to 4 s).
# Runs with the cache and with percpu_cache=off.
# guest.return=0: boots that test something else skip it (make check time).
# guest.pcpustats=1 (a kernel with CONFIG_PERCPU_STATS): each chunk's
# objects and free space after each workload, a line per chunk
# (scripts/wip/percpu-return-stats.sh).
grep -qw guest.return=0 /proc/cmdline && exit 77
cg=/sys/fs/cgroup
mkdir -p $cg
grep -q " $cg cgroup2 " /proc/mounts || mount -t cgroup2 none $cg || exit 1
echo +memory > $cg/cgroup.subtree_control || exit 1
mkdir -p $cg/churn || exit 1
echo +memory > $cg/churn/cgroup.subtree_control || exit 1

# units of the first chunk: one per possible CPU
npos=$(awk -F, '{n = 0; for (i = 1; i <= NF; i++) {
	split($i, r, "-"); n += (r[2] == "" ? 1 : r[2] - r[1] + 1) } print n}' \
	/sys/devices/system/cpu/possible)
slack=$((4 * 4 * npos))	# kB: 4 pages of 4 KiB per unit
percpu() { awk '$1 == "Percpu:" {print $2}' /proc/meminfo; }
fails=0
start=$(percpu)

# wait_back BASE: poll Percpu each second until it is within the slack of
# BASE, for at most 40 s; leaves it in $now and the seconds in $t
wait_back() {
	t=0
	now=$(percpu)
	while [ "$now" -gt $(($1 + slack)) ] && [ $t -lt 40 ]; do
		sleep 1
		t=$((t + 1))
		now=$(percpu)
	done
}

# run NAME CMD...: Percpu before CMD, when it ends, and once it is back
# within the slack of before (at most 40 s)
run() {
	name=$1
	shift
	before=$(percpu)
	"$@" || { echo "percpu-return: $name: the workload failed"; fails=$((fails + 1)); return; }
	end=$(percpu)
	wait_back "$before"
	verdict=ok
	[ "$now" -le $((before + slack)) ] || { verdict=FAIL; fails=$((fails + 1)); }
	echo "percpu-return: $name before=$before end=$end after=$now kB t=${t}s slack=$slack $verdict"
	grep -qw guest.pcpustats=1 /proc/cmdline && chunks "$name"
	return 0
}

# chunks NAME: a line per chunk of /sys/kernel/debug/percpu_stats
chunks() {
	awk -v w="$1" '/^Chunk:/ { c = $0; sub(/^Chunk: *(<- )?/, "", c); sub(/[ \r]+$/, "", c); if (c == "") c = "chunk"; n++ }
		n && $1 ~ /^(nr_alloc|free_bytes|contig_bytes|sum_frag|empty_pop_pages)$/ {
			v[n] = v[n] " " $1 "=" $3; name[n] = c }
		END { for (i = 1; i <= n; i++) print "percpu-chunks: " w ": " name[i] ":" v[i] }' \
		/sys/kernel/debug/percpu_stats
}

memcgs() {
	i=0
	while [ $i -lt "$1" ]; do mkdir $cg/churn/m$i || return 1; i=$((i + 1)); done
	i=0
	while [ $i -lt "$1" ]; do rmdir $cg/churn/m$i || return 1; i=$((i + 1)); done
}
forks() {
	i=0
	while [ $i -lt 1000 ]; do /bin/true || return 1; i=$((i + 1)); done
}
mounts() {
	mkdir -p /tmp/m
	i=0
	while [ $i -lt 100 ]; do
		mount -t tmpfs none /tmp/m && umount /tmp/m || return 1
		i=$((i + 1))
	done
}
modules() {
	ko=$(find /lib/modules -name cpu_alloc_reload.ko | head -n 1)
	[ -n "$ko" ] || { echo "cpu_alloc_reload.ko not found"; return 1; }
	i=0
	while [ $i -lt 50 ]; do
		insmod "$ko" && rmmod cpu_alloc_reload || return 1
		i=$((i + 1))
	done
}

for n in 100 300; do
	run "memcg-$n" memcgs $n
done
run fork forks
run mount mounts
run module modules
rmdir $cg/churn
# each run may end up to a slack above its own start: the drift of all
# of them together goes back within one slack of the first start too
end=$(percpu)
wait_back "$start"
echo "percpu-return: all start=$start end=$end after=$now kB t=${t}s"
[ "$now" -le $((start + slack)) ] || { echo "Percpu did not return to $start kB"; fails=$((fails + 1)); }
[ $fails = 0 ]
