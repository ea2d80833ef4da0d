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
# git am onto a repository of the tarball, equal to quilt's tree, patches
# in format-patch form, one identity, get_maintainer.pl coverage
"$REPO/scripts/series.sh" check "$results"
"$REPO/scripts/disasm-check.sh" "$results"

# No allocation or free may interrupt another CPU or spin on a raw lock
hits=$(grep -nE 'on_each_cpu|smp_call_function|raw_spin' "$KSRC/mm/percpu.c" || true)
if [ -z "$hits" ]; then
	echo "PASS no IPI: no on_each_cpu, smp_call_function or raw spinlock in mm/percpu.c" | tee -a "$results"
else
	echo "FAIL no IPI: mm/percpu.c has $(echo "$hits" | head -n 1)" | tee -a "$results"
fi

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

# The suite with the object cache at -smp 2 and -smp 8 (62-frontend
# measures its lock traffic) and -smp 1, and the same kernel with
# percpu_cache=off: all on chunks, as mainline.
"$REPO/scripts/boot-test.sh" guest APPEND="guest.mode=check guest.frontend=1"
# Eight vCPUs on two host cores: the suite took 578 s to reach 50-stress
# in one run, so this boot gets 1200 s instead of the default 600.
"$REPO/scripts/boot-test.sh" guest-smp8 SMP=8 TIMEOUT=1200 \
	APPEND="guest.mode=check guest.hackbench=0 guest.frontend=1"
"$REPO/scripts/boot-test.sh" guest-smp1 SMP=1 APPEND="guest.mode=check"
"$REPO/scripts/boot-test.sh" guest-off APPEND="guest.mode=check percpu_cache=off"
if grep -qF "percpu: object cache off (percpu_cache=off)" "$dir/guest-off/console.log"; then
	echo "PASS guest-off: boot says the object cache is off" | tee -a "$results"
else
	echo "FAIL guest-off: boot says the object cache is off" | tee -a "$results"
fi
# Without CMPXCHG16B, this_cpu_cmpxchg128() is emulated (lib/percpu_test).
"$REPO/scripts/boot-test.sh" guest-nocx16 CPU=max,-cx16 \
	APPEND="guest.mode=check guest.cpu_lacks=cx16 guest.return=0"
# The free path finds an object's chunk and class without pcpu_lock in
# the other first-chunk layouts too: the page allocator, and NUMA nodes
# whose units are not contiguous.
"$REPO/scripts/boot-test.sh" guest-page APPEND="guest.mode=check percpu_alloc=page"
"$REPO/scripts/boot-test.sh" guest-numa APPEND=guest.mode=check SMP=4 NUMA=2

# percpu_cache=: a depot limit of its own, and a malformed value, which is
# reported and leaves the default
param() {
	local name=$1 arg=$2 limit=$3 msg=$4
	"$REPO/scripts/boot-test.sh" "$name" APPEND="guest.mode=check $arg guest.cache_limit=$limit guest.return=0"
	if [ -z "$msg" ] || grep -qF "percpu: $msg" "$dir/$name/console.log"; then
		echo "PASS $name: limit $limit${msg:+, boot says '$msg'}" | tee -a "$results"
	else
		echo "FAIL $name: limit $limit${msg:+, boot says '$msg'}" | tee -a "$results"
	fi
}
param guest-cache-4k percpu_cache=4k 4096 ""
param guest-cache-bad percpu_cache=64q 16384 "percpu_cache=64q: not off or a size from 1K to 1M, ignored"

# What the cache costs: with it, the unit (pages per CPU) is that of the
# same configuration with percpu_cache=off, and Percpu at idle at most 4
# pages per possible CPU more, at -smp 1, 2 and 8, with the page
# first-chunk allocator, with 2 NUMA nodes, and with 8 and 64 possible
# CPUs of which 2 are online. No KUnit in these boots (kunit.enable=0):
# its chunk objects leave a spare chunk whose populated pages depend on
# timing.
lp=$REPO/scripts/layout-pair.sh
"$lp" smp1 '' SMP=1
"$lp" smp2 ''
"$lp" smp8 '' SMP=8
"$lp" page percpu_alloc=page
"$lp" numa '' SMP=4 NUMA=2
"$lp" maxcpus maxcpus=2 SMP=8
"$lp" possible64 maxcpus=2 SMP=64

# The cache's lock traffic and cross-CPU timings at -smp 2 and 8;
# 'make results' copies it to results/frontend.md
"$REPO/scripts/frontend-report.sh" "$dir/frontend.md" \
	"The object cache: lock traffic and cross-CPU timings" \
	"$dir/guest" "$dir/guest-smp8" > /dev/null

# Per-CPU memory and the cache's hits by stage; 'make results' copies it
# to results/sizing.md
"$REPO/scripts/sizing-report.sh" "$dir/sizing.md" \
	"$dir/guest" "$dir/guest-smp8" "$dir/guest-off" > /dev/null

"$REPO/scripts/tally.sh" "$results" "make check, Linux $(cat "$OBJ/include/config/kernel.release"), $(cat "$dir/guest/accel" 2>/dev/null)"
