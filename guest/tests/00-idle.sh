#!/bin/sh
# modes: check run
# Record per-CPU usage at idle, before any test allocates: 48-sizing
# reports it with the later stages. Also checks what the host asked for:
# guest.cpu_lacks=FLAG means the CPU model was started without FLAG.
f=/sys/kernel/debug/cpu_alloc
sleep 1	# let the boot's deferred work finish
echo 0 > $f	# the KUnit suite fills the area on purpose: restart the peak
sleep 1
awk -v stage=idle '$1 == "cpu_bytes" {c = $2}
	END {printf "%s %s ", stage, c}' /proc/vmstat > /tmp/sizing
awk '$1 == "high_watermark:" {print $2}' $f >> /tmp/sizing
cat /tmp/sizing
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
