#!/bin/bash
# make bench's stock kernel (build/bench/obj-stock, initramfs-stock.cpio)
# booted for instruction counts at -smp ${S:-2} (maxcpus=2 beyond 2)
set -u
# paths of the machine that made results/wip/ (REPO= and BUILD= override)
export REPO=${REPO:-/work/oc} BUILD=${BUILD:-/work/main/build}
s=${S:-2}
d=$BUILD/bench-cache/smp$s
mkdir -p "$d"
extra=
[ "$s" != 2 ] && extra="maxcpus=2"
out=$d/icount-smp$s-round1-stock
SMP=$s PLUGIN=$BUILD/plugin/icount.so TIMEOUT=1800 \
	APPEND="guest.mode=icount guest.runs=3 nokaslr norandmaps randomize_kstack_offset=off $extra" \
	"$REPO/scripts/qemu-run.sh" "$BUILD/bench/obj-stock/arch/x86/boot/bzImage" "$BUILD/bench/initramfs-stock.cpio" "$out" > /dev/null
python3 "$REPO/scripts/verdict.py" "$out" "icount-stock" | tail -1
