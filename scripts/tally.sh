#!/bin/bash
# tally.sh RESULTS TITLE: print TITLE, the FAIL lines of RESULTS and
# 'N passed, M failed'; exit 0 only if something passed and nothing failed.
set -u
res=$1
echo "---- $2"
grep '^FAIL' "$res"
passed=$(grep -c '^PASS' "$res")
failed=$(grep -c '^FAIL' "$res")
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
