#!/bin/sh
# bench-module.sh KSRC OBJ MODDIR MODROOT: build the out-of-tree modules of
# bench/module (make bench's percpu_bench, the guest tests' percpu_contract)
# against the kernel in OBJ, in MODDIR, and install them in
# MODROOT/lib/modules/bench/.
set -eu
ksrc=$1 obj=$2 moddir=$3 modroot=$4
rm -rf "$moddir"
cp -a "$REPO/bench/module" "$moddir"
make -s -C "$ksrc" O="$obj" CC="ccache ${CROSS_COMPILE:-}gcc" M="$moddir" modules
mkdir -p "$modroot/lib/modules/bench"
cp "$moddir/percpu_bench.ko" "$moddir/percpu_contract.ko" "$modroot/lib/modules/bench/"
