#!/bin/sh
# modes: check contract
# With CONFIG_DEBUG_ATOMIC_SLEEP (make check-debug, which puts
# guest.atomic_sleep=1 on the command line), a GFP_KERNEL request made
# with preemption disabled is reported at once, through each entry point,
# although the area serves it without sleeping (percpu_contract
# test=atomic: alloc_percpu_gfp(), cpu_alloc(), __cpu_alloc(), a second
# apart). might_alloc() is inline in <linux/sched/mm.h>, so each report
# names that file; its stack names the entry point. The reports are
# expected, so the verdict does not count them.
ko=/lib/modules/bench/percpu_contract.ko
grep -qw guest.atomic_sleep=1 /proc/cmdline || { echo "kernel without DEBUG_ATOMIC_SLEEP"; exit 77; }
[ -f $ko ] || { echo "$ko missing"; exit 1; }
mark="67-might-alloc: start $$"
echo "$mark" > /dev/kmsg
echo "expect-warning: BUG: sleeping function called from invalid context at include/linux/sched/mm\.h" > /dev/kmsg
insmod $ko test=atomic || { echo "insmod failed"; exit 1; }
rmmod percpu_contract
log=$(dmesg | sed -n "/$mark/,\$p")
bugs=$(echo "$log" | grep -c 'BUG: sleeping function called from invalid context at include/linux/sched/mm\.h')
# the entry points in the reports' stacks
percpu=$(echo "$log" | grep -c ' pcpu_alloc_noprof+')
api=$(echo "$log" | grep -c ' cpu_alloc_noprof+')
raw=$(echo "$log" | grep -c ' __cpu_alloc_noprof+')
echo "reports: $bugs; in their stacks: pcpu_alloc_noprof $percpu, cpu_alloc_noprof $api, __cpu_alloc_noprof $raw"
[ "$bugs" = 3 ] && [ "$percpu" = 1 ] && [ "$api" = 1 ] && [ "$raw" = 1 ] ||
	{ echo "FAIL: want three reports, one through each of alloc_percpu_gfp(), cpu_alloc() and __cpu_alloc()"; exit 1; }
