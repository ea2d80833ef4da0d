#!/bin/bash
# make bench: the stock tree and the patched one, built from the same
# config fragments, booted side by side, first counting instructions and
# then timing. Each round boots stock, patched and patched with
# percpu_cache=off, in that order, so drift hits all three alike.
#  1. Instructions: boots under single-threaded TCG with the icount plugin
#     (bench/plugin), ROUNDS boots of each kernel at each of ICOUNT_SMP
#     (2 8), ICOUNT_RUNS (3) runs of every workload per boot
#     (guest/tests/70-icount.sh); then one boot of stock and of patched
#     with the plugin's L1D model for fork+exec and mount.
#  2. Wall-clock: ROUNDS boots of each kernel, RUNS (5) runs per boot of
#     hackbench, fork/exec and the percpu_bench module.
# Results go to results/bench/ (scripts/icount-report.py, bench-report.py).
# Environment: ROUNDS (3), RUNS (5), ICOUNT_RUNS (3), ICOUNT_SMP ("2 8"),
# POSSIBLE (instruction counts also at each -smp N of this list with
# maxcpus=2: N possible CPUs, 2 online, for instance "64 192"; none by
# default; at most NR_CPUS of configs/guest.config),
# QUICK=1 (one round, -smp 2 only), PLUGIN_SO (the built plugin),
# BENCH_CONFIG (guest: the small guest's configuration, results in
# results/bench; defconfig: x86_64 defconfig plus the guest's fragments,
# both kernels built in scripts/bench-stock.sh, results in
# results/bench-defconfig),
# STOCK_KSRC (an unpatched tree; default: the tarball unpacked under
# build/bench), SMP, MEM.
set -eu
rounds=${ROUNDS:-3}
icount_smp=${ICOUNT_SMP:-2 8}
if [ "${QUICK:-0}" = 1 ]; then
	rounds=1
	icount_smp=2
fi
runs=${RUNS:-5}
icount_runs=${ICOUNT_RUNS:-3}
plugin=${PLUGIN_SO:-$BUILD/plugin/icount.so}
case ${BENCH_CONFIG:-guest} in
defconfig)
	dir=$BUILD/bench-defconfig results=$REPO/results/bench-defconfig
	export OBJ=$BUILD/obj-defconfig ;;
guest)	dir=$BUILD/bench results=$REPO/results/bench ;;
*)	echo "bench: BENCH_CONFIG=$BENCH_CONFIG: guest or defconfig"; exit 1 ;;
esac
export BENCH_DIR=$dir
mkdir -p "$dir"
# a smaller run must not pick up the boots of a larger one
rm -rf "$dir"/round* "$dir"/icount-* "$dir"/cache-* "$dir/icount.md"
say() { echo "bench: $*"; }
[ -f "$plugin" ] || { say "$plugin missing (make plugin)"; exit 1; }

"$REPO/scripts/bench-stock.sh"
stock_obj=$dir/obj-stock

{
	echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "command: make bench SMP=$SMP ROUNDS=$rounds RUNS=$runs${QUICK:+ QUICK=$QUICK}${POSSIBLE:+ POSSIBLE=\"$POSSIBLE\"}${BENCH_CONFIG:+ BENCH_CONFIG=$BENCH_CONFIG}"
	echo "host: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) CPUs"
	echo "kernel: Linux $(cat "$dir/release-patched.txt")"
	echo "base: $(cat "$BUILD/base-version.txt" 2>/dev/null || echo unknown)"
	echo "smp: $SMP"
	echo "icount_smp: $icount_smp"
	echo "possible: ${POSSIBLE:-}"
	echo "icount_runs: $icount_runs"
	echo "qemu: $(qemu-system-x86_64 --version | head -1)"
} > "$dir/meta.txt"

failed=0
# boot KERNEL OUTDIR [APPEND]: one boot of stock, patched or patched-off
boot() {
	local k=$1 out=$2 img=$OBJ/arch/x86/boot/bzImage initrd=$dir/initramfs-patched.cpio extra=
	case $k in
	stock) img=$stock_obj/arch/x86/boot/bzImage initrd=$dir/initramfs-stock.cpio ;;
	patched-off) extra=percpu_cache=off ;;
	esac
	APPEND="$3 $extra" "$REPO/scripts/qemu-run.sh" "$img" "$initrd" "$out" > /dev/null || true
	if ! python3 "$REPO/scripts/verdict.py" "$out" "bench-$k" > /dev/null; then
		grep '^FAIL' "$out/verdict.txt" || true
		failed=1
	fi
}

# Instruction counts: no address or stack randomization, so that every
# boot runs the same code on the same addresses. The guest's timer
# follows the host's clock, so these boots want an otherwise idle host.
fixed="nokaslr norandmaps randomize_kstack_offset=off"
for s in $icount_smp ${POSSIBLE:-}; do
	online=
	case " ${POSSIBLE:-} " in *" $s "*) online=maxcpus=2 ;; esac
	for r in $(seq "$rounds"); do
		for k in stock patched patched-off; do
			say "instructions, -smp $s${online:+ $online}, round $r of $rounds: $k kernel"
			out=$dir/icount-smp$s-round$r-$k
			SMP=$s PLUGIN=$plugin TIMEOUT=${TIMEOUT:-1800} boot $k "$out" \
				"guest.mode=icount guest.runs=$icount_runs $fixed $online"
			say "  $(grep -sc '^icount: insns=' "$out/plugin.log" || true) intervals counted"
		done
	done
done
# The L1D model slows TCG down several times: two workloads, one boot each
for k in stock patched; do
	say "L1D model, -smp 2: $k kernel (exec, mount)"
	out=$dir/cache-$k
	SMP=2 PLUGIN=$plugin,cache=on TIMEOUT=${TIMEOUT:-1800} boot $k "$out" \
		"guest.mode=icount guest.runs=$icount_runs guest.workloads=exec,mount $fixed"
done
python3 "$REPO/scripts/icount-report.py" "$dir" "$results" || failed=1

for r in $(seq "$rounds"); do
	for k in stock patched patched-off; do
		say "wall-clock, -smp $SMP, round $r of $rounds: $k kernel (hackbench, fork/exec, percpu_bench module)"
		out=$dir/round$r-$k
		boot $k "$out" "guest.mode=bench guest.runs=$runs"
		grep -c '^bench: \|percpu_bench: test=' "$out/console.log" |
			sed "s/^/bench:   measurements: /"
	done
done
cat "$out/accel" > "$dir/accel.txt"

python3 "$REPO/scripts/bench-report.py" "$dir" "$results"
exit $failed
