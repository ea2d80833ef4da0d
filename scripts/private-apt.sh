#!/bin/bash
# A private apt configuration, so that apt can fetch from Debian's archive
# without touching /etc/apt, /var/lib/apt or the machine's apt hooks:
#   private-apt.sh DIR SOURCELIST
# makes DIR/{lists,cache,parts,conf.d} and writes DIR/apt.conf, whose
# sources are the file SOURCELIST and the deb822 files in DIR/parts.
# Use it with APT_CONFIG=DIR/apt.conf.
set -eu
apt=$(readlink -m "$1") list=$2
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/parts" "$apt/conf.d"
cat > "$apt/apt.conf" <<CONF
Dir::Etc::sourcelist "$list";
Dir::Etc::sourceparts "$apt/parts";
Dir::Etc::parts "$apt/conf.d";
Dir::State::Lists "$apt/lists";
Dir::State::status "/var/lib/dpkg/status";
Dir::Cache "$apt/cache";
Dir::Cache::archives "$apt/cache/archives";
APT::Sandbox::User "root";
CONF
