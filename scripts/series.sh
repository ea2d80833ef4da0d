#!/bin/bash
# The series as git sees it: patches/ is a quilt series of git format-patch
# files, and a mail-ready submission with a cover letter.
#
#   series.sh export [AUTHOR="Name <mail>"]
#	Apply patches/ with git am to a git repository made from TARBALL,
#	write the patches back as git format-patch makes them (numbered
#	subjects, diffstats) and regenerate the cover letter's shortlog and
#	diffstat. Run it after quilt refresh. With AUTHOR, From: and
#	Signed-off-by: name AUTHOR instead of the series' identity.
#   series.sh check RESULTS
#	PASS/FAIL lines: git am applies the series; the result equals the
#	quilt tree KSRC; export would change nothing; one identity signs
#	every patch; get_maintainer.pl names a maintainer for every patch
#	and the per-CPU allocator's for every file the series adds.
#   series.sh vmlinux RESULTS
#	Build vmlinux at every patch of the series, in order (slow: not in
#	make check).
#   series.sh cover
#	Print the cover letter.
#
# The git repository is kept in $BUILD/git (tag "base": the tarball).
set -eu
cmd=${1:?usage: series.sh export|check|vmlinux|cover}
res=${2:-/dev/null}
patches=$REPO/patches
cover=$patches/0000-cover-letter.txt
git_dir=$BUILD/git
tree=$git_dir/linux-source-$BASE_SERIES
ident="cpu_alloc developers <cpu-alloc@lists.example.org>"
author=${AUTHOR:-}

pass() { echo "PASS series: $*" | tee -a "$res"; }
fail() { echo "FAIL series: $*" | tee -a "$res"; }
who=${author:-$ident}
g() { git -C "$tree" -c user.name="${who% <*}" -c user.email="$(echo "$who" | sed 's/.*<\(.*\)>/\1/')" \
	-c core.autocrlf=false "$@"; }

# The tarball as a git repository, made once. Debian's .gitignore ignores
# everything at the top level, so files are added with -f.
# It is made again when the tarball changes (a newer point release).
base_repo() {
	local key
	key=$("$REPO/scripts/tarball-key.sh" "$TARBALL")
	if [ "$(cat "$git_dir/tarball.key" 2>/dev/null)" = "$key" ] &&
	   g rev-parse -q --verify base >/dev/null 2>&1; then
		return 0
	fi
	echo "series: making a git repository of $(basename "$TARBALL") in $tree"
	rm -rf "$git_dir"
	mkdir -p "$git_dir"
	tar -C "$git_dir" -xf "$TARBALL"
	[ -d "$tree" ] || mv "$git_dir"/linux* "$tree"
	g init -q
	g add -f -A .
	g commit -q -m "Linux $(make -s -C "$tree" kernelversion) ($(basename "$TARBALL"))"
	g tag base
	echo "$key" > "$git_dir/tarball.key"
}

# A patch without what only the base decides: the blob ids of index lines
# and the line numbers and function names of hunk headers (hunk lengths
# stay: they change only when the patch does)
base_free() {
	sed -E -e 's/^index [0-9a-f]+\.\.[0-9a-f]+/index/' \
		-e 's/^@@ -[0-9]+(,[0-9]+)? \+[0-9]+(,[0-9]+)? @@.*/@@ -\1 +\2 @@/'
}

series_list() { grep -v '^\s*\(#\|$\)' "$patches/series"; }

# git am every patch of the series onto base, on branch "am"
am_series() {
	local p
	g am --abort >/dev/null 2>&1 || true
	g checkout -q -f base
	g clean -fdxq
	g branch -D am >/dev/null 2>&1 || true
	g checkout -q -b am
	for p in $(series_list); do
		if [ -n "$author" ]; then
			sed "1,/^---\$/ s|$ident|$author|" "$patches/$p"
		else
			cat "$patches/$p"
		fi > "$git_dir/am.patch"
		if ! g am -q --keep-cr "$git_dir/am.patch" >"$git_dir/am.log" 2>&1; then
			cat "$git_dir/am.log" >&2
			g am --abort >/dev/null 2>&1 || true
			echo "$p"
			return 1
		fi
	done
}

# The series as git format-patch writes it, into directory $1 (index
# lines abbreviated to 12 digits: the default depends on the repository)
format() {
	rm -rf "$1"
	g format-patch -q --no-signature --zero-commit --abbrev=12 --cover-letter \
		-o "$1" base..am
}

# The cover letter: headers and shortlog/diffstat as git makes them
# (file $1), the text in between from the current cover letter.
cover_letter() {
	local made=$1 blurb date
	blurb=$(mktemp)
	# the last patch's date, not the time of this run
	date=$(sed -n 's/^Date: //p' "$(ls "$(dirname "$made")"/*.patch | tail -n 1)" | head -n 1)
	if [ -f "$cover" ]; then
		# between the blank line after the headers and the shortlog
		awk 'body && /^[^ ].* \([0-9]+\):$/ { exit }
		     body { print }
		     !body && /^$/ { body = 1 }' "$cover" > "$blurb"
	fi
	[ -s "$blurb" ] || printf '*** BLURB HERE ***\n\n' > "$blurb"
	awk -v blurb="$blurb" -v date="$date" '
		!body && /^Date:/ { $0 = "Date: " date }
		!body && /^Subject:/ { sub(/\*\*\* SUBJECT HERE \*\*\*/,
			"mm/percpu: a per-CPU object cache in front of the chunk allocator") }
		!body && /^$/ { body = 1; print; while ((getline l < blurb) > 0) print l; skip = 1; next }
		skip && /^[^ ].* \([0-9]+\):$/ { skip = 0 }
		!skip { print }' "$made"
	rm -f "$blurb"
}

