#!/bin/bash
# One line naming the base the series is applied to, for results/ and the
# cover letter: the Debian package version and its tree's git id when
# make base fetched it, else the tarball or tree given with TARBALL= or KSRC=.
set -eu
cur=$BASE_DIR/current.txt
if [ -f "$cur" ] && [ "$(readlink -f "$TARBALL")" = \
     "$(readlink -f "$BASE_DIR/linux-source-$BASE_SERIES.tar.xz")" ]; then
	echo "$(cat "$cur"), Linux $(make -s -C "$KSRC" kernelversion)"
elif [ -f "$KSRC/.cpu_alloc-tarball" ]; then
	echo "$(cut -d' ' -f1 "$KSRC/.cpu_alloc-tarball"), Linux $(make -s -C "$KSRC" kernelversion)"
else
	echo "$KSRC, Linux $(make -s -C "$KSRC" kernelversion)"
fi
