# Sourced by the tests that compare cpu_bytes before and after.
# Every process's mm holds per-CPU objects (mm_init(): rss counters and,
# on 7.3, mm_cid and the scheduler's cache-aware state), and they go some
# time after the process exits: in a 7.3 guest, after a few /bin/true
# runs, live objects and cpu_bytes stayed up to 64 bytes above idle for
# about a second, then came back. So a baseline is taken once cpu_bytes
# has settled, and every reading is taken without forking.
# cpu_bytes: set CB to cpu_bytes from /proc/vmstat without forking (a
# command substitution or a pipe would fork and make an mm).
cpu_bytes() {
	CB=
	while read -r key val; do
		if [ "$key" = cpu_bytes ]; then
			CB=$val
			return 0
		fi
	done < /proc/vmstat
	return 1
}
# quiesce: run a short process on every online CPU. An idle CPU keeps the
# mm of the last process it ran (lazy TLB), with its per-CPU objects,
# until it runs another one: afterwards each CPU holds the mm of one
# such process, whatever ran there before, so two readings taken after
# quiesce count the same held mms.
quiesce() {
	for d in /sys/devices/system/cpu/cpu[0-9]*; do
		on=1
		[ -r "$d/online" ] && read -r on < "$d/online"
		[ "$on" = 1 ] || continue
		taskset "$(printf %x $((1 << ${d##*cpu})))" true 2>/dev/null
	done
}
# cpu_bytes_settled: quiesce, then set CB once three readings half a
# second apart agree (at most 15 s): frees deferred past a grace period
# (CPU hotplug rebuilds the scheduler's domains, for one) can take more
# than half a second on an idle guest
cpu_bytes_settled() {
	i=0 same=0
	quiesce
	cpu_bytes
	while [ $i -lt 30 ]; do
		prev=$CB
		sleep 0.5
		quiesce
		cpu_bytes
		if [ "$CB" = "$prev" ]; then
			same=$((same + 1))
			[ $same -ge 2 ] && return 0
		else
			same=0
		fi
		i=$((i + 1))
	done
	return 1
}
# cpu_bytes_back BEFORE: wait up to 10 s for cpu_bytes to equal BEFORE
# (RCU-deferred frees, a dying mm); CB holds the last reading
cpu_bytes_back() {
	i=0
	quiesce
	while cpu_bytes && [ "$CB" != "$1" ] && [ $i -lt 20 ]; do
		sleep 0.5
		quiesce
		i=$((i + 1))
	done
	[ "$CB" = "$1" ]
}
