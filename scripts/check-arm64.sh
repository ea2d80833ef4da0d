#!/bin/bash
# make check-arm64 (make check ARCH=arm64): the series on arm64. Builds
# the arm64 guest kernel with scripts/check-compile.sh (Debian's
# aarch64-linux-gnu-gcc, configs/arm64.config, build/obj-arm64), an arm64
# initramfs (Debian's busybox-static for arm64, forkloop built static
# against libc6-dev-arm64-cross) and boots the check suite under
# qemu-system-aarch64 -M virt -cpu max (TCG) at each of ARM64_SMP ("2 4";
# the second boot with two NUMA nodes, so that arm64's NUMA first chunk
# has units in two nodes). Without the host's x86 hackbench the suite
# skips its hackbench runs (guest.hackbench=0); everything else runs as
# on x86_64. Then make check's layout pairs (the cache on and off: the
# same pages per CPU, at most 4 pages per possible CPU more Percpu) at
# -smp 2, with NUMA and with percpu_alloc=page. Results: build/check-arm64/results.txt,
# results/check-arm64.md, the boots under build/check/.
set -u
dir=$BUILD/check-arm64
rm -rf "$dir"
mkdir -p "$dir"
results=$dir/results.txt
: > "$results"
export ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-
obj=$BUILD/obj-arm64

RESULTS=$results "$REPO/scripts/check-compile.sh" arm64 || true
if [ -f "$obj/arch/arm64/boot/Image" ] && grep -q '^PASS compile arm64: Image' "$results"; then
	rm -rf "$obj/modroot"
	make -s -C "$KSRC" O="$obj" modules_install INSTALL_MOD_PATH="$obj/modroot" > /dev/null &&
	"$REPO/scripts/bench-module.sh" "$KSRC" "$obj" "$obj/mod-bench" "$obj/modroot" &&
	"$REPO/scripts/initramfs.sh" "$obj/initramfs.cpio" "$obj/modroot" "$REPO" ||
		echo "FAIL arm64: initramfs" >> "$results"
fi
export OBJ=$obj RESULTS=$results
[ ! -f "$obj/lib/percpu_test.o" ] || "$REPO/scripts/disasm-check.sh" "$results"
boots=
if [ -f "$obj/initramfs.cpio" ] && ! grep -q '^FAIL' "$results"; then
	export KERNEL=$obj/arch/arm64/boot/Image INITRD=$obj/initramfs.cpio
	export TIMEOUT=${TIMEOUT:-1200}
	for smp in ${ARM64_SMP:-2 4}; do
		numa=0
		[ "$smp" -ge 4 ] && numa=2
		start=$(date +%s)
		SMP=$smp NUMA=$numa "$REPO/scripts/boot-test.sh" "arm64-smp$smp" \
			APPEND="guest.mode=check guest.hackbench=0 guest.frontend=1"
		d=$BUILD/check/arm64-smp$smp
		boots="$boots $d"
		if grep -q "percpu: object cache: classes 8..256 bytes" "$d/console.log"; then
			echo "PASS arm64-smp$smp: the object cache is on, $(grep -c 'Initmem setup node' "$d/console.log") NUMA nodes, boot and suite $(($(date +%s) - start)) s"
		else
			echo "FAIL arm64-smp$smp: the boot log has no object cache line"
		fi >> "$results"
	done
	# The cache's cost on arm64: as make check's layout pairs
	lp=$REPO/scripts/layout-pair.sh
	"$lp" arm64-smp2 ''
	"$lp" arm64-numa '' SMP=4 NUMA=2
	"$lp" arm64-page percpu_alloc=page
	# shellcheck disable=SC2086 # one word per boot directory
	KIND=arm64 "$REPO/scripts/debug-report.sh" "$REPO/results/check-arm64.md" $boots
fi
"$REPO/scripts/tally.sh" "$results" "make check-arm64, Linux $(cat "$obj/include/config/kernel.release" 2>/dev/null)"
