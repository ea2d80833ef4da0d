#!/bin/sh
# modes: check
# pinned: compares two readings of the counters (see init)
# debugfs percpu_stats (CONFIG_PERCPU_STATS) describes the chunk
# allocator: it must say that the area's objects are outside its counts
# and give the area's own numbers as debugfs cpu_alloc does, and its
# nr_cur_alloc must be the dynamic objects in chunks that cpu_alloc
# counts plus the reserved chunk's (module static variables).
s=/sys/kernel/debug/percpu_stats
f=/sys/kernel/debug/cpu_alloc
[ -r $s ] || { echo "$s missing: CONFIG_PERCPU_STATS is in configs/cpu_alloc.config"; exit 1; }
[ -r $f ] || { echo "$f missing"; exit 1; }
grep -q '^cpu_alloc Area (in static_size; its objects are in no count above or below):$' $s ||
	{ echo "percpu_stats has no cpu_alloc Area block"; exit 1; }
off=0
grep -q '^  none: booted with cpu_alloc=off$' $s && off=1
# While the module holds two objects just above the size alloc_percpu()
# routes to the area (a sixteenth of it, in whole 4-byte units, at most
# 32 KiB), chunks hold them and nr_cur_alloc must count them. From
# percpu=512k up every legal size may go to the area: nothing is held.
size=$(awk '$1 == "size:" {print $2}' $f)
obj=2048
[ $off = 1 ] || obj=$((size / 16 / 4 * 4 + 4))
# the objects of processes that just exited go a moment later: count
# once they have (tests/cpu_bytes.sh)
. /tests/cpu_bytes.sh
cpu_bytes_settled
want=$(awk '$1 == "chunk_objects:" {print $2 + 2}' $f)
loaded=0
if [ $obj -le 32768 ]; then
	ko=/lib/modules/bench/percpu_contract.ko
	[ -f $ko ] || { echo "$ko missing"; exit 1; }
	insmod $ko size=$obj || { echo "insmod failed"; exit 1; }
	loaded=1
	echo 2 > /sys/module/percpu_contract/parameters/hold ||
		{ echo "hold=2 of $obj bytes failed"; rmmod percpu_contract; exit 1; }
	echo "holding 2 objects of $obj bytes: chunk_objects must reach $want"
else
	echo "area of $size bytes: every legal size is routed to it, nothing held"
	want=0
fi
finish() {
	if [ $loaded = 1 ]; then
		echo 0 > /sys/module/percpu_contract/parameters/hold
		rmmod percpu_contract
	fi
	exit $1
}
# Both files in one awk, retried: something may allocate between the two
for i in 1 2 3 4 5 6 7 8 9 10; do
	out=$(awk -v S=$s '
		FILENAME == S && /^Chunk/ { chunk = $0 }
		FILENAME == S && $1 == "nr_cur_alloc" { cur = $3 }
		FILENAME == S && $1 == "nr_alloc" && chunk ~ /Reserved/ && res == "" { res = $3 }
		FILENAME == S && $1 ~ /^area_/ { a[$1] = $3 }
		FILENAME != S { d[$1] = $2 }
		END {
			if (res == "") res = 0
			printf "percpu_stats: nr_cur_alloc %d, reserved chunk %d; cpu_alloc: chunk_objects %d\n",
				cur, res, d["chunk_objects:"]
			bad = (cur != d["chunk_objects:"] + res || d["chunk_objects:"] < want)
			if (!off) {
				printf "percpu_stats area: size %d in_use %d cur_alloc %d nr_alloc %d nr_dealloc %d fallbacks %d\n",
					a["area_size"], a["area_in_use"], a["area_cur_alloc"],
					a["area_nr_alloc"], a["area_nr_dealloc"], a["area_fallbacks"]
				printf "cpu_alloc:          size %d in_use %d objects %d allocations %d frees %d fallbacks %d\n",
					d["size:"], d["in_use:"], d["objects:"],
					d["allocations:"], d["frees:"], d["fallbacks:"]
				if (a["area_size"] == "" || a["area_size"] != d["size:"] ||
				    a["area_in_use"] != d["in_use:"] ||
				    a["area_cur_alloc"] != d["objects:"] ||
				    a["area_nr_alloc"] != d["allocations:"] ||
				    a["area_nr_dealloc"] != d["frees:"] ||
				    a["area_fallbacks"] != d["fallbacks:"])
					bad = 1
			}
			print bad ? "mismatch" : "agree"
		}' off=$off want=$want $s $f)
	echo "$out"
	[ "${out##*
}" = agree ] && finish 0
	sleep 0.2
done
echo "percpu_stats and debugfs cpu_alloc disagree"
finish 1
