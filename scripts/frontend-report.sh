#!/bin/bash
# The object cache's lock traffic and cross-CPU timings, from boots that ran
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
	echo "Lock traffic: the object cache's debugfs counters (hits, misses, frees,"
	echo "exchanges) read before and after each workload, 16-byte objects."
	echo "prodcons: a kthread on one CPU allocates 20000 objects, one on another"
	echo "CPU frees them, three runs; allcpu: every online CPU allocates batches"
	echo "of 64 and frees each batch, 40000 objects in all per run, three runs;"
	echo "forkexit: 2000 fork+exit. Lock round trips per operation count one per"
	echo "depot exchange and two per miss (the mutex and pcpu_lock), over"
	echo "allocations and kept frees. Counters are system-wide, so the boot's"
	echo "other activity counts too."
	echo
	echo "| boot | CPUs | workload | allocations | hits | misses | kept frees | exchanges | locks per operation | hit rate |"
	echo "|---|---|---|---|---|---|---|---|---|---|"
	rows hit_rate cpus test allocs hits misses kept_frees exchanges locks_per_op hit_rate
	echo
	echo "Time: ns per object (allocation and free), min / median / max of three"
	echo "runs. For allcpu it is the time of the whole run over the objects one"
	echo "CPU handles. Under TCG the guest's CPUs are threads of the host: at"
	echo "-smp 8 on this host they outnumber its cores, and a spinning lock whose"
	echo "holder the host has descheduled costs a host time slice."
	echo
	echo "| boot | CPUs | workload | allocator | min | median | max |"
	echo "|---|---|---|---|---|---|---|"
	rows median cpus test allocator min median max
} > "$out"
cat "$out"
