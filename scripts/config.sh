#!/bin/bash
# Configure OBJ from tinyconfig (BASE=defconfig: x86_64 defconfig) plus
# the given fragments.
#   config.sh KSRC OBJ FRAGMENT...
# A fragment line that olddefconfig dropped or changed is an error. .config
# is only replaced when it changes, so an unchanged config rebuilds nothing.
set -eu
ksrc=$(readlink -f "$1") obj=$(readlink -m "$2")
shift 2
mkdir -p "$obj"
new=.config.new
mk() { make -s -C "$ksrc" O="$obj" KCONFIG_CONFIG=$new "$@" >/dev/null; }

mk "${BASE:-tinyconfig}"
# merge_config.sh leaves temporary files in the current directory
(cd "$obj" && KCONFIG_CONFIG="$obj/$new" "$ksrc/scripts/kconfig/merge_config.sh" -m -O "$obj" \
	"$obj/$new" "$@" >/dev/null)
mk olddefconfig

# What each symbol should be: a later fragment overrides an earlier one.
declare -A want from
for f in "$@"; do
	while IFS= read -r line; do
		case $line in
		CONFIG_*=*|"# CONFIG_"*" is not set") ;;
		*) continue ;;
		esac
		sym=$(echo "$line" | grep -o 'CONFIG_[A-Za-z0-9_]*')
		want[$sym]=$line from[$sym]=$(basename "$f")
	done < "$f"
done
bad=0
for sym in "${!want[@]}"; do
	line=${want[$sym]}
	grep -qxF "$line" "$obj/$new" && continue
	# a symbol whose dependencies are off is as good as not set
	case $line in "# $sym is not set")
		grep -q "^$sym=" "$obj/$new" || continue ;;
	esac
	got=$(grep -E "^($sym=|# $sym is not set)" "$obj/$new" || echo "$sym absent")
	echo "config: ${from[$sym]}: '$line' did not survive olddefconfig (got '$got')" >&2
	bad=1
done
if [ $bad = 1 ]; then
	rm -f "$obj/$new"
	exit 1
fi
if cmp -s "$obj/$new" "$obj/.config"; then
	rm -f "$obj/$new"
	echo "config: unchanged"
else
	mv "$obj/$new" "$obj/.config"
	echo "config: written $obj/.config"
fi
