#!/bin/bash
# build the object-cache kernel from the port branch with the worktree's tooling
set -eu
# paths of the machine that made results/wip/ (REPO= and BUILD= override)
export REPO=${REPO:-/work/oc} BUILD=${BUILD:-/work/main/build}
ksrc=$BUILD/port/linux-source-7.3 obj=$BUILD/obj-cache
"$REPO/scripts/config.sh" "$ksrc" "$obj" "$REPO/configs/guest.config" "$REPO/configs/qemu.config" "$REPO/configs/cpu_alloc.config"
start=$(date +%s)
make -s -C "$ksrc" O="$obj" -j2 CC="ccache gcc" bzImage modules
rm -rf "$obj/modroot"
make -s -C "$ksrc" O="$obj" -j2 CC="ccache gcc" modules_install INSTALL_MOD_PATH="$obj/modroot" > /dev/null
"$REPO/scripts/bench-module.sh" "$ksrc" "$obj" "$obj/mod-bench" "$obj/modroot"
"$REPO/scripts/initramfs.sh" "$obj/initramfs.cpio" "$obj/modroot" "$REPO"
echo "built in $(( $(date +%s) - start )) s"
