#!/bin/sh
# modes: bench
# Per-CPU memory at idle: /proc/meminfo Percpu and, on the patched
# kernel, cpu_bytes (dynamic per-CPU bytes in use per CPU).
sleep 2	# let the boot's deferred work finish
kb=$(awk '$1 == "Percpu:" {print $2}' /proc/meminfo)
[ -n "$kb" ] || exit 1
echo "bench: workload=memory metric=percpu_kb value=$kb"
cb=$(awk '$1 == "cpu_bytes" {print $2}' /proc/vmstat)
[ -z "$cb" ] || echo "bench: workload=memory metric=cpu_bytes value=$cb"
