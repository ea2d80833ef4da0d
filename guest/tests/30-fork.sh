#!/bin/sh
# modes: check
# Thousands of fork+exit and fork+exec: every new mm allocates per-CPU
# counters through alloc_percpu(), and freeing the mm must give back every
# byte, so cpu_bytes ends where it started.
# pinned: compares cpu_bytes before and after (see init)
f=/sys/kernel/debug/percpu_cache
n=2000
vm() { awk '$1 == "cpu_bytes" {print $2}' /proc/vmstat; }
dbg() { awk -v k="$1:" '$1 == k {print $2}' $f; }
# the small requests the object cache took, from it or from the chunks
total_allocs() { echo $(( $(dbg hits) + $(dbg misses) )); }

# first exec of the program may set up things for good: warm up
forkloop fork 50 > /dev/null && forkloop exec 50 > /dev/null || exit 1
# and let an mm that another CPU still holds from the warm-up go first
before=$(vm)
for i in $(seq 10); do
	sleep 0.5
	now=$(vm)
	[ "$now" = "$before" ] && break
	before=$now
done
allocs=$(total_allocs)
forkloop fork $n || exit 1
forkloop exec $n || exit 1
# an mm can outlive its task for a moment (lazy TLB, RCU)
for i in $(seq 20); do
	after=$(vm)
	[ "$after" = "$before" ] && break
	sleep 0.5
done
made=$(( $(total_allocs) - allocs ))
echo "cpu_bytes before=$before after=$after; per-CPU allocations during the loops: $made"
if [ "$(dbg enabled)" = 1 ]; then
	[ "$made" -ge $((2 * n)) ] || { echo "expected at least $((2 * n)) allocations"; exit 1; }
fi
[ "$after" = "$before" ] || { echo "cpu_bytes did not return to $before"; exit 1; }
