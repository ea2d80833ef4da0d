#!/bin/sh
# modes: check
# lib/percpu_test.c checks this_cpu operations on static variables and on
# objects from CPU_ALLOC; it WARNs on a mismatch, prints its totals and
# always fails its init (-EAGAIN) so that it unloads at once.
# pinned: compares cpu_bytes before and after (see init)
ko=$(find /lib/modules -name percpu_test.ko | head -n 1)
[ -n "$ko" ] || { echo "percpu_test.ko not found"; exit 1; }
. /tests/cpu_bytes.sh
cpu_bytes_settled; before=$CB
dmesg -c > /dev/null
insmod "$ko" 2>/dev/null
log=$(dmesg)
echo "$log"
echo "$log" | grep -q 'percpu test done' || { echo "no 'percpu test done'"; exit 1; }
if echo "$log" | grep -q 'WARNING:'; then
	echo "percpu_test warned"
	exit 1
fi
# The patched module reports its totals; the stock one does not.
if tot=$(echo "$log" | grep -o 'percpu test: [0-9]* checks, [0-9]* failed'); then
	echo "$tot"
	echo "$tot" | grep -q ' 0 failed' || exit 1
fi
cpu_bytes_back "$before" || { echo "cpu_bytes: $before -> $CB"; exit 1; }
