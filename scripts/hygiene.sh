#!/bin/bash
# Series hygiene: each patch passes checkpatch --strict, and the whole
# series applies to a pristine default tree without fuzz.
#   hygiene.sh RESULTS   (PASS/FAIL lines are appended to RESULTS)
set -eu
res=$1
mkdir -p "$(dirname "$res")"
: > "$res"
pass() { echo "PASS hygiene: $*" | tee -a "$res"; }
fail() { echo "FAIL hygiene: $*" | tee -a "$res"; }

for p in $(grep -v '^#' "$REPO/patches/series" 2>/dev/null); do
	if out=$(cd "$KSRC" && perl scripts/checkpatch.pl --strict --quiet \
			--show-types "$REPO/patches/$p" 2>&1); then
		pass "checkpatch --strict $p"
	else
		echo "$out"
		fail "checkpatch --strict $p"
	fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -C "$tmp" -xf "$TARBALL"
tree=$(echo "$tmp"/linux-*)
ln -s "$REPO/patches" "$tree/patches"
if out=$(cd "$tree" && quilt --quiltrc "$REPO/.quiltrc" push -a --fuzz=0 2>&1) ||
   echo "$out" | grep -q 'No patches in series'; then
	pass "series applies to $(basename "$TARBALL") without fuzz"
else
	echo "$out" | tail -20
	fail "series applies to $(basename "$TARBALL") without fuzz"
fi
