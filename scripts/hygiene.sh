#!/bin/bash
# Series hygiene: each patch passes checkpatch --strict, the documents it
# adds pass docutils and the C files it touches are sparse-clean. (That the
# series applies without fuzz is checked by series-build.sh.)
#   hygiene.sh RESULTS   (PASS/FAIL lines are appended to RESULTS)
set -eu
res=$1
mkdir -p "$(dirname "$res")"
: > "$res"
pass() { echo "PASS hygiene: $*" | tee -a "$res"; }
fail() { echo "FAIL hygiene: $*" | tee -a "$res"; }

# FILE_PATH_CHANGES ("does MAINTAINERS need updating?") is asked of every
# patch that adds a file; series.sh check answers it with get_maintainer.pl
# (every new file is PER-CPU MEMORY ALLOCATOR's, through mm/percpu*.c).
for p in $(grep -v '^#' "$REPO/patches/series" 2>/dev/null); do
	if out=$(cd "$KSRC" && perl scripts/checkpatch.pl --strict --quiet \
			--show-types --ignore FILE_PATH_CHANGES "$REPO/patches/$p" 2>&1); then
		pass "checkpatch --strict $p"
	else
		echo "$out"
		fail "checkpatch --strict $p"
	fi
done

# Every document the series adds builds with docutils without a warning
# (plain docutils knows no Sphinx directives, so only new files).
for doc in $(cat "$REPO"/patches/*.patch |
	     sed -n '/^--- \/dev\/null$/{n;s|^+++ b/\(Documentation/.*\.rst\)$|\1|p}' | sort -u); do
	if out=$(/usr/bin/rst2html --report=2 --halt=2 "$KSRC/$doc" /dev/null 2>&1); then
		pass "docutils $doc"
	else
		echo "$out"
		fail "docutils $doc"
	fi
done

# kernel-doc reports nothing on the files the series adds
added=$("$REPO/scripts/series-files.sh" added | grep '\.[ch]$' | grep -v '^tools/')
# shellcheck disable=SC2086
if out=$(cd "$KSRC" && perl scripts/kernel-doc -none -Wall $added 2>&1) && [ -z "$out" ]; then
	pass "kernel-doc -none -Wall:" $added
else
	echo "$out"
	fail "kernel-doc -none -Wall"
fi

# sparse on every C file the series touches that this config builds.
files=$("$REPO/scripts/series-files.sh" | sed -n 's|\.c$|.o|p')
objs=
for o in $files; do
	[ -f "$OBJ/$o" ] && objs="$objs $o"
done
if [ -n "$objs" ]; then
	# shellcheck disable=SC2086
	out=$(make -s -C "$KSRC" O="$OBJ" C=2 CC="ccache gcc" $objs 2>&1 |
		grep -E 'warning|error' | sed "s|^$KSRC/||; s|:[0-9]*:[0-9]*: |: |" |
		grep -vxF -f <(grep -v '^#' "$REPO/scripts/sparse-upstream.txt") || true)
	if [ -z "$out" ]; then
		pass "sparse (make C=2):$objs"
	else
		echo "$out"
		fail "sparse (make C=2):$objs"
	fi
fi
