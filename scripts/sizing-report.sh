#!/bin/bash
# Collect the 'sizing:' lines (guest test 48-sizing) of make check's boots
# into one table: per-CPU bytes in use (cpu_bytes) and the area's high
# watermark at idle, during the guest tests and during hackbench.
#   sizing-report.sh OUT.md BOOTDIR...
set -eu
out=$1
shift
{
	echo "# cpu_alloc area usage"
	echo
	echo "Made by \`make check\` ($(date -u '+%Y-%m-%d %H:%M UTC')), guest test"
	echo "\`guest/tests/48-sizing.sh\`; Linux $(cat "$OBJ/include/config/kernel.release"),"
	echo "QEMU $(cat "$1/accel" 2>/dev/null || echo '?') on $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')."
	echo "Bytes per CPU. The watermark restarts before each stage, so each row"
	echo "is that stage's peak; the tests that fill the area on purpose (the"
	echo "boot's KUnit suite, 50-stress) are left out."
	echo
	echo "| boot | CPUs | area | stage | cpu_bytes | high watermark | peak / area |"
	echo "|---|---:|---:|---|---:|---:|---:|"
	for d in "$@"; do
		tr -d '\r' < "$d/console.log" | grep '^sizing: ' | awk '!seen[$0]++' |
		while read -r _ cpus area stage bytes high; do
			a=${area#area=} h=${high#high_watermark=}
			pct=-
			[ "$a" -gt 0 ] && pct="$((100 * h / a))%"
			echo "| $(basename "$d") | ${cpus#cpus=} | $a | ${stage#stage=} | ${bytes#cpu_bytes=} | $h | $pct |"
		done
	done
} > "$out"
cat "$out"
