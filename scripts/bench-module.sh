#!/bin/sh
# bench-module.sh KSRC OBJ MODDIR MODROOT: build the out-of-tree modules of
# bench/module (make bench's percpu_bench; the guest tests' percpu_contract,
# and with the series' include/linux/cpu_alloc.h cpu_alloc_stress and
# cpu_alloc_reload) against the kernel in OBJ, in MODDIR, and install them in
# MODROOT/lib/modules/bench/.
set -eu
ksrc=$1 obj=$2 moddir=$3 modroot=$4
rm -rf "$moddir"
cp -a "$REPO/bench/module" "$moddir"
cpu_alloc=
[ -f "$ksrc/include/linux/cpu_alloc.h" ] && cpu_alloc=m
make -s -C "$ksrc" O="$obj" CC="ccache ${CROSS_COMPILE:-}gcc" M="$moddir" \
	CPU_ALLOC_MODULES=$cpu_alloc modules
mkdir -p "$modroot/lib/modules/bench"
cp "$moddir"/*.ko "$modroot/lib/modules/bench/"
