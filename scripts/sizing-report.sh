#!/bin/bash
# Collect the 'sizing:' and 'sizing-class:' lines (guest tests 00-idle and
# 48-sizing) and the 'percpu-return:' lines (42-percpu-return) of some
# boots into one report: per-CPU bytes in use, the area's high watermark,
# Percpu and fallbacks per stage, the area's objects by size class, and
# Percpu around each memcg churn.
#   sizing-report.sh OUT.md BOOTDIR...
set -eu
out=$1
shift
lines() { tr -d '\r' < "$1/console.log" | grep "^$2" | awk '!seen[$0]++'; }
{
	echo "# cpu_alloc area usage"
	echo
	echo "Made by \`make ${SIZING_TARGET:-check}\` ($(date -u '+%Y-%m-%d %H:%M UTC')), guest tests"
	echo "\`00-idle\`, \`42-percpu-return\` and \`48-sizing\`; Linux $(cat "$OBJ/include/config/kernel.release"),"
	echo "QEMU $(cat "$1/accel" 2>/dev/null || echo '?') on $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')."
	echo "Bytes per CPU, except Percpu (kB, /proc/meminfo, all CPUs). The"
	echo "watermark restarts before each stage, so each row is that stage's"
	echo "peak; \`suite\` is the guest tests between idle and hackbench,"
	echo "\`memcg300\` holds 300 memory cgroups alive. Fallbacks count since"
	echo "boot the requests the area could not hold (they went to chunks)."
	echo
	echo "| boot | CPUs | area | stage | cpu_bytes | high watermark | peak / area | Percpu kB | fallbacks |"
	echo "|---|---:|---:|---|---:|---:|---:|---:|---:|"
	for d in "$@"; do
		lines "$d" 'sizing: cpus=' |
		while read -r _ cpus area stage bytes high percpu fallbacks; do
			a=${area#area=} h=${high#high_watermark=}
			pct=-
			[ -n "$a" ] && [ -n "$h" ] && [ "$a" -gt 0 ] && pct="$((100 * h / a))%"
			echo "| $(basename "$d") | ${cpus#cpus=} | $a | ${stage#stage=} | ${bytes#cpu_bytes=} | $h | $pct | ${percpu#percpu_kb=} | ${fallbacks#fallbacks=} |"
		done
	done
	echo
	echo "## Objects in the area by size class"
	echo
	echo "Live objects (parked in the per-CPU caches included) whose size is"
	echo "at most the class and more than half of it, and their bytes per CPU."
	echo
	echo "| boot | stage | class (bytes) | objects | bytes |"
	echo "|---|---|---:|---:|---:|"
	for d in "$@"; do
		lines "$d" 'sizing-class: ' |
		while read -r _ stage class objects _ bytes _; do
			echo "| $(basename "$d") | ${stage#stage=} | ${class#class=} | $objects | $bytes |" | tr -d ':'
		done
	done
	echo
	echo "## Percpu after workloads that free what they allocate"
	echo
	echo "Each row: Percpu (kB) before the workload, when it ends and once it is back"
	echo "within the slack (4 pages per possible CPU), t seconds later (10 s at most)."
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
