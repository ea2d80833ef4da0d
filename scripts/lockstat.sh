#!/bin/bash
# make lockstat: how often the per-CPU allocator takes a global lock when
# every CPU allocates at once. Stock and patched kernels, each built with
# configs/lockstat.config (CONFIG_LOCK_STAT, the function profiler) in
# build/lockstat/obj-{stock,patched}, boot at -smp LOCKSTAT_SMP (8) and
# run guest/tests/72-lockstat.sh: exec, memcg and netns loops on all CPUs.
# scripts/lockstat-report.py writes results/lockstat.md: acquisitions and
# contentions of pcpu_alloc_mutex, pcpu_lock and the object cache's locks
# per operation and per allocation or free. Not part of make check: with
# 8 vCPUs on a small host the contentions follow the host's scheduler;
# the acquisitions do not.
set -eu
dir=$BUILD/lockstat
mkdir -p "$dir"
say() { echo "lockstat: $*"; }
smp=${LOCKSTAT_SMP:-8}

stock_src=$("$REPO/scripts/stock-tree.sh" "$BUILD/bench")
for k in stock patched; do
	obj=$dir/obj-$k
	if [ $k = stock ]; then
		src=$stock_src frags=
	else
		src=$KSRC frags=$REPO/configs/cpu_alloc.config
	fi
	# shellcheck disable=SC2086 # no fragment for stock
	"$REPO/scripts/config.sh" "$src" "$obj" "$REPO/configs/guest.config" \
		"$REPO/configs/qemu.config" $frags "$REPO/configs/lockstat.config"
	say "building the $k kernel ($src)"
	make -s -C "$src" O="$obj" -j"$(nproc)" CC="ccache gcc" bzImage
	mkdir -p "$dir/modroot-empty"
	"$REPO/scripts/initramfs.sh" "$dir/initramfs-$k.cpio" "$dir/modroot-empty" "$REPO" > /dev/null
done

boots='' failed=0
# a failed boot (its verdict is in build/check/lockstat-*) still leaves
# the other kernel's boot and the report to be made
for k in stock patched; do
	obj=$dir/obj-$k
	say "booting the $k kernel at -smp $smp"
	OBJ=$obj KERNEL=$obj/arch/x86/boot/bzImage INITRD=$dir/initramfs-$k.cpio \
		SMP=$smp TIMEOUT=${TIMEOUT:-3600} RESULTS=$dir/results-$k.txt \
		"$REPO/scripts/boot-test.sh" "lockstat-$k" APPEND="guest.mode=lockstat ${LOCKSTAT_APPEND:-}" ||
		failed=1
	boots="$boots $k=$BUILD/check/lockstat-$k"
done
# shellcheck disable=SC2086 # one word per kernel
python3 "$REPO/scripts/lockstat-report.py" "$smp" $boots > "$REPO/results/lockstat.md"
cat "$REPO/results/lockstat.md"
exit $failed
