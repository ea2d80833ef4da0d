#!/bin/sh
# modes: check contract
# Refused calls are reported with the caller's stack, rate-limited across
# both allocators, and __GFP_NOWARN silences an allocation's report
# (percpu_contract test=misuse). After the rate limit's interval, the
# module makes an oversized cpu_alloc() with __GFP_NOWARN (no report) and
# one without (one report), then 30 frees of a pointer 4 bytes into a live
# object, alternately one the object cache takes (16 bytes) and one it
# leaves to the chunks (512): the window's ten reports are the request's
# and nine frees', each followed by a stack trace through the module.
ko=/lib/modules/bench/percpu_contract.ko
[ -f $ko ] || { echo "$ko missing"; exit 1; }
mark="64-misuse: start $$"
echo "$mark" > /dev/kmsg
insmod $ko test=misuse objects=30 || { echo "insmod failed"; exit 1; }
rmmod percpu_contract
log=$(dmesg | sed -n "/$mark/,\$p")
served=$(echo "$log" | grep -c 'cpu_alloc(): size .* cannot be served')
frees=$(echo "$log" | grep -c 'percpu: free of .*: not the start of an object')
# a frame of the module's function, not an unreliable '?' entry
traces=$(echo "$log" | grep -v '? ' | grep -c ' test_misuse+0x.*\[percpu_contract\]')
echo "reports: oversized $served, interior frees $frees, stack traces through the module $traces"
fail=0
# percpu_cache=off: cpu_alloc() still refuses the size; the kernel is the same
[ "$served" = 1 ] || { echo "FAIL: $served reports of the oversized request, want 1 (the one without __GFP_NOWARN)"; fail=1; }
[ "$frees" = 9 ] || { echo "FAIL: $frees interior-free reports, want 9 (the rest of the rate limit's 10)"; fail=1; }
[ "$traces" = 10 ] || { echo "FAIL: $traces stack traces name test_misuse, want 10"; fail=1; }
echo "$log" | grep -q 'callbacks suppressed' && echo "note: earlier reports were suppressed"
exit $fail
