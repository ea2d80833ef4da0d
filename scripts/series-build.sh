#!/bin/bash
# The series applies to a pristine default tree without fuzz, and each
# patch compiles on its own: apply the series one patch at a time and, after each, compile every C file the series has
# touched so far (and init/main.c, which sees every header through
# percpu.h) with the test configuration.
#   series-build.sh RESULTS
# A full link per patch would take a kernel build each; this catches what
# a patch breaks in the files it and its predecessors change.
set -eu
res=$1
pass() { echo "PASS series-build: $*" | tee -a "$res"; }
fail() { echo "FAIL series-build: $*" | tee -a "$res"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -C "$tmp" -xf "$TARBALL"
tree=$(echo "$tmp"/linux-*)
obj=$tmp/obj
ln -s "$REPO/patches" "$tree/patches"
quilt="quilt --quiltrc $REPO/.quiltrc"
kmake() { make -s -C "$tree" O="$obj" CC="ccache gcc" -j"$(nproc)" "$@"; }

mkdir -p "$obj"
cp "$OBJ/.config" "$obj/.config"
kmake olddefconfig > /dev/null
kmake prepare > /dev/null 2>&1

files="init/main.c"
for p in $(grep -v '^#' "$REPO/patches/series"); do
	if ! out=$(cd "$tree" && $quilt push -q --fuzz=0 2>&1); then
		echo "$out" | tail -20
		fail "$p applies to $(basename "$TARBALL") without fuzz"
		exit 0
	fi
	files="$files $(sed -n 's|^+++ b/\(.*\.c\)$|\1|p' "$REPO/patches/$p")"
	# The test configuration again, each time: olddefconfig drops the
	# options a patch has not added yet and would leave those added later
	# at their defaults (PERCPU_CACHE_KUNIT_TEST is off by default), not at
	# the values the configuration gives them.
	cp "$OBJ/.config" "$obj/.config"
	kmake olddefconfig > /dev/null
	objs=
	for f in $(echo "$files" | tr ' ' '\n' | sort -u); do
		o=${f%.c}.o
		# only what this configuration builds
		[ -f "$OBJ/$o" ] && objs="$objs $o"
	done
	# shellcheck disable=SC2086
	if out=$(kmake $objs 2>&1) && ! echo "$out" | grep -q 'warning:'; then
		pass "$p:$objs"
	else
		echo "$out" | tail -20
		fail "$p"
	fi
done
echo "PASS hygiene: series applies to $(basename "$TARBALL") without fuzz" | tee -a "$res"
