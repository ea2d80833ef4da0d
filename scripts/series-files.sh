#!/bin/sh
# series-files.sh: every file the series adds or changes, one per line,
# sorted (from the patches' '+++ b/' lines).
set -eu
cat "$REPO"/patches/*.patch | sed -n 's|^+++ b/||p' | sort -u
