#!/bin/bash
# Fetch QEMU's TCG plugin API header, which no Debian binary package ships,
# from the source package of the installed QEMU, once.
#   plugin-header.sh DIR
# DIR gets qemu-plugin.h and qemu-version.txt. apt runs with a private
# configuration (APT_CONFIG) in DIR/apt: deb-src twins of the machine's
# Debian sources, lists and cache of its own and no configuration parts,
# so neither /etc/apt, nor /var/lib/apt, nor the machine's apt hooks
# (appstream, packagekit) are touched.
set -eu
dir=$(readlink -m "$1")
[ -f "$dir/qemu-plugin.h" ] && exit 0
apt=$dir/apt
rm -rf "$apt"
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/parts" \
	"$apt/conf.d" "$apt/src"

list=$apt/sources.list
: > "$list"
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
	[ -f "$f" ] && sed -n 's/^deb \(.*debian.*\)/deb-src \1/p' "$f" >> "$list"
done
for f in /etc/apt/sources.list.d/*.sources; do
	[ -f "$f" ] || continue
	grep -q 'debian' "$f" || continue
	sed 's/^Types: *deb$/Types: deb-src/' "$f" > "$apt/parts/$(basename "$f")"
done
"$(dirname "$0")/private-apt.sh" "$apt" "$list"
export APT_CONFIG=$apt/apt.conf
SUDO=
[ "$(id -u)" = 0 ] || SUDO="sudo --preserve-env=APT_CONFIG"
echo "plugin-header: fetching Debian's source index (private apt configuration in $apt)"
$SUDO apt-get -q update >/dev/null
ver=$(dpkg-query -W -f='${source:Version}' qemu-system-x86)
cd "$apt/src"
$SUDO apt-get -q source --download-only "qemu=$ver" >/dev/null ||
	$SUDO apt-get -q source --download-only qemu >/dev/null
orig=$(ls qemu_*.orig.tar.xz qemu_*.orig.tar.gz qemu_*.orig.tar.bz2 2>/dev/null | head -1)
[ -n "$orig" ] || { echo "plugin-header: no qemu orig tarball downloaded" >&2; exit 1; }
member=$(tar -tf "$orig" | grep -m1 '/include/qemu/qemu-plugin.h$')
tar -xOf "$orig" "$member" > "$dir/qemu-plugin.h.tmp"
mv "$dir/qemu-plugin.h.tmp" "$dir/qemu-plugin.h"
echo "qemu source $ver ($orig), installed $(qemu-system-x86_64 --version | head -1)" > "$dir/qemu-version.txt"
rm -rf "$apt"
echo "plugin-header: $dir/qemu-plugin.h from $orig"
