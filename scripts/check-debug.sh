#!/bin/bash
# make check-debug: the guest suite on a kernel built with the kernel's own
# checkers (configs/debug.config: KASAN, PROVE_LOCKING, DEBUG_ATOMIC_SLEEP,
# DEBUG_PREEMPT, kmemleak, SLUB debugging on, DEBUG_PAGEALLOC, allocation
# profiling; guest.atomic_sleep=1 runs 67-might-alloc), in its own
# object tree. Any report from them fails the run (scripts/verdict.py).
# The figures go to results/check-debug.md (scripts/debug-report.sh).
# make check-rt (KIND=rt): the same on PREEMPT_RT (configs/rt.config:
# lockdep and DEBUG_ATOMIC_SLEEP) at -smp 2 and 4, where a spinlock_t
# taken in a context that may not sleep is reported; results/check-rt.md.
# make check-kcsan (KIND=kcsan): the same on a KCSAN kernel
# (configs/kcsan.config) at -smp 2 and 4, the stress module's CPU
# hotplug included; results/check-kcsan.md.
# Environment: DEBUG_SMP (the -smp values), TIMEOUT per boot (3600).
set -u
kind=${KIND:-debug}
case $kind in
debug)	smps=${DEBUG_SMP:-2 8} extra="guest.atomic_sleep=1"
	banners='KernelAddressSanitizer initialized|Lock dependency validator|kmemleak: Kernel memory leak detector initialized' ;;
rt)	smps=${DEBUG_SMP:-2 4} extra="guest.frontend=1"
	banners='Lock dependency validator|PREEMPT_RT' ;;
kcsan)	smps=${DEBUG_SMP:-2 4} extra="guest.frontend=1"
	banners='kcsan: enabled early' ;;
*)	echo "KIND=$kind: debug, rt or kcsan"; exit 1 ;;
esac
obj=$BUILD/obj-$kind
dir=$BUILD/check-$kind
rm -rf "$dir"
mkdir -p "$dir"
results=$dir/results.txt
: > "$results"

"$REPO/scripts/config.sh" "$KSRC" "$obj" "$REPO/configs/guest.config" "$REPO/configs/qemu.config" \
	"$REPO/configs/cpu_alloc.config" "$REPO/configs/$kind.config" || exit 1
make -s -C "$KSRC" O="$obj" -j"$(nproc)" CC="ccache gcc" bzImage modules || exit 1
rm -rf "$obj/modroot"
make -s -C "$KSRC" O="$obj" CC="ccache gcc" modules_install \
	INSTALL_MOD_PATH="$obj/modroot" > /dev/null || exit 1
"$REPO/scripts/bench-module.sh" "$KSRC" "$obj" "$obj/mod-bench" "$obj/modroot" || exit 1
"$REPO/scripts/initramfs.sh" "$obj/initramfs.cpio" "$obj/modroot" "$REPO" > /dev/null

# KCSAN: a race fails the run when a frame of either stack is a function
# of a C file the series touches (of mm/vmstat.c only the function it
# changes); the others are NOTE lines in the report, upstream's to fix.
if [ "$kind" = kcsan ]; then
	"$REPO/scripts/series-files.sh" | sed -n 's|\.c$|.o|p' | grep -vx 'mm/vmstat.o' | while read -r o; do
		[ ! -f "$obj/$o" ] || nm --defined-only "$obj/$o"
	done | awk '$2 ~ /^[tTwW]$/ { print $3 }' | sort -u > "$dir/series-functions.txt"
	echo vmstat_start >> "$dir/series-functions.txt"
	export KCSAN_OWN=$dir/series-functions.txt
fi

export OBJ=$obj KERNEL=$obj/arch/x86/boot/bzImage INITRD=$obj/initramfs.cpio
export TIMEOUT=${TIMEOUT:-3600} RESULTS=$results
boots=
for smp in $smps; do
	SMP=$smp "$REPO/scripts/boot-test.sh" "$kind-smp$smp" \
		APPEND="guest.mode=check guest.hackbench=0 guest.quick=1 $extra"
	boots="$boots $BUILD/check/$kind-smp$smp"
	# a checker that did not start would pass everything in silence
	IFS='|'
	for banner in $banners; do
		if grep -aq "$banner" "$BUILD/check/$kind-smp$smp/console.log"; then
			echo "PASS $kind-smp$smp: console says '$banner'"
		else
			echo "FAIL $kind-smp$smp: no '$banner' in the console"
		fi >> "$results"
	done
	unset IFS
done
# shellcheck disable=SC2086 # one word per boot directory
KIND=$kind "$REPO/scripts/debug-report.sh" "$REPO/results/check-$kind.md" $boots > /dev/null

"$REPO/scripts/tally.sh" "$results" "make check-$kind, Linux $(cat "$obj/include/config/kernel.release"), $kind.config"
