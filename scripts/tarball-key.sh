#!/bin/sh
# tarball-key.sh TARBALL: one line that changes when the tarball does (its
# real path, size and mtime): what the unpacked tree, the git copy and
# make bench's stock tree remember, to be unpacked again for a new version.
set -eu
echo "$(readlink -f "$1") $(stat -L -c '%s %Y' "$1")"
