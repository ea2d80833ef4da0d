#!/bin/bash
# Make KSRC a kernel tree with the whole series applied.
#   tree.sh REPO KSRC TARBALL
# The default tree is unpacked from TARBALL when missing. Patches whose file
# changed since they were pushed are popped and pushed again, so the tree
# always matches patches/. Edits to the top patch that are not refreshed
# yet are built as they are; quilt refuses to pop them, so nothing is lost.
set -eu
repo=$1 ksrc=$2 tarball=$3
quilt="quilt --quiltrc $repo/.quiltrc"

if [ ! -f "$ksrc/Makefile" ]; then
	[ -f "$tarball" ] || { echo "tree: $tarball missing (make deps)" >&2; exit 1; }
	echo "tree: unpacking $tarball"
	mkdir -p "$(dirname "$ksrc")"
	tar -C "$(dirname "$ksrc")" -xf "$tarball"
fi
cd "$ksrc"
if [ ! -e patches ]; then
	ln -s "$repo/patches" patches
elif [ "$(readlink -f patches)" != "$(readlink -f "$repo/patches")" ]; then
	echo "tree: $ksrc/patches exists and is not this repo's patches/" >&2
	exit 1
fi

# The diff part of a patch file, without its changelog.
diffsum() {
	sed -n '/^--- \(a\/\|\/dev\/null\)/,$p' "patches/$1" | md5sum
}

# An applied patch whose file no longer matches what the tree holds (the
# repo was updated) is popped, with all above it, and pushed again.
top=$($quilt top 2>/dev/null | sed 's|^patches/||' || true)
dirty=$($quilt diff -z 2>/dev/null | head -c 1 || true)
for p in $($quilt applied 2>/dev/null | sed 's|^patches/||'); do
	if [ "$p" = "$top" ] && [ -n "$dirty" ]; then
		echo "tree: $p has edits not yet refreshed: building them as they are"
		continue
	fi
	if [ "$($quilt diff -P "$p" 2>/dev/null | md5sum)" != "$(diffsum "$p")" ]; then
		echo "tree: $p changed since it was pushed; re-applying from there"
		$quilt pop -q "$p" >/dev/null || true	# nothing to pop when p is on top
		$quilt pop -q >/dev/null || true
		break
	fi
done

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
$quilt push -a > "$log" 2>&1
rc=$?
set -e
case $rc in
0|2) ;;			# 2: nothing left to apply
*)	cat "$log" >&2
	echo "tree: the series does not apply to $ksrc" >&2
	exit 1 ;;
esac
if grep -q 'with fuzz' "$log"; then
	echo "tree: WARNING: applied with fuzz:"
	grep -B3 'with fuzz' "$log" | grep -E 'Applying|fuzz'
fi
echo "tree: $ksrc, Linux $(make -s kernelversion), $($quilt applied 2>/dev/null | wc -l) patches applied"
