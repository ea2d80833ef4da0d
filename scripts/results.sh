#!/bin/bash
# make results: copy the reports of the last 'make run', 'make check' and
# 'make sizing'
# from build/ into results/, the only way those targets change results/
# (make bench and make check-debug write theirs there themselves).
set -eu
n=0
copy() {
	if [ -f "$1" ]; then
		cp "$1" "$REPO/results/$2"
		echo "results: $2 from $1"
		n=$((n + 1))
	fi
}
copy "$BUILD/run/run.md" run.md
copy "$BUILD/check/sizing.md" sizing.md
copy "$BUILD/check/frontend.md" frontend.md
copy "$BUILD/check/results.txt" check.txt
copy "$BUILD/sizing/sizing-defconfig.md" sizing-defconfig.md
[ $n -gt 0 ] || { echo "results: nothing to copy (make run or make check first)" >&2; exit 1; }
