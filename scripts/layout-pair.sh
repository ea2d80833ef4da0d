#!/bin/bash
# layout-pair.sh NAME EXTRA [KEY=VALUE...]: boot the built kernel twice in
# guest.mode=layout without the KUnit suite (whose leftover chunk pages
# depend on timing), once with the object cache and once with
# percpu_cache=off, and require the cache to cost little: the same pages
# per CPU in the first chunk's unit, and Percpu at idle at most 4 pages
# per possible CPU above the boot without it. EXTRA: further kernel
# arguments; KEY=VALUE as for boot-test.sh. Boots build/check/layout-NAME
# and layout-off-NAME; the verdict line goes to RESULTS (default
# build/check/results.txt) and stdout.
set -u
name=$1 extra=$2
shift 2
dir=$BUILD/check
res=${RESULTS:-$dir/results.txt}
"$REPO/scripts/boot-test.sh" "layout-$name" "$@" APPEND="guest.mode=layout kunit.enable=0 $extra"
"$REPO/scripts/boot-test.sh" "layout-off-$name" "$@" APPEND="guest.mode=layout kunit.enable=0 percpu_cache=off $extra"
unit_pages() {
	sed -n 's/.*percpu: Embedded \([0-9]*\) pages\/cpu.*/\1/p; s/.*percpu: \([0-9]*\) 4K pages\/cpu.*/\1/p' \
		"$dir/$1/console.log" | head -n 1
}
idle_kb() {
	sed -n 's/.*idle: Percpu \([0-9]*\) kB.*/\1/p' "$dir/$1/console.log" | head -n 1
}
# the count of possible CPUs, from the list 00-idle prints
# (/sys/devices/system/cpu/possible, e.g. 0-7): x86's setup_percpu line
# with nr_cpu_ids has no counterpart on arm64
possible() {
	sed -n 's/.*idle: Percpu .*possible CPUs \([0-9,-]*\),.*/\1/p' "$dir/$1/console.log" |
		head -n 1 | awk -F, 'NF { n = 0; for (i = 1; i <= NF; i++) {
			split($i, r, "-"); n += (r[2] == "" ? 1 : r[2] - r[1] + 1) } print n }'
}
p1=$(unit_pages "layout-$name") p0=$(unit_pages "layout-off-$name")
k1=$(idle_kb "layout-$name") k0=$(idle_kb "layout-off-$name")
n=$(possible "layout-$name")
slack=$(( 16 * ${n:-0} ))
if [ -n "$p1" ] && [ -n "$p0" ] && [ -n "$k1" ] && [ -n "$k0" ] && [ -n "$n" ] &&
	[ "$p1" = "$p0" ] && [ "$k1" -le $((k0 + slack)) ]; then
	echo "PASS layout $name: $p1 pages/cpu, Percpu $k1 kB at idle; off: $p0, $k0 kB; $n possible CPUs, slack $slack kB" | tee -a "$res"
else
	echo "FAIL layout $name: ${p1:-?} pages/cpu, Percpu ${k1:-?} kB at idle; off: ${p0:-?}, ${k0:-?} kB; ${n:-?} possible CPUs, slack $slack kB" | tee -a "$res"
fi
