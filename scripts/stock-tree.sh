#!/bin/bash
# stock-tree.sh DIR: print the path of an unpatched tree of the base,
# STOCK_KSRC if set, else the tarball unpacked under DIR/stock/linux,
# afresh when the tarball changed (a newer package version). make bench,
# make profile and make lockstat build their stock kernels from it.
set -eu
dir=$1
if [ -n "${STOCK_KSRC:-}" ]; then
	echo "$STOCK_KSRC"
	exit 0
fi
src=$dir/stock/linux
key=$("$REPO/scripts/tarball-key.sh" "$TARBALL")
if [ "$(cat "$src/.cpu_alloc-tarball" 2>/dev/null)" != "$key" ]; then
	echo "unpacking $(basename "$TARBALL") for the stock kernel" >&2
	rm -rf "$dir/stock"
	mkdir -p "$dir/stock"
	tar -C "$dir/stock" -xf "$TARBALL"
	mv "$dir"/stock/linux* "$src"
	echo "$key" > "$src/.cpu_alloc-tarball"
fi
echo "$src"
