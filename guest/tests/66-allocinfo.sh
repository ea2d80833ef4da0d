#!/bin/sh
# modes: check contract
# With CONFIG_MEM_ALLOC_PROFILING (make check-debug), per-CPU objects are
# charged to their call sites in /proc/allocinfo, those the object cache
# hands out too, with the size mm/percpu.c charges a chunk object:
# size * possible CPUs + a memcg pointer per 4 bytes. percpu_contract
# holds N objects from alloc_percpu() and from cpu_alloc(), each from
# one function; each line grows by N calls and N times that size, and
# drops back to where it was when they are freed. Mainline tags no object
# of the first chunk (it has no extension vector), so the module first
# holds 256 KiB per unit of the same size from a third site (fill=), more
# than the first chunk's dynamic region, after the cache gave back what
# it held; each line must then grow by what the objects past the first
# chunk (beyond=, at least one) take, and by nothing for the others.
f=/proc/allocinfo
ko=/lib/modules/bench/percpu_contract.ko
[ -r $f ] || { echo "no $f: kernel without MEM_ALLOC_PROFILING"; exit 77; }
[ -f $ko ] || { echo "$ko missing"; exit 1; }
size=16 n=64
last=$(sed 's/.*-//' /sys/devices/system/cpu/possible)
ncpu=$((last + 1))
extra=$((size / 4 * 8))
grep -qw cgroup.memory=nokmem /proc/cmdline && extra=0
per=$((size * ncpu + extra))
cache=/sys/kernel/debug/percpu_cache
[ -w $cache ] && echo shrink > $cache
insmod $ko size=$size fill=$((256 * 1024 / size)) || { echo "insmod failed"; exit 1; }
# bytes and calls of one call site of the module, 0 0 if not listed
site() { awk -v fn="func:$1" '$NF == fn && /percpu_contract/ { b = $1; c = $2 } END { print b + 0, c + 0 }' $f; }
fail=0
col=1
for fn in contract_alloc_percpu contract_cpu_alloc; do
	set -- $(site $fn)
	b0=$1 c0=$2
	echo $n > /sys/module/percpu_contract/parameters/hold
	set -- $(site $fn)
	b1=$1 c1=$2
	k=$(cut -d' ' -f$col /sys/module/percpu_contract/parameters/beyond)
	col=$((col + 1))
	echo 0 > /sys/module/percpu_contract/parameters/hold
	set -- $(site $fn)
	b2=$1 c2=$2
	want=$((k * per))
	echo "$fn: before $b0 bytes $c0 calls, holding $n ($k past the first chunk): $b1 bytes $c1 calls, after: $b2 bytes $c2 calls (want +$want bytes, +$k calls)"
	[ "$k" -ge 1 ] || { echo "FAIL $fn: no held object past the first chunk"; fail=1; }
	[ $((b1 - b0)) = $want ] && [ $((c1 - c0)) = $k ] ||
		{ echo "FAIL $fn: holding adds $((b1 - b0)) bytes, $((c1 - c0)) calls"; fail=1; }
	[ "$b2" = "$b0" ] && [ "$c2" = "$c0" ] ||
		{ echo "FAIL $fn: freeing left $b2 bytes, $c2 calls"; fail=1; }
done
rmmod percpu_contract
exit $fail
