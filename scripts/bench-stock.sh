#!/bin/bash
# The kernels make bench and make profile compare: the stock kernel, built
# from the base tarball (or STOCK_KSRC) with the same config fragments but
# the series' own, in build/bench/obj-stock; the bench modules built
# against it and against the patched kernel in OBJ; an initramfs for each.
set -eu
dir=$BUILD/bench
mkdir -p "$dir"
say() { echo "bench: $*"; }

# The stock kernel: same fragments but the series' own
stock_src=$("$REPO/scripts/stock-tree.sh" "$dir")
stock_obj=$dir/obj-stock
"$REPO/scripts/config.sh" "$stock_src" "$stock_obj" "$REPO/configs/guest.config" "$REPO/configs/qemu.config"
say "building the stock kernel ($stock_src)"
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
