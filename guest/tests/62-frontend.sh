#!/bin/sh
# modes: check frontend race
# The front end's lock traffic. Objects handed from one CPU to another
# (percpu_bench test=prodcons), every CPU allocating and freeing batches
# at once (test=allcpu) and fork+exit, each with cpu_alloc's debugfs
# counters read around it: lock round trips per operation and the share of
# allocations and frees that took no lock. The chunk allocator is timed in
# the same boot. Only where guest.frontend=1 is on the command line.
f=/sys/kernel/debug/cpu_alloc
ko=/lib/modules/bench/percpu_bench.ko
grep -qw guest.frontend=1 /proc/cmdline || exit 77
[ -r $f ] || { echo "$f missing"; exit 1; }
[ -f $ko ] || { echo "$ko missing"; exit 1; }
ncpu=$(grep -c ^processor /proc/cpuinfo)
[ "$ncpu" -ge 2 ] || { echo "needs two CPUs"; exit 77; }
dbg() { awk -v k="$1:" '$1 == k {print $2}' $f; }
# the 16-byte class's slots per CPU: what a magazine holds
slots16=$(awk '$1 == "slots:" {print $4}' $f)
echo "slots per class: $(awk '$1 == "slots:" {$1 = ""; print}' $f)"

snap() {
	echo "$(dbg allocations) $(dbg frees) $(dbg allocations_lockless)" \
		"$(dbg frees_lockless) $(dbg lock_acquisitions)" \
		"$(dbg depot_gets) $(dbg depot_puts)"
}
fail=0
# name, then the counters before and after: print the traffic, and with
# a target, require that share of allocations and of frees to be lockless
traffic() {
	name=$1 target=$2
	shift 2
	echo "$@" | awk -v name="$name" -v target="$target" -v ncpu="$ncpu" '{
		a = $8 - $1; f = $9 - $2; la = $10 - $3; lf = $11 - $4
		l = $12 - $5; g = $13 - $6; p = $14 - $7
		ops = a + f
		if (!a || !f) { print "FAIL " name ": no allocations or frees counted"; exit 1 }
		printf "report: frontend %s cpus=%d allocs=%d frees=%d locks=%d locks_per_op=%.4f lockless_allocs=%.1f%% lockless_frees=%.1f%% depot_gets=%d depot_puts=%d\n",
			name, ncpu, a, f, l, l / ops, 100 * la / a, 100 * lf / f, g, p
		if (target && (100 * la < target * a || 100 * lf < target * f)) {
			printf "FAIL %s: fewer than %d%% of allocations or frees took no lock\n", name, target
			exit 1
		}
	}'
}
# a magazine of 10 or more objects makes 90% the rule; 75% is required,
# because under TCG the host's scheduling can let a consumer fall so far
# behind that the area runs low and the producer allocates one object a
# time (81% seen once at -smp 8; the previous front end: 0 to 13%).
# guest.frontend_target= sets the share whatever the slots.
target=0
[ "${slots16:-0}" -ge 10 ] && target=75
forced=$(tr " " "\n" < /proc/cmdline | sed -n "s/^guest.frontend_target=\([0-9]*\)$/\1/p")
target=${forced:-$target}
echo "required share of lockless allocations and frees: ${target}%"

bench() {
	dmesg -c > /dev/null
	insmod $ko test="$1" allocator="$2" runs=3 objects="$3" || return 1
	rmmod percpu_bench
	dmesg | grep -q 'percpu_bench: done' || { dmesg | tail -5; return 1; }
	line=$(dmesg | sed -n 's/.*percpu_bench: \(test=.*\) run=[0-9]* \(unit=[a-z_]*\) value=.*/\1 \2/p' | head -n 1)
	dmesg | sed -n 's/.*percpu_bench: test=.* value=\([0-9.]*\)$/\1/p' | sort -n |
		awk -v line="$line" '{v[NR] = $1} END {
			printf "report: frontend %s runs=%d min=%s median=%s max=%s\n", line, NR, v[1], v[int((NR + 1) / 2)], v[NR]
		}'
}

for t in prodcons allcpu; do
	n=20000
	[ $t = allcpu ] && n=$((40000 / ncpu))
	before=$(snap)
	bench $t cpu_alloc $n || { echo "FAIL $t cpu_alloc: module"; fail=1; continue; }
	after=$(snap)
	traffic "test=$t allocator=cpu_alloc" "$target" "$before" "$after" || fail=1
	bench $t chunk $n || { echo "FAIL $t chunk: module"; fail=1; }
done

# fork+exit: the child frees its mm where it exits, often not on the
# CPU that allocated it
forkloop fork 100 > /dev/null || exit 1
before=$(snap)
forkloop fork 2000 > /dev/null || exit 1
sleep 1
after=$(snap)
traffic "test=forkexit" "$target" "$before" "$after" || fail=1
exit $fail
