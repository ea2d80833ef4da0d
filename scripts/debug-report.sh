#!/bin/bash
# Summarize make check-debug's boots into one file a reader can open: the
# checkers the kernel had, each boot's verdict and the figures its tests
# printed (KUnit totals, fork rates, stress operations, hotplug cycles,
# module reloads, the kmemleak scan). KIND=rt: make check-rt's boots;
# KIND=arm64: make check-arm64's, with its build and disassembly lines
# from RESULTS.
#   debug-report.sh OUT.md BOOTDIR...
set -eu
kind=${KIND:-debug}
out=$1
shift
# the guest's own lines, without the kernel's timestamps
console() { tr -d '\r' < "$1/console.log" | sed 's/^\[ *[0-9.]*\] //'; }
first() { console "$1" | grep -m1 -- "$2" || echo "(none)"; }
header_arm64() {
	echo "# make check-arm64"
	echo
	echo "Made by \`make check-arm64\` ($(date -u '+%Y-%m-%d %H:%M UTC')),"
	echo "scripts/check-arm64.sh; Linux $(cat "$OBJ/include/config/kernel.release") for arm64"
	echo "($("${CROSS_COMPILE:-aarch64-linux-gnu-}gcc" --version | head -n 1)) built from"
	echo "configs/guest.config, configs/arm64.config and configs/cpu_alloc.config;"
	echo "$(qemu-system-aarch64 --version | head -n 1), -M virt,gic-version=max -cpu max,pauth-impdef=on (TCG) on"
	echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) host CPUs."
	echo
	echo "The build, this_cpu_inc() on a cpu_alloc pointer against a static"
	echo "variable (scripts/disasm-check.sh, lib/percpu_test.o), and the layout"
	echo "pairs (scripts/layout-pair.sh: the cache on and off, no KUnit):"
	echo
	echo '```'
	grep -E '^(PASS|FAIL) (compile|disasm|layout|arm64-smp[0-9]*: the)' "$RESULTS"
	echo '```'
	echo
	echo "Any BUG, WARNING or Oops in the console fails a boot"
	echo "(scripts/verdict.py). hackbench is the host's x86 binary: the arm64"
	echo "guest has none, and boots with guest.hackbench=0."
}
header_checkers() {
	echo "# make check-$kind"
	echo
	echo "Made by \`make check-$kind\` ($(date -u '+%Y-%m-%d %H:%M UTC')),"
	echo "scripts/check-debug.sh; Linux $(cat "$OBJ/include/config/kernel.release")"
	echo "built from configs/guest.config, configs/qemu.config, configs/cpu_alloc.config and"
	echo "configs/$kind.config; QEMU $(cat "$1/accel" 2>/dev/null || echo '?') on"
	echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) host CPUs."
	echo
	echo "Checkers in the kernel's .config:"
	echo
	grep -o '^CONFIG_[A-Z_]*=y' "$REPO/configs/$kind.config" | while read -r opt; do
		if grep -qx "$opt" "$OBJ/.config"; then
			echo "- \`$opt\`"
		else
			echo "- \`$opt\` MISSING"
		fi
	done
	echo
	echo "Any KASAN, lockdep, BUG, WARNING, UBSAN or kmemleak report in the"
	echo "console fails a boot (scripts/verdict.py)."
	if [ "$kind" = kcsan ]; then
		echo "A KCSAN report fails it only when a frame of either stack is a"
		echo "function of a C file the series touches (series-functions.txt);"
		echo "the others are NOTE lines below, not counted."
	fi
}
{
	if [ "$kind" = arm64 ]; then
		header_arm64
	else
		header_checkers "$1"
	fi
	for d in "$@"; do
		echo
		echo "## $(basename "$d"): -smp $(console "$d" | sed -n 's/.*, \([0-9]*\) CPUs$/\1/p' | head -1)"
		echo
		echo '```'
		tail -n 1 "$d/verdict.txt"
		grep '^FAIL' "$d/verdict.txt" || true
		echo "kernel reports counted as failures: $(grep -c '^FAIL .*kernel report' "$d/verdict.txt" || true)"
		[ "$kind" != kcsan ] ||
			echo "KCSAN reports in the console: $(grep -c 'BUG: KCSAN:' "$d/console.log" || true)"
		grep '^NOTE' "$d/verdict.txt" || true
		if [ "$kind" = arm64 ]; then
			first "$d" 'percpu: Embedded'
			first "$d" 'cpu_alloc: unit:'
			echo "NUMA nodes: $(console "$d" | grep -c '^Initmem setup node')"
		fi
		first "$d" '# Totals:'
		first "$d" '^percpu test: [0-9]* checks'
		console "$d" | grep '^forkloop: ' || true
		first "$d" 'cpu_alloc_stress: .* operations'
		first "$d" 'offline and back'
		first "$d" 'loads and unloads'
		first "$d" '^kmemleak: no unreferenced\|^kmemleak reports'
		console "$d" | grep '^report: frontend' || true
		[ "$kind" != arm64 ] || first "$d" '^report: Percpu'
		echo '```'
	done
} > "$out"
cat "$out"
