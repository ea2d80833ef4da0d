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
# nap SECONDS: wait without forking. busybox's sleep is a program of its
# own: every run makes an mm, and after it exits that mm's 16-byte
# scheduler state is freed a little later than the rest, so a reading
# taken just after a sleep or a quiesce counted 16 bytes that the next
# reading no longer saw (make check on 7.3.4: 20-cpu_alloc_debugfs
# failed ten tries in a row on four guests). read -t on a FIFO that
# nobody writes is a timer inside the shell.
[ -p /tmp/cpu_bytes.fifo ] || mkfifo /tmp/cpu_bytes.fifo
exec 9<> /tmp/cpu_bytes.fifo
nap() {
	read -r -t "$1" _ <&9 || :
}
# cpu_bytes_settled: quiesce once, then set CB once three readings half a
# second apart agree (at most 15 s), with no fork in between: frees
# deferred past a grace period (CPU hotplug rebuilds the scheduler's
# domains, for one) can take more than half a second on an idle guest.
# Readings taken later without forking see the same count.
cpu_bytes_settled() {
	i=0 same=0
	quiesce
	cpu_bytes
	while [ $i -lt 30 ]; do
		prev=$CB
		nap 0.5
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
# (RCU-deferred frees, a dying mm); each reading comes half a second
# after the last quiesce, which is repeated every 3 s in case a process
# ran meanwhile; CB holds the last reading
cpu_bytes_back() {
	i=0
	quiesce
	while [ $i -lt 20 ]; do
		nap 0.5
		cpu_bytes && [ "$CB" = "$1" ] && return 0
		i=$((i + 1))
		[ $((i % 6)) != 0 ] || quiesce
	done
	return 1
}
