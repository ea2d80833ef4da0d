#!/bin/bash
# make fuzz: libFuzzer on mm/cpu_area.c (tools/testing/cpu_alloc) for
# FUZZ_SECONDS (300); the corpus is kept in build/fuzz between runs.
set -eu
"$REPO/scripts/deps.sh" clang
ut=$KSRC/tools/testing/cpu_alloc
mkdir -p "$BUILD/fuzz/corpus"
make -s -C "$ut" cpu_area_fuzz
cd "$BUILD/fuzz"
"$ut/cpu_area_fuzz" -max_total_time="${FUZZ_SECONDS:-300}" -print_final_stats=1 \
	corpus 2>&1 | tee fuzz.log | grep -E '^(#[0-9]+\s+(DONE|INITED)|stat::|==|cpu_area:)' || true
grep -q 'stat::number_of_executed_units' fuzz.log && ! grep -q 'ERROR: libFuzzer\|cpu_area: ' fuzz.log
