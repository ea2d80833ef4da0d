#!/bin/bash
# Build the guest's initramfs: busybox, hackbench and iproute2's tc with
# their libraries, guest/src/forkloop.c and guest/src/icount.c built
# static, the kernel's modules and this repo's guest/ scripts. ARCH=arm64:
# an arm64 busybox and forkloop only.
#   initramfs.sh OUT.cpio MODROOT REPO
set -eu
out=$1 modroot=$2 repo=$3
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/{bin,sbin,usr/bin,proc,sys,dev,tmp,lib,lib64}
case ${ARCH:-x86_64} in
arm64)
	# Debian's busybox-static for arm64, fetched without installing it
	cp "$("$repo/scripts/arm64-busybox.sh" "$BUILD/arm64-busybox")" "$root/bin/busybox"
	cc=aarch64-linux-gnu-gcc ;;
*)	cp /bin/busybox "$root/bin/busybox"
	cc=gcc ;;
esac
copy_with_libs() {
	cp "$1" "$root/usr/bin/"
	for lib in $(ldd "$1" | grep -o '/[^ ]*'); do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
}
# The host's own binaries: not on arm64, where the tests that need them
# (hackbench, make bench's tc workload) say SKIP.
if [ "$cc" = gcc ]; then
	copy_with_libs "$(command -v hackbench)"
	# busybox's tc cannot add actions
	copy_with_libs /usr/sbin/tc
fi
# Static, so that exec in the guest maps no shared library. icount marks
# its workloads with x86 instructions for make bench's QEMU plugin.
progs=forkloop
[ "$cc" = gcc ] && progs="$progs icount"
for prog in $progs; do
	$cc -O2 -static -Wall -o "$root/usr/bin/$prog" "$repo/guest/src/$prog.c"
done
[ -d "$modroot/lib/modules" ] && cp -a "$modroot/lib/modules" "$root/lib/"
cp "$repo/guest/init" "$root/init"
cp -a "$repo/guest/tests" "$root/tests"
chmod +x "$root/init" "$root"/tests/*
(cd "$root" && find . | cpio -o -H newc --quiet) > "$out.tmp"
mv "$out.tmp" "$out"
echo "initramfs: $out ($(du -k "$out" | cut -f1) KiB)"
