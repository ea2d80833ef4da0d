#!/bin/bash
# one check-mode boot of the object-cache kernel
set -u
# paths of the machine that made results/wip/ (REPO= and BUILD= override)
export REPO=${REPO:-/work/oc} BUILD=${BUILD:-/work/main/build}
obj=$BUILD/obj-cache
name=${1:-guest}
shift
out=$BUILD/check-cache/$name
mkdir -p "$out"
for kv in "$@"; do export "${kv?}"; done
"$REPO/scripts/qemu-run.sh" "$obj/arch/x86/boot/bzImage" "$obj/initramfs.cpio" "$out" > /dev/null
python3 "$REPO/scripts/verdict.py" "$out" "$name" | grep -v "^PASS"
