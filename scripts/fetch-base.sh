#!/bin/bash
# Fetch the kernel the series is against: Debian's linux-source-$SERIES
# package from $SUITE, once per package version.
#   fetch-base.sh DIR SERIES SUITE
# DIR/VERSION/ holds linux-source-SERIES.tar.xz and version.txt
# ("linux-source-7.3 7.3.4-1~bpo13+1, git tree ID": the tarball's tree as
# git write-tree names it); DIR/linux-source-SERIES.tar.xz
# links to the newest version fetched, which DIR/current.txt names. apt runs with a private configuration
# in DIR/apt (sources for SUITE only, with the mirror and keyring of the
# machine's own Debian sources; lists and cache of its own), so neither
# /etc/apt nor /var/lib/apt is touched and nothing is installed.
set -eu
dir=$(readlink -m "$1") series=$2 suite=$3
pkg=linux-source-$series
apt=$dir/apt
mkdir -p "$apt/parts"

# the machine's Debian mirror and keyring (deb822 or one-line sources)
mirror= keyring=
for f in /etc/apt/sources.list.d/*.sources; do
	[ -f "$f" ] || continue
	u=$(awk '/^URIs:/ { print $2; exit }' "$f")
	case $u in */debian) ;; *) continue ;; esac
	mirror=$u
	keyring=$(awk '/^Signed-By:/ { print $2; exit }' "$f")
	break
done
if [ -z "$mirror" ]; then
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		mirror=$(sed -n 's|^deb \(\[[^]]*\] \)\?\([^ ]*/debian\) .*|\2|p' "$f" | head -n 1)
		[ -n "$mirror" ] && break
	done
fi
mirror=${mirror:-http://deb.debian.org/debian}
keyring=${keyring:-/usr/share/keyrings/debian-archive-keyring.gpg}

cat > "$apt/parts/base.sources" <<SRC
Types: deb
URIs: $mirror
Suites: $suite
Components: main
Signed-By: $keyring
SRC
"$(dirname "$0")/private-apt.sh" "$apt" /dev/null
export APT_CONFIG=$apt/apt.conf
SUDO=
[ "$(id -u)" = 0 ] || SUDO="sudo --preserve-env=APT_CONFIG"

# The index is fetched again at most once an hour: a moved package is
# noticed on the next build, and an offline rebuild still works.
stamp=$apt/updated
if [ -z "$(find "$stamp" -mmin -60 2>/dev/null)" ]; then
	if $SUDO apt-get -q update >"$apt/update.log" 2>&1; then
		touch "$stamp"
	elif [ -f "$dir/current.txt" ]; then
		echo "fetch-base: apt-get update failed; using $(cat "$dir/current.txt")" >&2
	else
		cat "$apt/update.log" >&2
		echo "fetch-base: cannot read $suite from $mirror" >&2
		exit 1
	fi
fi
ver=$(apt-cache show "$pkg" 2>/dev/null | sed -n 's/^Version: //p' | sort -V | tail -n 1 || true)
if [ -z "$ver" ]; then
	if [ -f "$dir/current.txt" ]; then
		ver=$(cut -d' ' -f2 "$dir/current.txt" | tr -d ,)
	else
		cat >&2 <<MSG
fetch-base: $mirror $suite no longer carries $pkg.
  Point the build at a $series tree of your own: make KSRC=/path/to/linux-$series
  (an unpacked tree, patched by quilt in place), or at a tarball:
  make TARBALL=/path/to/linux-source-$series.tar.xz
MSG
		exit 1
	fi
fi
out=$dir/$ver
if [ ! -f "$out/$pkg.tar.xz" ]; then
	echo "fetch-base: downloading $pkg $ver from $mirror $suite" >&2
	mkdir -p "$out"
	(cd "$apt/cache" && $SUDO apt-get -q download "$pkg=$ver" >/dev/null)
	deb=$(ls "$apt/cache/${pkg}_"*.deb | head -n 1)
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO "./usr/src/$pkg.tar.xz" > "$out/$pkg.tar.xz.tmp"
	mv "$out/$pkg.tar.xz.tmp" "$out/$pkg.tar.xz"
	rm -f "$deb"
fi
# The tree's git id names the base exactly: a commit made from the tarball
# differs per clone, and the Debian tree names no upstream commit.
if [ ! -f "$out/version.txt" ]; then
	tmp=$(mktemp -d "$out/tree.XXXXXX")
	tar -C "$tmp" -xf "$out/$pkg.tar.xz"
	id=$(cd "$tmp"/* && git init -q && git add -f -A . && git write-tree)
	rm -rf "$tmp"
	echo "$pkg $ver, git tree $id" > "$out/version.txt"
fi
ln -sfn "$ver/$pkg.tar.xz" "$dir/$pkg.tar.xz"
cp "$out/version.txt" "$dir/current.txt"
echo "fetch-base: $(cat "$dir/current.txt")"
