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

# A tree unpacked here remembers its tarball (.cpu_alloc-tarball): when the
# tarball changes (a newer package version), the tree is unpacked afresh,
# unless it holds edits quilt has not refreshed into patches/ yet.
key=
[ -f "$tarball" ] && key=$("$repo/scripts/tarball-key.sh" "$tarball")
if [ -f "$ksrc/.cpu_alloc-tarball" ] && [ -n "$key" ] &&
   [ "$(cat "$ksrc/.cpu_alloc-tarball")" != "$key" ]; then
	if [ -n "$(cd "$ksrc" && $quilt diff -z 2>/dev/null | head -c 1)" ]; then
		echo "tree: $tarball changed, but $ksrc has edits not refreshed yet:" >&2
		echo "tree: quilt refresh them, then run make again" >&2
		exit 1
	fi
	echo "tree: $tarball changed since $ksrc was unpacked: unpacking it again"
	rm -rf "$ksrc"
fi
if [ ! -f "$ksrc/Makefile" ]; then
	[ -f "$tarball" ] || { echo "tree: $tarball missing (make base)" >&2; exit 1; }
	echo "tree: unpacking $tarball"
	mkdir -p "$(dirname "$ksrc")"
	tmp=$(mktemp -d "$(dirname "$ksrc")/unpack.XXXXXX")
	tar -C "$tmp" -xf "$tarball"
	mv "$tmp"/* "$ksrc"
	rmdir "$tmp"
	echo "$key" > "$ksrc/.cpu_alloc-tarball"
fi
cd "$ksrc"
if [ ! -e patches ]; then
	ln -s "$repo/patches" patches
elif [ "$(readlink -f patches)" != "$(readlink -f "$repo/patches")" ]; then
	echo "tree: $ksrc/patches exists and is not this repo's patches/" >&2
	exit 1
fi

# The hunks of a diff, without changelog, diffstat or git's extended
# headers (diff --git, index, mode lines), which quilt diff does not write.
hunks() {
	sed -n '/^--- \(a\/\|\/dev\/null\)/,$p' | grep -E '^(@@|[-+ ])' | md5sum
}
stamps=.quilt-stamps
mkdir -p "$stamps"

# An applied patch whose file no longer matches what the tree holds (the
# repo was updated) is popped, with all above it, and pushed again. A
# patch matches when its file is the one pushed (stamped at push time) or
# when its hunks are the ones quilt diff gives (after a quilt refresh).
top=$($quilt top 2>/dev/null | sed 's|^patches/||' || true)
dirty=$($quilt diff -z 2>/dev/null | head -c 1 || true)
for p in $($quilt applied 2>/dev/null | sed 's|^patches/||'); do
	if [ "$p" = "$top" ] && [ -n "$dirty" ]; then
		echo "tree: $p has edits not yet refreshed: building them as they are"
		continue
	fi
	if [ -f "patches/$p" ] && [ -f "$stamps/$p" ] &&
	   [ "$(md5sum < "patches/$p")" = "$(cat "$stamps/$p")" ]; then
		continue
	fi
	if [ -f "patches/$p" ] &&
	   [ "$($quilt diff -P "$p" 2>/dev/null | hunks)" = "$(hunks < "patches/$p")" ]; then
		md5sum < "patches/$p" > "$stamps/$p"
		continue
	fi
	echo "tree: $p changed since it was pushed; re-applying from there"
	# a header the re-push rewrites with the same text keeps its mtime,
	# so that every build tree does not rebuild whole
	python3 "$repo/scripts/keep-mtimes.py" save "$ksrc" > /dev/null
	repushed=1
	if [ -f "patches/$p" ]; then
		$quilt pop -f -q "$p" >/dev/null || true	# nothing to pop when p is on top
		$quilt pop -f -q >/dev/null || true
	else
		$quilt pop -a -f -q >/dev/null || true	# no longer in the series
	fi
	break
done
# what is pushed below gets the stamp of the file pushed, even when quilt
# diff's hunks differ from git format-patch's (another diff algorithm)
for p in $($quilt unapplied 2>/dev/null | sed 's|^patches/||'); do
	rm -f "$stamps/$p"
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
for p in $($quilt applied 2>/dev/null | sed 's|^patches/||'); do
	[ -f "$stamps/$p" ] || md5sum < "patches/$p" > "$stamps/$p"
done
if [ -n "${repushed:-}" ]; then
	python3 "$repo/scripts/keep-mtimes.py" restore "$ksrc" | tail -n 1 | sed 's/^/tree: /'
fi
if grep -q 'with fuzz' "$log"; then
	echo "tree: WARNING: applied with fuzz:"
	grep -B3 'with fuzz' "$log" | grep -E 'Applying|fuzz'
fi
echo "tree: $ksrc, Linux $(make -s kernelversion), $($quilt applied 2>/dev/null | wc -l) patches applied"
