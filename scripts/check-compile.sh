#!/bin/bash
# make check-compile: the series on other architectures and on UP, built
# (not booted) from tinyconfig with the guest's options, each in
# build/obj-NAME with ccache:
#   arm64  ARCH=arm64, Debian's aarch64-linux-gnu-gcc, CPU_ALLOC=y
#   i386   ARCH=i386 (the host gcc with -m32), SMP, CPU_ALLOC=y
#   up     x86_64 with SMP off: CPU_ALLOC cannot be set, the series must
#          compile out to mm/percpu-km.c
# Each gets a full build (vmlinux or Image, and the modules) that must
# print no warning, then every C file the series touches that the config
# builds is compiled again with W=1 and sparse (C=2): no warning either,
# but sparse's upstream ones (scripts/sparse-upstream.txt).
#   check-compile.sh [NAME...]  (default: arm64 i386 up)
# The PASS/FAIL lines go to build/check-compile/results.txt, or with
# RESULTS set to that file (make check-arm64 builds its kernel here);
# run alone, it also writes results/check-compile.md.
set -u
dir=$BUILD/check-compile
mkdir -p "$dir"
res=${RESULTS:-$dir/results.txt}
[ -n "${RESULTS:-}" ] || : > "$res"
status=0
mine=$("$REPO/scripts/series-files.sh" | grep -E '\.[ch]$')
say() { echo "$1" | tee -a "$res"; }

for name in ${*:-arm64 i386 up}; do
	cfg=$REPO/configs
	case $name in
	arm64)	arch=arm64 cross=aarch64-linux-gnu- targets="Image modules"
		frags="$cfg/guest.config $cfg/arm64.config $cfg/cpu_alloc.config" ;;
	i386)	arch=i386 cross= targets="vmlinux modules"
		frags="$cfg/guest.config $cfg/i386.config $cfg/cpu_alloc.config" ;;
	up)	arch=x86_64 cross= targets="vmlinux modules"
		frags="$cfg/guest.config $cfg/qemu.config $cfg/up.config" ;;
	*)	say "FAIL compile: no configuration named $name"; status=1; continue ;;
	esac
	obj=$BUILD/obj-$name
	log=$dir/$name.log
	kmake() {
		ARCH=$arch CROSS_COMPILE=$cross make -s -C "$KSRC" O="$obj" \
			-j"${JOBS:-$(nproc)}" CC="ccache ${cross}gcc" "$@"
	}
	start=$(date +%s)
	# shellcheck disable=SC2086 # one word per fragment and per target
	if ! ARCH=$arch CROSS_COMPILE=$cross "$REPO/scripts/config.sh" "$KSRC" "$obj" $frags > "$log" 2>&1 ||
	   ! kmake $targets >> "$log" 2>&1; then
		tail -n 20 "$log"
		say "FAIL compile $name: the build failed, see $log"
		status=1
		continue
	fi
	secs=$(($(date +%s) - start))
	ccfg=$(grep -E '^CONFIG_SMP=|^# CONFIG_SMP is not set' "$obj/.config" ||
		echo 'SMP not offered')
	# modpost says WARNING:
	warnings=$(grep -ci 'warning:' "$log")
	if [ "$warnings" = 0 ]; then
		say "PASS compile $name: $targets, no warning ($ccfg, ${secs}s)"
	else
		grep -i 'warning:' "$log" | head -n 10
		say "FAIL compile $name: $warnings warnings in the build, see $log"
		status=1
	fi
	# the series' files again, whether or not the build above had them
	# up to date: W=1 and sparse
	objs=
	for o in $(echo "$mine" | sed -n 's|\.c$|.o|p'); do
		[ -f "$obj/$o" ] && objs="$objs $o" && rm -f "$obj/$o"
	done
	# Only what is reported in a file the series adds or changes: the
	# rest is upstream's (arm64's vDSO, and the casts in arm64's cmpxchg
	# macros that sparse flags for each size a switch does not take).
	# shellcheck disable=SC2086
	if ! kmake W=1 C=2 $objs > "$dir/$name-w1.log" 2>&1; then
		tail -n 20 "$dir/$name-w1.log"
		say "FAIL compile $name: W=1 and sparse build failed, see $dir/$name-w1.log"
		status=1
		continue
	fi
	out=$(cat "$dir/$name-w1.log" |
		grep -E 'warning|error' | sed "s|^$KSRC/||; s|:[0-9]*:[0-9]*: |: |" |
		grep -F -f <(echo "$mine" | sed 's/$/: /') |
		grep -vxF -f <(grep -v '^#' "$REPO/scripts/sparse-upstream.txt") || true)
	if [ -z "$out" ]; then
		say "PASS compile $name: W=1 and sparse clean:$objs"
	else
		echo "$out" | head -n 20
		say "FAIL compile $name: W=1 or sparse warnings:$objs"
		status=1
	fi
done
if [ -z "${RESULTS:-}" ]; then
	{
		echo "# make check-compile"
		echo
		echo "Made by \`make check-compile\` ($(date -u '+%Y-%m-%d %H:%M UTC')),"
		echo "scripts/check-compile.sh, on $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'),"
		echo "$(nproc) host CPUs; $(gcc --version | head -n 1) (x86),"
		echo "$(aarch64-linux-gnu-gcc --version 2>/dev/null | head -n 1) (arm64)."
		echo "Times are this run's: incremental builds in build/obj-NAME, with ccache."
		echo
		echo '```'
		cat "$res"
		echo '```'
	} > "$REPO/results/check-compile.md"
	echo "$(grep -c '^PASS' "$res") passed, $(grep -c '^FAIL' "$res") failed"
fi
exit $status
