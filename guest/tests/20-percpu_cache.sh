#!/bin/sh
# modes: check run
# pinned: fork loops on this CPU (see init)
# /sys/kernel/debug/percpu_cache: every field is there; the cache is on
# unless percpu_cache=off, with the bound (limit) the command line asks for
# (guest.cache_limit=, 16384 by default). 2000 fork+exit after a warm-up
# are served from the cache (each new mm allocates per-CPU counters):
# at least 95% of the small requests without the chunk allocator. The
# misses vary: 2 to 31 of 1012 requests in twenty -smp 4 NUMA boots of
# 500 forks, and CI on 016ef58 failed this test once (which check, its
# output did not say). 500 forks take about 0.3 s, and the trim work,
# every 2 s, falls in them or not; when it does it takes an active CPU's
# objects outside the first chunk back and the next requests miss. 2000
# forks average over that (29 misses of 4012 in a boot). A write of
# "shrink" gives every cached object back, and cpu_bytes (live objects
# only) does not move.
f=/sys/kernel/debug/percpu_cache
[ -r $f ] || { echo "$f missing"; exit 1; }
cat $f
. /tests/cpu_bytes.sh
arg() { tr " " "\n" < /proc/cmdline | sed -n "s/^$1=//p"; }
field() { awk -v k="$1:" '$1 == k {print $2}' $f; }
for k in enabled limit depot_limit hits misses frees exchanges depot_bytes cached_bytes; do
	[ -n "$(field $k)" ] || { echo "field $k missing"; exit 1; }
done
rows=$(awk '/^class /{t = 1; next} t && NF == 6 {n++} END {print n + 0}' $f)
[ "$rows" = 6 ] || { echo "$rows class rows, expected 6"; exit 1; }
# cpu_bytes is a gauge computed at read time, listed with the system-wide
# items (after nr_memmap_boot_pages), not an event counter
prev=$(awk '$1 == "cpu_bytes" {print p} {p = $1}' /proc/vmstat)
[ "$prev" = nr_memmap_boot_pages ] || { echo "cpu_bytes follows ${prev:-nothing}"; exit 1; }

if [ "$(arg percpu_cache)" = off ]; then
	[ "$(field enabled)" = 0 ] || { echo "percpu_cache=off, but enabled"; exit 1; }
	echo "percpu_cache=off: the cache is off"
	exit 0
fi
[ "$(field enabled)" = 1 ] || { echo "the cache is off"; exit 1; }
want=$(arg guest.cache_limit)
[ "$(field limit)" = "${want:-16384}" ] ||
	{ echo "limit $(field limit), expected ${want:-16384}"; exit 1; }

forkloop fork 50 > /dev/null || exit 1
h0=$(field hits) m0=$(field misses)
forkloop fork 2000 > /dev/null || exit 1
h=$(( $(field hits) - h0 )) m=$(( $(field misses) - m0 ))
echo "2000 fork+exit: $h requests from the cache, $m from the chunks"
[ $((h + m)) -ge 2000 ] || { echo "fewer small requests than forks"; exit 1; }
[ $((100 * h)) -ge $((95 * (h + m))) ] ||
	{ echo "hit rate below 95%: $h hits, $m misses"; exit 1; }

# no fork from here to the last reading: a process's mm holds per-CPU
# objects a while after it exits (tests/cpu_bytes.sh)
cpu_bytes_settled; before=$CB
echo shrink > $f || { echo "shrink refused"; exit 1; }
cached= depot=
while read -r key val rest; do
	case $key in
	cached_bytes:) cached=$val ;;
	depot_bytes:) depot=$val ;;
	esac
done < $f
cpu_bytes
echo "after shrink: cached_bytes=$cached depot_bytes=$depot cpu_bytes $before -> $CB"
[ "$depot" = 0 ] || { echo "the depot kept $depot bytes"; exit 1; }
# a CPU may cache again what it frees right after its drain: little
[ "$cached" -le 512 ] || { echo "$cached bytes still cached"; exit 1; }
[ "$CB" = "$before" ] || { echo "cpu_bytes moved"; exit 1; }
echo bogus > $f 2>/dev/null && { echo "a bogus write was accepted"; exit 1; }
exit 0
