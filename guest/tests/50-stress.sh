#!/bin/sh
# modes: check race
# cpu_alloc_stress: a kthread per CPU allocates, fills, verifies and frees
# objects through cpu_alloc() and alloc_percpu() for guest.stress= seconds
# (10), while CPU 1 goes offline and comes back three times. The module
# fails to load if any object lost its contents; every byte must be back
# (cpu_bytes) afterwards.
# pinned: compares cpu_bytes before and after (see init)
ko=$(find /lib/modules -name cpu_alloc_stress.ko | head -n 1)
[ -n "$ko" ] || { echo "cpu_alloc_stress.ko not found"; exit 1; }
secs=$(tr " " "\n" < /proc/cmdline | sed -n "s/^guest.stress=\([0-9]*\)$/\1/p")
secs=${secs:-10}
. /tests/cpu_bytes.sh
online=/sys/devices/system/cpu/cpu1/online

# CPU 1 drops the mm it may hold when it goes offline: do that first
if [ -w $online ]; then
	echo 0 > $online && echo 1 > $online || exit 1
	sleep 1
fi
cpu_bytes_settled; before=$CB
dmesg -c > /dev/null
insmod "$ko" seconds="$secs" &
pid=$!
cycles=0
if [ -w $online ] && [ "$secs" -ge 8 ]; then
	sleep 1
	for i in 1 2 3; do
		echo 0 > $online || exit 1
		sleep 1
		echo 1 > $online || exit 1
		sleep 1
		cycles=$((cycles + 1))
	done
fi
wait $pid
rc=$?
rmmod cpu_alloc_stress 2>/dev/null
dmesg | grep 'cpu_alloc_stress:'
echo "CPU 1 offline and back: $cycles times"
cpu_bytes_back "$before"; after=$CB
echo "cpu_bytes before=$before after=$after"
[ $rc = 0 ] || { echo "cpu_alloc_stress failed"; exit 1; }
dmesg | grep -q 'cpu_alloc_stress: [0-9]* operations on [0-9]* CPUs.* 0 errors' ||
	{ echo "no clean summary"; exit 1; }
[ "$after" = "$before" ] || { echo "cpu_bytes did not return to $before"; exit 1; }
