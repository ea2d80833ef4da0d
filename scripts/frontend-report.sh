#!/bin/bash
# The front end's lock traffic and cross-CPU timings, from boots that ran
# guest/tests/62-frontend.sh, as one file a reader can open.
#   frontend-report.sh OUT.md TITLE BOOTDIR...
# FRONTEND_CMD names the command that made the boots (make check).
set -eu
out=$1 title=$2
shift 2
boots=("$@")
console() { tr -d '\r' < "$1/console.log" | sed 's/^\[ *[0-9.]*\] //'; }
# key=value fields of a report line, as "key value" lines for awk
fields() { tr ' ' '\n' | grep '=' | sed 's/=/ /'; }
# A table row for each report line with KEY=: the boot, then FIELD... values
rows() {
	local key=$1 d line
	shift
	for d in "${boots[@]}"; do
		console "$d" | grep "^report: frontend .*$key=" | while read -r line; do
			echo "$line" | fields | awk -v boot="$(basename "$d")" -v want="$*" '
				{ v[$1] = $2 }
				END {
					n = split(want, f, " "); row = "| " boot
					for (i = 1; i <= n; i++) row = row " | " v[f[i]]
					print row " |"
				}'
		done
	done
}
{
	echo "# $title"
	echo
	echo "Made by \`${FRONTEND_CMD:-make check}\` ($(date -u '+%Y-%m-%d %H:%M UTC')) from"
	echo "guest/tests/62-frontend.sh in the boots below; Linux $(cat "$1/kernel.txt"),"
	echo "QEMU $(cat "$1/accel" 2>/dev/null || echo '?') on $(grep -m1 'model name' /proc/cpuinfo |
		cut -d: -f2- | sed 's/^ //'), $(nproc) host CPUs."
	echo
	echo "Lock traffic: cpu_alloc's debugfs counters (lock_acquisitions,"
	echo "allocations_lockless, frees_lockless, depot_gets, depot_puts) read before"
	echo "and after each workload, 16-byte objects. prodcons: a kthread on one CPU"
	echo "allocates 20000 objects, one on another CPU frees them, three runs;"
	echo "allcpu: every online CPU allocates batches of 64 and frees each batch,"
	echo "40000 objects in all per run, three runs; forkexit: 2000 fork+exit."
	echo "Counters are system-wide, so the boot's other activity counts too."
	echo
	echo "| boot | CPUs | workload | allocations | frees | lock acquisitions | per operation | lockless allocations | lockless frees | depot gets | depot puts |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|"
	rows locks cpus test allocs frees locks locks_per_op lockless_allocs \
		lockless_frees depot_gets depot_puts
	echo
	echo "Time: ns per object (allocation and free), min / median / max of three"
	echo "runs, cpu_alloc and the chunk allocator alone (pcpu_chunk_alloc) in the"
	echo "same boot. For allcpu it is the time of the whole run over the objects"
	echo "one CPU handles. Under TCG the guest's CPUs are threads of the host: at"
	echo "-smp 8 on this host they outnumber its cores, and a spinning lock whose"
	echo "holder the host has descheduled costs a host time slice, so the -smp 8"
	echo "times of lock-heavy runs measure that more than the allocator."
	echo
	echo "| boot | CPUs | workload | allocator | min | median | max |"
	echo "|---|---|---|---|---|---|---|"
	rows median cpus test allocator min median max
	echo
	echo "Each boot's cache budget:"
	echo
	for d in "$@"; do
		echo "- $(basename "$d"): $(console "$d" | grep -m1 'cpu_alloc: caches:' || echo '(no budget line)')"
	done
} > "$out"
cat "$out"
