#!/bin/bash
# make sizing: per-CPU memory and the object cache's hits on a kernel that
# allocates like a real one. Builds x86_64 defconfig plus the repo's QEMU
# and cpu_alloc fragments (configs/sizing.config drops the KUnit suite and
# allocation profiling) in build/obj-defconfig, boots it at -smp 2 and 8
# with the cache on and with percpu_cache=off (guest.mode=sizing: 00-idle,
# 42-percpu-return, 48-sizing) and writes build/sizing/sizing-defconfig.md.
set -eu
obj=$BUILD/obj-defconfig
out=$BUILD/sizing
mkdir -p "$out"
start=$(date +%s)
BASE=defconfig "$REPO/scripts/config.sh" "$KSRC" "$obj" \
	"$REPO/configs/guest.config" "$REPO/configs/qemu.config" "$REPO/configs/cpu_alloc.config" "$REPO/configs/sizing.config"
kmake() { make -s -C "$KSRC" O="$obj" -j"${JOBS:-$(nproc)}" CC="ccache gcc" "$@"; }
kmake bzImage modules
rm -rf "$obj/modroot"
kmake modules_install INSTALL_MOD_PATH="$obj/modroot" > /dev/null
# the guest tests' modules (42-percpu-return loads cpu_alloc_reload)
"$REPO/scripts/bench-module.sh" "$KSRC" "$obj" "$obj/mod-bench" "$obj/modroot"
"$REPO/scripts/initramfs.sh" "$obj/initramfs.cpio" "$obj/modroot" "$REPO"
echo "sizing: defconfig kernel $(cat "$obj/include/config/kernel.release") built in $(( $(date +%s) - start )) s"
export KERNEL=$obj/arch/x86/boot/bzImage INITRD=$obj/initramfs.cpio OBJ=$obj
boots=
for smp in 2 8; do
	for cache in on off; do
		name=defconfig-smp$smp-$cache
		off=
		[ $cache = off ] && off=percpu_cache=off
		rm -rf "${out:?}/$name"
		mkdir -p "$out/$name"
		SMP=$smp APPEND="guest.mode=sizing $off" \
			"$REPO/scripts/qemu-run.sh" "$KERNEL" "$INITRD" "$out/$name" > /dev/null || true
		python3 "$REPO/scripts/verdict.py" "$out/$name" "$name" | tail -n 1
		boots="$boots $out/$name"
	done
done
# shellcheck disable=SC2086
SIZING_TARGET=sizing "$REPO/scripts/sizing-report.sh" "$out/sizing-defconfig.md" $boots > /dev/null
echo "sizing: $out/sizing-defconfig.md ('make results' copies it to results/)"