case $cmd in
export)
	base_repo
	if ! bad=$(am_series); then
		echo "series: $bad does not apply with git am" >&2
		exit 1
	fi
	out=$git_dir/format
	format "$out"
	cover_letter "$out"/0000-cover-letter.patch > "$cover.new"
	mv "$cover.new" "$cover"
	rm "$out"/0000-cover-letter.patch
	for p in $(series_list); do
		rm "$patches/$p"
	done
	: > "$patches/series"
	for f in "$out"/*.patch; do
		cp "$f" "$patches/"
		basename "$f" >> "$patches/series"
	done
	echo "series: $(series_list | wc -l) patches and the cover letter in $patches"
	;;
check)
	base_repo
	n=$(series_list | wc -l)
	if bad=$(am_series); then
		pass "git am applies all $n patches to $(basename "$TARBALL")"
	else
		fail "git am: $bad does not apply to $(basename "$TARBALL")"
		exit 0
	fi
	# git am's tree against quilt's: every file the series touches
	diffs=
	for f in $(g diff --name-only base am); do
		if [ -e "$tree/$f" ]; then
			cmp -s "$tree/$f" "$KSRC/$f" || diffs="$diffs $f"
		else
			[ ! -e "$KSRC/$f" ] || diffs="$diffs $f"
		fi
	done
	if [ -z "$diffs" ] && [ "$(g status --porcelain | wc -l)" = 0 ]; then
		pass "git am's tree equals quilt's in $(g diff --name-only base am | wc -l) files"
	else
		fail "git am's tree differs from quilt's in:$diffs"
	fi
	# patches/ is what export makes: current diffstats, numbering, cover
	out=$git_dir/format
	format "$out"
	# A newer point release of the base moves index lines and hunk
	# offsets without changing a line of the series: compare without them.
	stale=
	for p in $(series_list); do
		cmp -s <(base_free < "$patches/$p") <(base_free < "$out/$p") ||
			stale="$stale $p"
	done
	[ "$(cd "$out" && ls -- *.patch | grep -v '^0000-' | tr '\n' ' ')" = \
	  "$(series_list | tr '\n' ' ')" ] || stale="$stale (names)"
	cover_letter "$out"/0000-cover-letter.patch | cmp -s - "$cover" || stale="$stale cover-letter"
	if [ -z "$stale" ]; then
		pass "patches/ is git format-patch output, diffstats and cover letter current"
	else
		fail "not what make series would write (run make series):$stale"
	fi
	# one identity: the first patch's author signs and authors every patch
	who=$(sed -n 's/^From: //p' "$patches/$(series_list | head -n 1)")
	odd=
	for p in $(series_list); do
		[ "$(sed -n 's/^From: //p' "$patches/$p")" = "$who" ] &&
		[ "$(sed -n 's/^Signed-off-by: //p' "$patches/$p" | tail -n 1)" = "$who" ] ||
			odd="$odd $p"
	done
	if [ -z "$odd" ]; then
		pass "every patch is from and signed off by $who"
	else
		fail "From: or Signed-off-by: is not $who in:$odd"
	fi
	# get_maintainer.pl on the tree with the whole series
	unmaintained=
	for p in $(series_list); do
		m=$(cd "$tree" && perl scripts/get_maintainer.pl --no-git --no-git-fallback \
			--no-rolestats --no-l --no-r "$patches/$p" 2>/dev/null | head -n 1)
		[ -n "$m" ] || unmaintained="$unmaintained $p"
	done
	newfiles=$("$REPO/scripts/series-files.sh" added)
	for f in $newfiles; do
		(cd "$tree" && perl scripts/get_maintainer.pl --no-git --no-git-fallback \
			--no-rolestats -f "$f" 2>/dev/null) | grep -q 'dennis@kernel.org' ||
			unmaintained="$unmaintained $f"
	done
	if [ -z "$unmaintained" ]; then
		pass "get_maintainer.pl names a maintainer for all $n patches and PER-CPU MEMORY ALLOCATOR's for all $(echo "$newfiles" | wc -w) new files"
	else
		fail "get_maintainer.pl names no maintainer for:$unmaintained"
	fi
	;;
vmlinux)
	# each patch in order, the guest's configuration, a full link each
	base_repo
	am_series >/dev/null || { fail "git am"; exit 0; }
	obj=$BUILD/obj-series
	mkdir -p "$obj"
	i=0
	for c in $(g rev-list --reverse base..am); do
		i=$((i + 1))
		g checkout -q "$c"
		cp "$OBJ/.config" "$obj/.config"
		subject=$(g log -1 --format=%s "$c")
		if out=$(make -s -C "$tree" O="$obj" CC="ccache gcc" -j"$(nproc)" \
				olddefconfig vmlinux 2>&1) && ! echo "$out" | grep -q 'warning:'; then
			pass "vmlinux at $i/$(series_list | wc -l): $subject"
		else
			echo "$out" | tail -20
			fail "vmlinux at $i: $subject"
		fi
	done
	g checkout -q am
	;;
cover)
	cat "$cover"
	;;
*)
	echo "usage: series.sh export|check|vmlinux|cover" >&2
	exit 1
	;;
esac
