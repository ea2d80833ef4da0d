#!/bin/sh
# series-files.sh [added]: every file the series adds or changes, one per
# line, sorted (from the patches' '+++ b/' lines); with "added", only the
# files it creates.
set -eu
if [ "${1:-}" = added ]; then
	cat "$REPO"/patches/[0-9]*.patch | sed -n '/^--- \/dev\/null$/{n;s|^+++ b/||p}' | sort -u
else
	cat "$REPO"/patches/*.patch | sed -n 's|^+++ b/||p' | sort -u
fi
