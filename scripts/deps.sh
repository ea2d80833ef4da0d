#!/bin/bash
# Install the Debian packages the build, the guest and the checks need,
# skipping those already present. Arguments name extra packages.
set -eu
pkgs="$* build-essential flex bison bc libelf-dev libssl-dev cpio kmod
      quilt qemu-system-x86 busybox-static rt-tests
      sparse ccache python3 python3-docutils xz-utils gnuplot-nox
      iproute2"
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
if [ -z "$missing" ]; then
	echo "deps: all packages present"
	exit 0
fi
echo "deps: installing$missing"
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
