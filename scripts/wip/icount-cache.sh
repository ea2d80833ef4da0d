#!/bin/bash
# icount boots of the object-cache kernel (on and percpu_cache=off) at -smp ${S:-2}
# with maxcpus=2, against make bench's stock boot of this session
set -u
# paths of the machine that made results/wip/ (REPO= and BUILD= override)
export REPO=${REPO:-/work/oc} BUILD=${BUILD:-/work/main/build}
obj=$BUILD/obj-cache
s=${S:-2}
d=$BUILD/bench-cache/smp$s
mkdir -p "$d"
fixed="nokaslr norandmaps randomize_kstack_offset=off"
extra=
[ "$s" != 2 ] && extra="maxcpus=2"
for k in patched patched-off; do
	off=
	[ $k = patched-off ] && off=percpu_cache=off
	out=$d/icount-smp$s-round1-$k
	SMP=$s PLUGIN=$BUILD/plugin/icount.so TIMEOUT=1800 APPEND="guest.mode=icount guest.runs=3 $fixed $extra $off" \
		"$REPO/scripts/qemu-run.sh" "$obj/arch/x86/boot/bzImage" "$obj/initramfs.cpio" "$out" > /dev/null
	python3 "$REPO/scripts/verdict.py" "$out" "icount-$k" | tail -1
done
