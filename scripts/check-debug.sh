#!/bin/bash
# make check-debug: the guest suite on a kernel built with the kernel's own
# checkers (configs/debug.config: KASAN, PROVE_LOCKING, DEBUG_ATOMIC_SLEEP,
# DEBUG_PREEMPT, kmemleak, SLUB debugging on, DEBUG_PAGEALLOC), in its own
# object tree. Any report from them fails the run (scripts/verdict.py).
# The figures go to results/check-debug.md (scripts/debug-report.sh).
# Environment: DEBUG_SMP (the -smp values, "2 8"), TIMEOUT per boot (3600).
set -u
obj=$BUILD/obj-debug
dir=$BUILD/check-debug
rm -rf "$dir"
mkdir -p "$dir"
results=$dir/results.txt
: > "$results"

"$REPO/scripts/config.sh" "$KSRC" "$obj" "$REPO/configs/qemu.config" \
	"$REPO/configs/cpu_alloc.config" "$REPO/configs/debug.config" || exit 1
make -s -C "$KSRC" O="$obj" -j"$(nproc)" CC="ccache gcc" bzImage modules || exit 1
rm -rf "$obj/modroot"
make -s -C "$KSRC" O="$obj" CC="ccache gcc" modules_install \
	INSTALL_MOD_PATH="$obj/modroot" > /dev/null || exit 1
"$REPO/scripts/initramfs.sh" "$obj/initramfs.cpio" "$obj/modroot" "$REPO" > /dev/null

export OBJ=$obj KERNEL=$obj/arch/x86/boot/bzImage INITRD=$obj/initramfs.cpio
export TIMEOUT=${TIMEOUT:-3600} RESULTS=$results
boots=
for smp in ${DEBUG_SMP:-2 8}; do
	SMP=$smp "$REPO/scripts/boot-test.sh" "debug-smp$smp" \
		APPEND="guest.mode=check guest.hackbench=0 guest.quick=1"
	boots="$boots $BUILD/check/debug-smp$smp"
	# a checker that did not start would pass everything in silence
	for banner in 'KernelAddressSanitizer initialized' \
		'Lock dependency validator' 'kmemleak: Kernel memory leak detector initialized'; do
		if grep -aq "$banner" "$BUILD/check/debug-smp$smp/console.log"; then
			echo "PASS debug-smp$smp: console says '$banner'"
		else
			echo "FAIL debug-smp$smp: no '$banner' in the console"
		fi >> "$results"
	done
done
# shellcheck disable=SC2086 # one word per boot directory
"$REPO/scripts/debug-report.sh" "$REPO/results/check-debug.md" $boots > /dev/null

echo "---- make check-debug, Linux $(cat "$obj/include/config/kernel.release"), debug.config"
grep '^FAIL' "$results"
passed=$(grep -c '^PASS' "$results")
failed=$(grep -c '^FAIL' "$results")
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
