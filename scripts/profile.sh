#!/bin/bash
# make profile: where the instructions of a workload go, by kernel
# function, stock against patched and patched with percpu_cache=off. One
# boot of each kernel (make bench's, scripts/bench-stock.sh) at POSSIBLE
# possible CPUs (64 by default; maxcpus=2, so 2 of them run), counting with
# the icount plugin's map= profile (each kernel's System.map); then
# scripts/profile-report.py for each of WORKLOADS into
# results/bench/profile-smp<POSSIBLE>.md, with the share of all the
# functions mm/percpu.c defines (their own instructions, not the locks
# and helpers they call).
# Environment: POSSIBLE (64), WORKLOADS ("mount memcg"), TOP (25 functions),
# ICOUNT_RUNS (3), PLUGIN_SO (the built plugin).
set -eu
possible=${POSSIBLE:-64}
workloads=${WORKLOADS:-mount memcg}
top=${TOP:-25}
plugin=${PLUGIN_SO:-$BUILD/plugin/icount.so}
dir=$BUILD/bench/profile-smp$possible
out=$REPO/results/bench/profile-smp$possible.md
say() { echo "profile: $*"; }
[ -f "$plugin" ] || { say "$plugin missing (make plugin)"; exit 1; }
for w in $workloads; do
	case " loop fork exec vfork memcg mount netns tc hackbench_process hackbench_thread " in
	*" $w "*) ;;
	*) say "WORKLOADS: no workload '$w' (guest/tests/70-icount.sh)"; exit 1 ;;
	esac
done
BENCH_CONFIG=guest "$REPO/scripts/bench-stock.sh"
rm -rf "$dir"
mkdir -p "$dir"

extra=
[ "$possible" -gt 2 ] && extra=maxcpus=2
list=$(echo $workloads | tr ' ' ,)
for k in stock patched patched-off; do
	img=$OBJ/arch/x86/boot/bzImage map=$OBJ/System.map initrd=$BUILD/bench/initramfs-patched.cpio off=
	case $k in
	stock) img=$BUILD/bench/obj-stock/arch/x86/boot/bzImage map=$BUILD/bench/obj-stock/System.map
		initrd=$BUILD/bench/initramfs-stock.cpio ;;
	patched-off) off=percpu_cache=off ;;
	esac
	say "$k kernel, $possible possible CPUs: $workloads"
	SMP=$possible PLUGIN=$plugin,map=$map TIMEOUT=${TIMEOUT:-1800} \
		APPEND="guest.mode=icount guest.runs=${ICOUNT_RUNS:-3} guest.workloads=$list nokaslr norandmaps randomize_kstack_offset=off $extra $off" \
		"$REPO/scripts/qemu-run.sh" "$img" "$initrd" "$dir/$k" > /dev/null || true
	python3 "$REPO/scripts/verdict.py" "$dir/$k" "profile-$k" > /dev/null ||
		{ grep '^FAIL' "$dir/$k/verdict.txt" || true; say "$k: the boot failed"; exit 1; }
done

{
	echo "# Where the instructions go: $possible possible CPUs"
	echo
	echo "Made by \`make profile POSSIBLE=$possible WORKLOADS=\"$workloads\"\` on"
	echo "$(date -u '+%Y-%m-%d'): one boot of each kernel under QEMU TCG"
	echo "($(qemu-system-x86_64 --version | head -1)) with bench/plugin's map="
	echo "profile, -smp $possible${extra:+ and $extra}, guest.runs=${ICOUNT_RUNS:-3};"
	echo "host: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'),"
	echo "$(nproc) CPUs. Kernels: stock Linux $(cat "$BUILD/bench/release-stock.txt") and"
	echo "the series applied (Linux $(cat "$BUILD/bench/release-patched.txt")), built from"
	echo "configs/guest.config and qemu.config (cpu_alloc.config for the series)."
	echo "Instructions per operation, summed over the counted runs; a"
	echo "function's count includes what it inlined, and a translation block"
	echo "counts for the function it starts in. The last row of each table"
	echo "sums the functions mm/percpu.o defines (the chunk allocator, and in"
	echo "the patched kernel the object cache), with their share of the total:"
	echo "the locks they take are counted in the lock functions, not here."
	for w in $workloads; do
		echo
		python3 "$REPO/scripts/profile-report.py" "$w" "$top" \
			stock="$dir/stock:$BUILD/bench/obj-stock/mm/percpu.o" \
			patched="$dir/patched:$OBJ/mm/percpu.o" off="$dir/patched-off:$OBJ/mm/percpu.o"
	done
} > "$out.tmp"
mv "$out.tmp" "$out"
say "$out"
