#!/bin/sh
# kernel-lines.sh [PATCH...]: the lines the series adds to the kernel
# outside tests and documentation (issue 26's measure: tools/testing,
# KUnit suites, lib/percpu_test.c, Documentation, MAINTAINERS and the
# KUnit suite's Kconfig entry left out), per file and in total. Reads
# patches/*.patch unless patches are named. A line that a later patch
# changes counts again, so the total is an upper bound of the diff.
set -eu
[ $# -gt 0 ] || set -- "$REPO"/patches/0[0-9]*.patch
awk '
	/^diff --git / { file = $4; sub(/^b\//, "", file); kconfig_test = 0; next }
	/^\+\+\+ / { next }
	file ~ /^(tools\/testing\/|Documentation\/|MAINTAINERS$|lib\/percpu_test\.c$)/ { next }
	file ~ /_kunit\.c$/ { next }
	/^\+config .*KUNIT_TEST/ { kconfig_test = 1 }
	/^\+config / && !/KUNIT_TEST/ { kconfig_test = 0 }
	/^\+/ && !kconfig_test { n[file]++; total++ }
	END {
		for (f in n) printf "%6d %s\n", n[f], f
		printf "%6d added lines outside tests and documentation\n", total
	}' "$@" | sort -n
