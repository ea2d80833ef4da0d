#!/bin/bash
# boot-test.sh NAME [KEY=VALUE...]: boot the built kernel once (settings as
# for qemu-run.sh), judge it with verdict.py and append its PASS/FAIL lines
# to $BUILD/check/results.txt. Exits with the verdict's status.
set -u
name=$1
shift
for kv in "$@"; do export "${kv?}"; done
out=$BUILD/check/$name
mkdir -p "$out"
cp "$OBJ/include/config/kernel.release" "$out/kernel.txt"
"$REPO/scripts/qemu-run.sh" "$KERNEL" "$INITRD" "$out"
python3 "$REPO/scripts/verdict.py" "$out" "$name" > /dev/null
rc=$?
grep -E '^(PASS|FAIL) ' "$out/verdict.txt" >> "${RESULTS:-$BUILD/check/results.txt}"
grep -E '^(FAIL) ' "$out/verdict.txt"
tail -n 1 "$out/verdict.txt"
exit $rc
