#!/bin/bash
# arm64-busybox.sh DIR: fetch Debian's busybox-static for arm64 into DIR
# once, without installing it or adding arm64 to the host's dpkg, and
# print the path of the binary. apt works on private lists under DIR.
set -eu
dir=$(readlink -m "$1")
bin=$dir/busybox
if [ ! -x "$bin" ]; then
	mkdir -p "$dir/lists/partial" "$dir/archives/partial"
	apt=(apt-get -q -o APT::Architecture=arm64 -o APT::Architectures=arm64
	     -o Dir::State::Lists="$dir/lists" -o Dir::Cache::archives="$dir/archives"
	     -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=
	     -o Dir::State::status=/dev/null)
	if ! "${apt[@]}" update > "$dir/apt.log" 2>&1 ||
	   ! (cd "$dir" && rm -f ./*.deb && "${apt[@]}" download busybox-static:arm64 >> "$dir/apt.log" 2>&1); then
		tail -n 20 "$dir/apt.log" >&2
		echo "arm64-busybox: apt could not fetch busybox-static:arm64 (log: $dir/apt.log)" >&2
		exit 1
	fi
	rm -rf "$dir/root"
	dpkg-deb -x "$dir"/busybox-static_*_arm64.deb "$dir/root"
	# the binary, not a file of the same name elsewhere in the package
	# (1:1.35.0-4+deb12u1+b1 also ships an initramfs-tools conf hook
	# named busybox, which find listed first)
	cp "$(find "$dir/root" -path "*bin/busybox" -type f | head -n 1)" "$bin"
fi
readelf -h "$bin" | grep -q 'Machine: *AArch64' || { echo "arm64-busybox: $bin is no arm64 binary" >&2; exit 1; }
echo "$bin"
