#!/bin/bash
# Collect the 'sizing:' lines (guest tests 00-idle and 48-sizing) and the
# 'percpu-return:' lines (42-percpu-return) of some boots into one report:
# per-CPU bytes in use, Percpu, the object cache's bytes and its hits and
# misses per stage, and Percpu around each memcg churn.
#   sizing-report.sh OUT.md BOOTDIR...
set -eu
out=$1
shift
lines() { tr -d '\r' < "$1/console.log" | grep "^$2" | awk '!seen[$0]++'; }
{
	echo "# Per-CPU memory and the object cache"
	echo
	echo "Made by \`make ${SIZING_TARGET:-check}\` ($(date -u '+%Y-%m-%d %H:%M UTC')), guest tests"
	echo "\`00-idle\`, \`42-percpu-return\` and \`48-sizing\`; Linux $(cat "$OBJ/include/config/kernel.release"),"
	echo "QEMU $(cat "$1/accel" 2>/dev/null || echo '?') on $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')."
	echo "cpu_bytes: bytes per CPU of live dynamic objects; Percpu: kB, /proc/meminfo,"
	echo "all CPUs; cached: bytes per CPU of free objects the cache holds. Requests:"
	echo "the small requests the cache took during the stage, served from a"
	echo "magazine (hits) or by the chunk allocator (misses). \`suite\` is the"
	echo "guest tests between idle and hackbench, \`memcg300\` holds 300 memory"
	echo "cgroups alive, \`memcg-gone\` is after they are removed."
	echo
	echo "| boot | CPUs | possible | stage | cpu_bytes | Percpu kB | cached | hits | misses | hit rate |"
	echo "|---|---:|---|---|---:|---:|---:|---:|---:|---:|"
	for d in "$@"; do
		lines "$d" 'sizing: cpus=' |
		while read -r _ cpus possible stage bytes percpu cached hits misses; do
			h=${hits#hits=} m=${misses#misses=}
			rate=-
			[ -n "$h" ] && [ -n "$m" ] && [ $((h + m)) -gt 0 ] &&
				rate="$(awk -v h="$h" -v m="$m" 'BEGIN {printf "%.1f%%", 100 * h / (h + m)}')"
			echo "| $(basename "$d") | ${cpus#cpus=} | ${possible#possible=} | ${stage#stage=} | ${bytes#cpu_bytes=} | ${percpu#percpu_kb=} | ${cached#cached_bytes=} | $h | $m | $rate |"
		done
	done
	echo
	echo "## Percpu after workloads that free what they allocate"
	echo
	echo "Each row: Percpu (kB) before the workload, when it ends and once it is back"
	echo "within the slack (4 pages per possible CPU), t seconds later (40 s at most)."
	echo
	echo "| boot | workload | before | end | after | t | slack | verdict |"
	echo "|---|---|---:|---:|---:|---:|---:|---|"
	for d in "$@"; do
		lines "$d" 'percpu-return: ' | grep -v ' all ' |
		while read -r _ name before end after _ t slack verdict; do
			echo "| $(basename "$d") | $name | ${before#before=} | ${end#end=} | ${after#after=} | ${t#t=} | ${slack#slack=} | $verdict |"
		done
	done
} > "$out"
cat "$out"
