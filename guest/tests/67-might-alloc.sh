#!/bin/sh
# modes: check contract
# With CONFIG_DEBUG_ATOMIC_SLEEP (make check-debug, which puts
# guest.atomic_sleep=1 on the command line), a GFP_KERNEL request made
# with preemption disabled is reported at once, through each entry point,
# although the object cache may serve it without sleeping (percpu_contract
# test=atomic: alloc_percpu_gfp() and cpu_alloc(), a second apart).
# pcpu_alloc_noprof() checks with might_sleep_if() (not might_alloc(),
# inline in <linux/sched/mm.h>, whose fs_reclaim annotation would report
# GFP_NOIO backing allocations), so each report names mm/percpu.c (or
# sched/mm.h, should it use might_alloc()); its stack names the
# allocator, which must be the frame right above
# the checker: in a kmemleak kernel, kmemleak's own GFP_KERNEL metadata
# allocation would report the same request later.
# The reports are expected, so the verdict does not count them.
ko=/lib/modules/bench/percpu_contract.ko
grep -qw guest.atomic_sleep=1 /proc/cmdline || { echo "kernel without DEBUG_ATOMIC_SLEEP"; exit 77; }
[ -f $ko ] || { echo "$ko missing"; exit 1; }
mark="67-might-alloc: start $$"
echo "$mark" > /dev/kmsg
echo "expect-warning: BUG: sleeping function called from invalid context at ([^ ]*/)?(include/linux/sched/mm\.h|mm/percpu\.c)" > /dev/kmsg
insmod $ko test=atomic || { echo "insmod failed"; exit 1; }
rmmod percpu_contract
log=$(dmesg | sed -n "/$mark/,\$p")
bugs=$(echo "$log" | grep -cE 'BUG: sleeping function called from invalid context at ([^ ]*/)?(include/linux/sched/mm\.h|mm/percpu\.c)')
# The function each report came from: the first reliable frame of its
# stack above the checker. It must be the entry point itself, not a
# later allocation (kmemleak's metadata, a chunk's pages) on its way.
callers=$(echo "$log" | awk '
	/BUG: sleeping function called/ { want = 1; next }
	want && /\? / { next }
	want && / (dump_stack_lvl|__might_resched|__might_sleep)\+/ { next }
	want && /^\[[ 0-9.]*\]  [a-z_]/ { sub(/^\[[ 0-9.]*\]  /, ""); sub(/\+.*/, ""); print; want = 0 }')
echo "reports: $bugs, from:" $callers
[ "$bugs" = 2 ] && [ "$(echo $callers)" = "pcpu_alloc_noprof pcpu_alloc_noprof" ] ||
	{ echo "FAIL: want two reports, both from pcpu_alloc_noprof (alloc_percpu_gfp(), then cpu_alloc())"; exit 1; }
