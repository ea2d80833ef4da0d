#!/bin/bash
# Boot a kernel with an initramfs under QEMU and collect its output.
#   qemu-run.sh BZIMAGE INITRD OUTDIR
# Environment: ARCH (x86_64, or arm64: qemu-system-aarch64 -M virt under
# TCG), KVM (1: use /dev/kvm when it works; default TCG), SMP (2), MEM
# (1024, MiB), CPU (host with KVM, max under TCG),
# APPEND (extra kernel arguments), TIMEOUT (seconds, 600), NUMA (nodes, 0),
# PLUGIN (a TCG plugin with its arguments, e.g. icount.so,cache=on),
# TCG_THREAD (multi: a host thread per vCPU; single: one for all),
# QEMU_ARGS (further QEMU options).
# OUTDIR gets console.log (serial 0: the kernel console) and results.log
# (serial 1, a virtio console on arm64: the guest's TAP lines), and with PLUGIN the plugin's output
# in plugin.log. Exits 124 on timeout.
set -eu
kernel=$1 initrd=$2 out=$3
smp=${SMP:-2} mem=${MEM:-1024} timeout=${TIMEOUT:-600} numa=${NUMA:-0}
mkdir -p "$out"
rm -f "$out/console.log" "$out/results.log"

# KVM only when asked for (KVM=1) and when it can start a vCPU of the
# model we would ask for: some nested hosts give /dev/kvm but refuse an
# MSR of -cpu host (QEMU then aborts), and on others KVM's instruction
# emulator stops the guest at SLUB's first cmpxchg16b it has to emulate
# ("KVM internal error. Suberror: 1", seen on a nested Intel host), and
# the boot then hangs until its timeout. TCG behaves the same on
# every host. A paused QEMU (-S) that is still alive after 3 s has set
# up its vCPUs.
kvm_usable() {
	[ -r /dev/kvm ] && [ -w /dev/kvm ] || return 1
	timeout 3 qemu-system-x86_64 -accel kvm -cpu "$1" -S -display none \
		-nodefaults -monitor none > /dev/null 2>&1
	[ $? = 124 ]
}
# (the shell's own "Aborted" report of a failed probe is noise)
if [ "${ARCH:-x86_64}" = arm64 ]; then
	accel="-accel tcg,thread=multi"
	# pointer authentication with QEMU's own hash, not the architected
	# QARMA that TCG computes slowly
	cpu=${CPU:-max,pauth-impdef=on}
	mode=TCG
elif [ "${KVM:-0}" = 1 ] && [ -z "${PLUGIN:-}" ] && kvm_usable "${CPU:-host}" 2> /dev/null; then
	accel="-accel kvm"
	cpu=${CPU:-host}
	mode=KVM
else
	accel="-accel tcg,thread=${TCG_THREAD:-multi}"
	cpu=${CPU:-max}
	mode=TCG
fi
plugin_args=
if [ -n "${PLUGIN:-}" ]; then
	# Plugins need TCG; one host thread runs every vCPU, so the plugin's
	# counters need no atomics and see one order of execution. No RDRAND/RDSEED: the kernel
	# would mix their values into what it does.
	accel="-accel tcg,thread=single"
	cpu=${CPU:-max,-rdrand,-rdseed}
	mode=TCG
	rm -f "$out/plugin.log"
	plugin_args="-plugin $PLUGIN -d plugin -D $out/plugin.log"
fi
numa_args=
smp_args=$smp
if [ "$numa" -gt 0 ]; then
	# one socket per node, or the scheduler finds an LLC spanning nodes
	smp_args="$smp,sockets=$numa,cores=$((smp / numa)),threads=1"
	# node n gets an equal share of memory and a contiguous range of CPUs
	per=$(( (smp + numa - 1) / numa ))
	for n in $(seq 0 $((numa - 1))); do
		first=$((n * per)) last=$(( (n + 1) * per - 1 ))
		[ $last -lt $smp ] || last=$((smp - 1))
		numa_args="$numa_args -object memory-backend-ram,id=m$n,size=$((mem / numa))M"
		numa_args="$numa_args -numa node,nodeid=$n,memdev=m$n,cpus=$first-$last"
	done
fi
echo "$mode" > "$out/accel"
echo "qemu: $mode, -smp $smp, -m $mem, -cpu $cpu${numa_args:+, $numa NUMA nodes}${PLUGIN:+, plugin $PLUGIN}${APPEND:+, append '$APPEND'}, limit ${timeout}s"
qemu="qemu-system-x86_64" console=ttyS0
tap_args="-serial file:$out/results.log"
if [ "${ARCH:-x86_64}" = arm64 ]; then
	# virt has one UART: the TAP lines go to a virtio console (hvc0)
	# GICv3 (gic-version=max): GICv2 takes at most 8 CPUs
	qemu="qemu-system-aarch64 -M virt,gic-version=max" console=ttyAMA0
	APPEND="guest.tap=hvc0 ${APPEND:-}"
	tap_args="-device virtio-serial-device -chardev file,id=tap,path=$out/results.log -device virtconsole,chardev=tap"
fi
case $out in *" "*) echo "qemu: OUTDIR must not contain spaces" >&2; exit 2 ;; esac
set +e
# shellcheck disable=SC2086
timeout --foreground -k 5 "$timeout" $qemu $accel -cpu "$cpu" \
	-smp "$smp_args" -m "$mem" $numa_args $plugin_args ${QEMU_ARGS:-} -kernel "$kernel" -initrd "$initrd" \
	-append "console=$console panic=-1 loglevel=7 ${APPEND:-}" \
	-display none -monitor none -no-reboot \
	-serial "file:$out/console.log" $tap_args
rc=$?
set -e
if [ $rc = 124 ]; then
	echo "qemu: no power-off within ${timeout}s: killed" | tee -a "$out/console.log"
fi
exit $rc
