#!/bin/bash
# Why 42-percpu-return's memcg-100 misses its slack at 8 CPUs on defconfig
# with the cache (make sizing): boot make sizing's defconfig kernel, built
# again with CONFIG_PERCPU_STATS, at -smp 8 with the cache and with
# percpu_cache=off, running only 42-percpu-return (guest.mode=reclaim)
# with guest.pcpustats=1, which prints each chunk's objects and free space
# after each workload. make sizing must have built build/obj-defconfig;
# its .config is restored and the kernel rebuilt without the statistics
# at the end.
#   scripts/wip/percpu-return-stats.sh [BOOTS]   (3 of each; about 2 min a boot)
# Writes build/percpu-return-stats/{on,off}-N/ and prints the lines.
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
build=$repo/build
ksrc=${KSRC:-$build/linux-source-7.3}
obj=$build/obj-defconfig
out=$build/percpu-return-stats
boots=${1:-3}
[ -f "$obj/.config" ] || { echo "no $obj: run make sizing first"; exit 1; }
cp "$obj/.config" "$obj/.config.sizing"
"$ksrc/scripts/config" --file "$obj/.config" --enable PERCPU_STATS
make -s -C "$ksrc" O="$obj" olddefconfig
make -s -C "$ksrc" O="$obj" -j"$(nproc)" CC="ccache gcc" bzImage
BUILD=$build "$repo/scripts/initramfs.sh" "$obj/initramfs.cpio" "$obj/modroot" "$repo"
rm -rf "$out"
for i in $(seq "$boots"); do
	for cache in on off; do
		off=
		[ $cache = off ] && off=percpu_cache=off
		SMP=8 APPEND="guest.mode=reclaim guest.pcpustats=1 $off" \
			"$repo/scripts/qemu-run.sh" "$obj/arch/x86/boot/bzImage" \
			"$obj/initramfs.cpio" "$out/$cache-$i" > /dev/null || true
		echo "== $cache-$i"
		grep -a '^percpu-return: memcg\|^percpu-chunks: memcg-100\|Oops' \
			"$out/$cache-$i/console.log" || echo "(no output: see $out/$cache-$i/console.log)"
	done
done
mv "$obj/.config.sizing" "$obj/.config"
make -s -C "$ksrc" O="$obj" -j"$(nproc)" CC="ccache gcc" bzImage
