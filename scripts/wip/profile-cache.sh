#!/bin/bash
# icount boots with the plugin's profile (map=System.map) at -smp ${S:-2}:
# KERNELS from stock, patched, patched-off
set -u
# paths of the machine that made results/wip/ (REPO= and BUILD= override)
export REPO=${REPO:-/work/oc} BUILD=${BUILD:-/work/main/build}
s=${S:-2}
d=$BUILD/profile-cache/smp$s
mkdir -p "$d"
fixed="nokaslr norandmaps randomize_kstack_offset=off"
extra=
[ "$s" != 2 ] && extra="maxcpus=2"
for k in ${KERNELS:-stock patched patched-off}; do
	case $k in
	stock) obj=$BUILD/bench/obj-stock; initrd=$BUILD/bench/initramfs-stock.cpio; off= ;;
	patched) obj=$BUILD/obj-cache; initrd=$obj/initramfs.cpio; off= ;;
	patched-off) obj=$BUILD/obj-cache; initrd=$obj/initramfs.cpio; off=percpu_cache=off ;;
	esac
	out=$d/$k
	SMP=$s PLUGIN=${PLUGIN:-$BUILD/plugin/icount.so},map=$obj/System.map TIMEOUT=1800 \
		APPEND="guest.mode=icount guest.runs=3 $fixed $extra $off" \
		"$REPO/scripts/qemu-run.sh" "$obj/arch/x86/boot/bzImage" "$initrd" "$out" > /dev/null
	python3 "$REPO/scripts/verdict.py" "$out" "icount-$k" | tail -1
done
