#!/bin/sh
# modes: check run layout sizing
# Record per-CPU usage at idle, before any test allocates: 48-sizing
# reports it with the later stages. Also checks what the host asked for:
# guest.cpu_lacks=FLAG means the CPU model was started without FLAG.
f=/sys/kernel/debug/cpu_alloc
sleep 1	# let the boot's deferred work finish
echo 0 > $f	# the KUnit suite fills the area on purpose: restart the peak
sleep 1
dbg() { awk -v k="$1:" '$1 == k {print $2}' $f 2>/dev/null; }
echo "idle $(awk '$1 == "cpu_bytes" {print $2}' /proc/vmstat) $(dbg high_watermark)" \
	"$(awk '$1 == "Percpu:" {print $2}' /proc/meminfo) $(dbg fallbacks)" > /tmp/sizing
cat /tmp/sizing
sed -n 's/^class /sizing-class: stage=idle class=/p' $f 2>/dev/null
# check.sh compares these between boots with and without the area
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
