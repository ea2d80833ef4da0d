#!/bin/bash
# Whether the depot's eviction and merging earn their code on this form:
# the small guest's patched kernel (build/obj, as make check builds it)
# as it is and with each diff in scripts/wip/variants/ applied to
# mm/percpu.c, booted BOOTS times at -smp 8 running only 62-frontend
# (guest.mode=frontend) right after boot, before any other test has
# shifted the classes' shares. Prints each boot's report lines. The tree
# is restored and build/obj rebuilt from it at the end.
#   scripts/wip/frontend-variants.sh [BOOTS]   (3; under a minute a boot)
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
build=$repo/build
ksrc=${KSRC:-$build/linux-source-7.3}
obj=$build/obj
out=$build/frontend-variants
boots=${1:-3}
[ -f "$obj/initramfs.cpio" ] || { echo "no $obj/initramfs.cpio: run make initramfs first"; exit 1; }
kbuild() { make -s -C "$ksrc" O="$obj" -j"$(nproc)" CC="ccache gcc" bzImage; }
rm -rf "$out"
mkdir -p "$out"
cp "$ksrc/mm/percpu.c" "$out/percpu.c.orig"
trap 'cp "$out/percpu.c.orig" "$ksrc/mm/percpu.c"' EXIT
for v in full "$repo"/scripts/wip/variants/*.diff; do
	name=$(basename "$v" .diff)
	cp "$out/percpu.c.orig" "$ksrc/mm/percpu.c"
	[ "$v" = full ] || patch -s -d "$ksrc" -p1 < "$v"
	kbuild
	cp "$obj/arch/x86/boot/bzImage" "$out/bzImage-$name"
	for i in $(seq "$boots"); do
		SMP=8 TIMEOUT=1500 APPEND="guest.mode=frontend guest.frontend=1" \
			"$repo/scripts/qemu-run.sh" "$out/bzImage-$name" "$obj/initramfs.cpio" \
			"$out/$name-$i" > /dev/null || true
		grep -a '^report: frontend.*locks_per_op\|^report: frontend test=forkexit' \
			"$out/$name-$i/console.log" | sed "s/^report: frontend/$name-$i:/"
	done
done
cp "$out/percpu.c.orig" "$ksrc/mm/percpu.c"
kbuild
