#!/bin/bash
# make run: boot the patched kernel, run the demo and print its report.
set -eu
out=$BUILD/run
rm -rf "$out"
mkdir -p "$out"
set +e
APPEND="guest.mode=run ${APPEND:-}" \
	"$REPO/scripts/qemu-run.sh" "$KERNEL" "$INITRD" "$out"
set -e
{
	echo "# make run, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "command: make run${APPEND:+ APPEND='$APPEND'}"
	echo "base: $(cat "$BUILD/base-version.txt" 2>/dev/null || echo unknown)"
	echo "host: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) CPUs, QEMU $(cat "$out/accel"), -smp $SMP"
	sed -n 's/^report: //p' "$out/console.log" | tr -d '\r'
} > "$out/report.txt"
cat "$out/report.txt"
python3 "$REPO/scripts/results.py" "$out/report.txt" "$out/run.md" > /dev/null
echo "run: results in $out/run.md ('make results' copies it to results/)"
python3 "$REPO/scripts/verdict.py" "$out" run | tail -n 1
