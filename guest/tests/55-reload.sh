#!/bin/sh
# modes: check
# A module holding a static per-CPU variable, an alloc_percpu() object and
# a CPU_ALLOC() object is loaded and unloaded 200 times: cpu_bytes must end
# where it started and the module must never complain.
# pinned: compares cpu_bytes before and after (see init)
ko=$(find /lib/modules -name cpu_alloc_reload.ko | head -n 1)
[ -n "$ko" ] || { echo "cpu_alloc_reload.ko not found"; exit 1; }
. /tests/cpu_bytes.sh
n=200
cpu_bytes_settled; before=$CB
dmesg -c > /dev/null
i=0
while [ $i -lt $n ]; do
	insmod "$ko" || { echo "load $i failed"; exit 1; }
	rmmod cpu_alloc_reload || { echo "unload $i failed"; exit 1; }
	i=$((i + 1))
done
cpu_bytes_back "$before"; after=$CB
echo "$n loads and unloads; cpu_bytes before=$before after=$after"
if dmesg | grep 'cpu_alloc_reload:'; then
	exit 1
fi
[ "$after" = "$before" ] || { echo "cpu_bytes did not return to $before"; exit 1; }
