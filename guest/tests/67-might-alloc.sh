#!/bin/sh
# modes: check contract
# With CONFIG_DEBUG_ATOMIC_SLEEP (make check-debug, which puts
# guest.atomic_sleep=1 on the command line), a GFP_KERNEL request made
# with preemption disabled is reported at once, through each entry point,
# although the area serves it without sleeping (percpu_contract
# test=atomic: alloc_percpu_gfp(), cpu_alloc(), __cpu_alloc(), a second
# apart). The reports are expected, so the verdict does not count them.
ko=/lib/modules/bench/percpu_contract.ko
grep -qw guest.atomic_sleep=1 /proc/cmdline || { echo "kernel without DEBUG_ATOMIC_SLEEP"; exit 77; }
[ -f $ko ] || { echo "$ko missing"; exit 1; }
mark="67-might-alloc: start $$"
echo "$mark" > /dev/kmsg
echo "expect-warning: BUG: sleeping function called from invalid context at mm/(percpu|cpu_alloc)\.c" > /dev/kmsg
insmod $ko test=atomic || { echo "insmod failed"; exit 1; }
rmmod percpu_contract
log=$(dmesg | sed -n "/$mark/,\$p")
bug='BUG: sleeping function called from invalid context at'
percpu=$(echo "$log" | grep -c "$bug mm/percpu\.c")
area=$(echo "$log" | grep -c "$bug mm/cpu_alloc\.c")
echo "reports: mm/percpu.c $percpu, mm/cpu_alloc.c $area"
[ "$percpu" = 1 ] && [ "$area" = 2 ] ||
	{ echo "FAIL: want one report from alloc_percpu_gfp() (mm/percpu.c) and one each from cpu_alloc() and __cpu_alloc() (mm/cpu_alloc.c)"; exit 1; }
