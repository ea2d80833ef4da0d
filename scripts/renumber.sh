#!/bin/bash
# Number the Subject lines of the series as 'PATCH i/n' in series order.
#   renumber.sh PATCHDIR
set -eu
dir=$1
n=$(grep -cv '^\s*\(#\|$\)' "$dir/series")
i=0
grep -v '^\s*\(#\|$\)' "$dir/series" | while read -r p; do
	i=$((i + 1))
	sed -i "1,/^Subject:/ s/^Subject: \[PATCH[^]]*\]/Subject: [PATCH $i\/$n]/" "$dir/$p"
done
