#!/bin/sh
# modes: check run layout sizing
# Record per-CPU usage and the object cache's counters at idle, before
# any test allocates: 48-sizing reports them with the later stages. Also checks what the host asked for:
# guest.cpu_lacks=FLAG means the CPU model was started without FLAG.
f=/sys/kernel/debug/percpu_cache
sleep 1	# let the boot's deferred work finish
dbg() { awk -v k="$1:" '$1 == k {print $2}' $f 2>/dev/null; }
# stage cpu_bytes Percpu cached_bytes hits misses: 48-sizing's first row
echo "idle $(awk '$1 == "cpu_bytes" {print $2}' /proc/vmstat)" \
	"$(awk '$1 == "Percpu:" {print $2}' /proc/meminfo) $(dbg cached_bytes)" \
	"$(dbg hits) $(dbg misses)" > /tmp/sizing
cat /tmp/sizing
# layout-pair.sh compares these between boots with and without the cache
echo "idle: Percpu $(awk '$1 == "Percpu:" {print $2}' /proc/meminfo) kB," \
	"possible CPUs $(cat /sys/devices/system/cpu/possible)," \
	"online $(cat /sys/devices/system/cpu/online)"
for arg in $(cat /proc/cmdline); do
	case $arg in
	guest.cpu_lacks=*)
		flag=${arg#guest.cpu_lacks=}
		if grep -qw "$flag" /proc/cpuinfo; then
			echo "the CPU has $flag"
			exit 1
		fi
		echo "the CPU lacks $flag, as asked"
		;;
	esac
done
