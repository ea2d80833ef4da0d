#!/bin/bash
# Fetch QEMU's TCG plugin API header, which no Debian binary package ships,
# from the source package of the installed QEMU, once.
#   plugin-header.sh DIR
# DIR gets qemu-plugin.h and qemu-version.txt. apt runs under a private
# configuration in DIR/apt: the machine's own sources, turned into deb-src
# entries, with lists and cache of its own, so /etc/apt stays as it is.
set -eu
dir=$(readlink -m "$1")
[ -f "$dir/qemu-plugin.h" ] && exit 0
apt=$dir/apt
rm -rf "$apt"
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/parts" "$apt/src"

# deb-src twins of the machine's deb entries, in both source formats.
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
opts="-o Dir::Etc::sourcelist=$list -o Dir::Etc::sourceparts=$apt/parts
      -o Dir::State::Lists=$apt/lists -o Dir::Cache=$apt/cache
      -o Dir::Cache::archives=$apt/cache/archives -o APT::Sandbox::User=root"
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
echo "plugin-header: fetching Debian's source index (private apt configuration in $apt)"
# shellcheck disable=SC2086
$SUDO apt-get $opts -q update >/dev/null
ver=$(dpkg-query -W -f='${source:Version}' qemu-system-x86)
cd "$apt/src"
# shellcheck disable=SC2086
$SUDO apt-get $opts -q source --download-only "qemu=$ver" >/dev/null ||
	$SUDO apt-get $opts -q source --download-only qemu >/dev/null
orig=$(ls qemu_*.orig.tar.*)
member=$(tar -tf "$orig" | grep -m1 '/include/qemu/qemu-plugin.h$')
tar -xOf "$orig" "$member" > "$dir/qemu-plugin.h.tmp"
mv "$dir/qemu-plugin.h.tmp" "$dir/qemu-plugin.h"
echo "qemu source $ver ($orig), installed $(qemu-system-x86_64 --version | head -1)" > "$dir/qemu-version.txt"
rm -rf "$apt"
echo "plugin-header: $dir/qemu-plugin.h from $orig"
