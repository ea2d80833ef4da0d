#!/bin/bash
# The kernels make bench and make profile compare: the stock kernel, built
# from the base tarball (or STOCK_KSRC) with the same config fragments but
# the series' own, in BENCH_DIR/obj-stock; the bench modules built
# against it and against the patched kernel in OBJ; an initramfs for each.
# BENCH_CONFIG=defconfig: both kernels are x86_64 defconfig plus the
# guest's fragments and configs/sizing.config (no boot-time KUnit suite,
# no allocation profiling), and the patched one is built here too, in OBJ
# (make sizing's build/obj-defconfig).
set -eu
dir=${BENCH_DIR:-$BUILD/bench}
mkdir -p "$dir"
say() { echo "bench: $*"; }

# The stock kernel: same fragments but the series' own
stock_src=$("$REPO/scripts/stock-tree.sh" "$BUILD/bench")
stock_obj=$dir/obj-stock
frags="$REPO/configs/guest.config $REPO/configs/qemu.config"
case ${BENCH_CONFIG:-guest} in
guest)	base=tinyconfig ;;
defconfig)
	base=defconfig OBJ=$BUILD/obj-defconfig
	# shellcheck disable=SC2086 # one word per fragment
	BASE=$base "$REPO/scripts/config.sh" "$KSRC" "$OBJ" $frags \
		"$REPO/configs/cpu_alloc.config" "$REPO/configs/sizing.config"
	say "building the patched defconfig kernel ($KSRC)"
	make -s -C "$KSRC" O="$OBJ" -j"$(nproc)" CC="ccache gcc" bzImage modules
	frags="$frags $REPO/configs/sizing.config" ;;
*)	say "BENCH_CONFIG=$BENCH_CONFIG: guest or defconfig"; exit 1 ;;
esac
# shellcheck disable=SC2086 # one word per fragment
BASE=$base "$REPO/scripts/config.sh" "$stock_src" "$stock_obj" $frags
say "building the stock kernel ($stock_src, $base)"
make -s -C "$stock_src" O="$stock_obj" -j"$(nproc)" CC="ccache gcc" bzImage modules

# The benchmark module, built against each kernel
for k in stock patched; do
	if [ $k = stock ]; then src=$stock_src obj=$stock_obj; else src=$KSRC obj=$OBJ; fi
	rm -rf "$dir/modroot-$k"
	"$REPO/scripts/bench-module.sh" "$src" "$obj" "$dir/mod-$k" "$dir/modroot-$k"
	"$REPO/scripts/initramfs.sh" "$dir/initramfs-$k.cpio" "$dir/modroot-$k" "$REPO" > /dev/null
	size "$obj/vmlinux" | tail -1 > "$dir/size-$k.txt"
	cat "$obj/include/config/kernel.release" > "$dir/release-$k.txt"
done
