#!/bin/sh
# modes: check contract foreign
# free_percpu() of pointers that no per-CPU allocator handed out: a slab
# object, a vmalloc page, a stack variable, a static per-CPU variable and
# an address where nothing is mapped (percpu_contract test=foreign, one
# load each). Each is refused with a report and the kernel goes on; a live
# object keeps its contents. Mainline dereferences the page such a pointer
# maps and oopses (results/tests-can-fail.md). KUnit percpu_free_foreign
# adds a page past a chunk's unit and checks the counters. guest.foreign=
# names one pointer to try (guest.mode=foreign boots only this test: how
# the stock kernel was tried, one boot per pointer).
ko=/lib/modules/bench/percpu_contract.ko
[ -f $ko ] || { echo "$ko missing"; exit 1; }
# the reports' rate limit: let an earlier test's window close
sleep 6
fail=0
whats="kmalloc vmalloc stack static unmapped"
for arg in $(cat /proc/cmdline); do
	case $arg in guest.foreign=*) whats=${arg#guest.foreign=} ;; esac
done
for what in $whats; do
	mark="65-foreign: $what $$"
	echo "$mark" > /dev/kmsg
	insmod $ko test=foreign what=$what || { echo "FAIL $what: insmod failed"; fail=1; continue; }
	rmmod percpu_contract
	log=$(dmesg | sed -n "/$mark/,\$p")
	report=$(echo "$log" | grep -o 'percpu: free of .*' | head -1)
	echo "$what: ${report:-no report}; $(echo "$log" | grep -o 'foreign: [a-z]* survived.*')"
	echo "$log" | grep -q "foreign: $what survived, live object intact" ||
		{ echo "FAIL $what: live object changed"; fail=1; }
	[ -n "$report" ] || { echo "FAIL $what: refused without a report"; fail=1; }
done
exit $fail
