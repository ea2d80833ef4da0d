#!/bin/bash
# make bench: the stock tree and the patched one, built from the same
# config fragments, booted side by side. Each round boots stock, patched
# and patched with cpu_alloc=off, in that order, so drift hits all three
# alike; results go to results/bench/ (scripts/bench-report.py).
# Environment: ROUNDS (3), RUNS (5 per boot), QUICK=1 (one round),
# STOCK_KSRC (an unpatched tree; default: the tarball unpacked under
# build/bench), SMP, MEM.
set -eu
rounds=${ROUNDS:-3}
[ "${QUICK:-0}" = 1 ] && rounds=1
runs=${RUNS:-5}
dir=$BUILD/bench
mkdir -p "$dir"
say() { echo "bench: $*"; }

# The stock kernel: same fragments but the series' own
stock_src=${STOCK_KSRC:-}
if [ -z "$stock_src" ]; then
	stock_src=$dir/stock/$(tar -tf "$TARBALL" | head -1 | cut -d/ -f1)
	if [ ! -f "$stock_src/Makefile" ]; then
		say "unpacking $(basename "$TARBALL") for the stock kernel"
		mkdir -p "$dir/stock"
		tar -C "$dir/stock" -xf "$TARBALL"
	fi
fi
stock_obj=$dir/obj-stock
"$REPO/scripts/config.sh" "$stock_src" "$stock_obj" "$REPO/configs/qemu.config"
say "building the stock kernel ($stock_src)"
make -s -C "$stock_src" O="$stock_obj" -j"$(nproc)" CC="ccache gcc" bzImage modules

# The benchmark module, built against each kernel
for k in stock patched; do
	if [ $k = stock ]; then src=$stock_src obj=$stock_obj; else src=$KSRC obj=$OBJ; fi
	rm -rf "$dir/mod-$k" "$dir/modroot-$k"
	cp -a "$REPO/bench/module" "$dir/mod-$k"
	make -s -C "$src" O="$obj" CC="ccache gcc" M="$dir/mod-$k" modules
	mkdir -p "$dir/modroot-$k/lib/modules/bench"
	cp "$dir/mod-$k/percpu_bench.ko" "$dir/modroot-$k/lib/modules/bench/"
	"$REPO/scripts/initramfs.sh" "$dir/initramfs-$k.cpio" "$dir/modroot-$k" "$REPO" > /dev/null
	size "$obj/vmlinux" | tail -1 > "$dir/size-$k.txt"
	cat "$obj/include/config/kernel.release" > "$dir/release-$k.txt"
done

{
	echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "command: make bench SMP=$SMP ROUNDS=$rounds RUNS=$runs${QUICK:+ QUICK=$QUICK}"
	echo "host: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) CPUs"
	echo "kernel: Linux $(cat "$dir/release-patched.txt")"
	echo "smp: $SMP"
} > "$dir/meta.txt"

failed=0
for r in $(seq "$rounds"); do
	for k in stock patched patched-off; do
		img=$OBJ/arch/x86/boot/bzImage initrd=$dir/initramfs-patched.cpio extra=
		case $k in
		stock) img=$stock_obj/arch/x86/boot/bzImage initrd=$dir/initramfs-stock.cpio ;;
		patched-off) extra=cpu_alloc=off ;;
		esac
		say "round $r of $rounds: $k kernel (hackbench, fork/exec, percpu_bench module)"
		out=$dir/round$r-$k
		APPEND="guest.mode=bench guest.runs=$runs $extra" \
			"$REPO/scripts/qemu-run.sh" "$img" "$initrd" "$out" > /dev/null || true
		if ! python3 "$REPO/scripts/verdict.py" "$out" "bench-$k" > /dev/null; then
			grep '^FAIL' "$out/verdict.txt" || true
			failed=1
		fi
		grep -c '^bench: \|percpu_bench: test=' "$out/console.log" |
			sed "s/^/bench:   measurements: /"
	done
done
cat "$out/accel" > "$dir/accel.txt"

python3 "$REPO/scripts/bench-report.py" "$dir" "$REPO/results/bench"
exit $failed
