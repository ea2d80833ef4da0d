#!/bin/bash
# Stock 7.3 with patch 0001 alone (the zeroing of a new object's units),
# built from make bench's stock tree and fragments, booted for instruction
# counts at each -smp of SMPS ("2 64 192"; maxcpus=2 beyond 2) with the
# workloads WL; then scripts/wip/zero-report.py compares it with make
# bench's stock boots of the same counts (results/wip/zero-first.md).
# Run after make bench POSSIBLE="64 192", which leaves those boots.
set -eu
export REPO=${REPO:-/work/oc} BUILD=${BUILD:-/work/oc/build}
dir=$BUILD/bench-zero
src=$dir/linux obj=$dir/obj
patch=$(ls "$REPO"/patches/0001-*.patch)
if [ "$(cat "$src/.zero-patch" 2>/dev/null)" != "$(md5sum < "$patch")" ]; then
	rm -rf "$src"
	mkdir -p "$dir"
	# hard links but for the file the patch changes
	cp -al "$BUILD/bench/stock/linux" "$src"
	rm "$src/mm/percpu.c"
	cp "$BUILD/bench/stock/linux/mm/percpu.c" "$src/mm/percpu.c"
	(cd "$src" && patch -p1 -s --no-backup-if-mismatch < "$patch")
	md5sum < "$patch" > "$src/.zero-patch"
fi
"$REPO/scripts/config.sh" "$src" "$obj" "$REPO/configs/guest.config" "$REPO/configs/qemu.config"
make -s -C "$src" O="$obj" -j"$(nproc)" CC="ccache gcc" bzImage modules
rm -rf "$dir/modroot"
"$REPO/scripts/bench-module.sh" "$src" "$obj" "$dir/mod" "$dir/modroot"
"$REPO/scripts/initramfs.sh" "$dir/initramfs.cpio" "$dir/modroot" "$REPO" > /dev/null
fixed="nokaslr norandmaps randomize_kstack_offset=off"
for s in ${SMPS:-2 64 192}; do
	online=
	[ "$s" != 2 ] && online=maxcpus=2
	out=$dir/icount-smp$s-round1-zero
	echo "icount-zero: -smp $s $online"
	SMP=$s PLUGIN=$BUILD/plugin/icount.so TIMEOUT=1800 \
		APPEND="guest.mode=icount guest.runs=3 guest.workloads=${WL:-fork,exec,memcg,mount,netns,tc,module} $fixed $online" \
		"$REPO/scripts/qemu-run.sh" "$obj/arch/x86/boot/bzImage" "$dir/initramfs.cpio" "$out" > /dev/null || true
	python3 "$REPO/scripts/verdict.py" "$out" "icount-zero" | tail -1
done
python3 "$REPO/scripts/wip/zero-report.py" "$BUILD/bench" "$dir" > "$REPO/results/wip/zero-first.md"
cat "$REPO/results/wip/zero-first.md"
