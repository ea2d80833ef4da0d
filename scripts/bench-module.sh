#!/bin/sh
# bench-module.sh KSRC OBJ MODDIR MODROOT: build make bench's percpu_bench
# module (bench/module) out of tree against the kernel in OBJ, in MODDIR,
# and install it as MODROOT/lib/modules/bench/percpu_bench.ko.
set -eu
ksrc=$1 obj=$2 moddir=$3 modroot=$4
rm -rf "$moddir"
cp -a "$REPO/bench/module" "$moddir"
make -s -C "$ksrc" O="$obj" CC="ccache gcc" M="$moddir" modules
mkdir -p "$modroot/lib/modules/bench"
cp "$moddir/percpu_bench.ko" "$modroot/lib/modules/bench/"
