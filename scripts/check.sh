#!/bin/bash
# make check: series hygiene, harness self-tests, then the guest suite.
# Every result is a PASS/FAIL line in build/check/results.txt; the last line
# printed is 'N passed, M failed'.
set -u
dir=$BUILD/check
rm -rf "$dir"
mkdir -p "$dir"
results=$dir/results.txt
: > "$results"

"$REPO/scripts/hygiene.sh" "$dir/hygiene.txt"
cat "$dir/hygiene.txt" >> "$results"
"$REPO/scripts/series-build.sh" "$results"
"$REPO/scripts/disasm-check.sh" "$results"

# mm/cpu_area.c in userspace against a reference model (tools/testing/cpu_alloc)
ut=$KSRC/tools/testing/cpu_alloc
if make -s -C "$ut" cpu_area_test > "$dir/cpu_area_test.log" 2>&1; then
	"$ut/cpu_area_test" "${CPU_AREA_STEPS:-50000}" > "$dir/cpu_area_test.log" 2>&1
fi
grep -E '^(PASS|FAIL) ' "$dir/cpu_area_test.log" | tee -a "$results"
grep -qE '^[0-9]+ passed, 0 failed$' "$dir/cpu_area_test.log" ||
	echo "FAIL cpu_area_test: see $dir/cpu_area_test.log" | tee -a "$results"

# The harness must turn each of these guests into a failed run.
selftest() {
	local name=$1 what=$2 evidence=$3
	shift 3
	RESULTS=/dev/null "$REPO/scripts/boot-test.sh" "$name" "$@" > /dev/null
	if [ $? != 0 ] && grep -q "$evidence" "$dir/$name/verdict.txt"; then
		echo "PASS harness: $what" | tee -a "$results"
	else
		echo "FAIL harness: $what" | tee -a "$results"
	fi
}
selftest selftest-fail "a failing guest test fails the run" \
	"FAIL selftest-fail: 95-selftest-fail" APPEND=guest.mode=fail
selftest selftest-panic "a kernel panic fails the run" \
	"kernel report: Kernel panic" APPEND=guest.mode=panic
selftest selftest-hang "a hung guest times out and fails the run" \
	"guest did not finish" APPEND=guest.mode=hang TIMEOUT=30

# The suite with the default area at -smp 2 and -smp 8 (48-sizing checks
# the margin) and -smp 1, and the same kernel with cpu_alloc=off: all on
# chunks.
"$REPO/scripts/boot-test.sh" guest APPEND="guest.mode=check guest.sizing=1"
"$REPO/scripts/boot-test.sh" guest-smp8 SMP=8 \
	APPEND="guest.mode=check guest.sizing=1 guest.hackbench=0"
"$REPO/scripts/boot-test.sh" guest-smp1 SMP=1 APPEND="guest.mode=check"
"$REPO/scripts/boot-test.sh" guest-off APPEND="guest.mode=check cpu_alloc=off guest.area=0"
if grep -qF "cpu_alloc: off: per-CPU memory comes from the chunk allocator only" \
	"$dir/guest-off/console.log"; then
	echo "PASS guest-off: boot says cpu_alloc is off" | tee -a "$results"
else
	echo "FAIL guest-off: boot says cpu_alloc is off" | tee -a "$results"
fi
# Without CMPXCHG16B, this_cpu_cmpxchg128 (SLUB's fast path) is emulated.
"$REPO/scripts/boot-test.sh" guest-nocx16 CPU=max,-cx16 \
	APPEND="guest.mode=check guest.cpu_lacks=cx16"
# The area must work in the other first-chunk layouts too: the page
# allocator, and NUMA nodes whose units are not contiguous.
"$REPO/scripts/boot-test.sh" guest-page APPEND="guest.mode=check percpu_alloc=page"
"$REPO/scripts/boot-test.sh" guest-numa APPEND=guest.mode=check SMP=4 NUMA=2

# percpu=: a valid size, one out of range and a malformed one. Each boots,
# the area has the size the kernel said it would use, and the kernel said so.
# The valid one is small, below the guest suite's peak, but leaves the boot's
# KUnit cases room: the boot alone fills about 11 KiB (networking on).
param() {
	local name=$1 arg=$2 area=$3 msg=$4
	"$REPO/scripts/boot-test.sh" "$name" APPEND="guest.mode=check $arg guest.area=$area"
	if grep -qF "cpu_alloc: $msg" "$dir/$name/console.log"; then
		echo "PASS $name: boot says '$msg'" | tee -a "$results"
	else
		echo "FAIL $name: boot says '$msg'" | tee -a "$results"
	fi
}
param guest-percpu-16k percpu=16k 16384 "16 KiB per CPU"
param guest-percpu-big percpu=16M 1048576 "percpu=16M out of range [4096, 1048576], using 1048576 bytes"
param guest-percpu-bad percpu=64q 65536 "malformed percpu=64q, using 65536 bytes"

# What the kernel uses of the area, for the default size; 'make results'
# copies it to results/sizing.md
"$REPO/scripts/sizing-report.sh" "$dir/sizing.md" \
	"$dir/guest" "$dir/guest-smp8" "$dir/guest-off" > /dev/null

echo "---- make check, Linux $(cat "$OBJ/include/config/kernel.release"), $(cat "$dir/guest/accel" 2>/dev/null)"
grep '^FAIL' "$results"
passed=$(grep -c '^PASS' "$results")
failed=$(grep -c '^FAIL' "$results")
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
