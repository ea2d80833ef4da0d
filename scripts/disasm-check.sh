#!/bin/bash
# Each this_cpu operation applied to a cpu_alloc pointer must compile to
# one %gs-relative instruction with no preemption or interrupt toggling,
# as on a static variable. The functions are in lib/percpu_test.c; SLUB's
# sheaves fast path is checked in mm/slub.o. ARCH=arm64 (make check-arm64): this_cpu_inc
# on a cpu_alloc pointer must be the static variable's code without the two
# instructions that form the static variable's address.
#   disasm-check.sh RESULTS
set -eu
res=$1
o=$OBJ/lib/percpu_test.o
pass() { echo "PASS disasm: $*" | tee -a "$res"; }
fail() { echo "FAIL disasm: $*" | tee -a "$res"; }

[ -f "$o" ] || { fail "$o missing"; exit 0; }
# The instructions of one function, without padding, endbr and return.
# objdump -r also prints the relocations of everything before the function
# after its first instruction: keep those at or past the function's start.
body() {
	objdump -dr --no-show-raw-insn "--disassemble=$1" "$o" |
		awk -v fn="<$1>:" '
			function hex(x) { x = sprintf("%16s", x); gsub(/ /, "0", x); return x }
			$2 == fn { start = hex($1); on = 1; next }
			on && /^[ \t]+[0-9a-f]+:/ {
				a = $1; sub(":", "", a)
				if (hex(a) >= start) print
			}' |
		grep -vE '\s(endbr64|nop[wl]?|int3|ret)\b|__x86_return_thunk' || true
}

if [ "${ARCH:-x86_64}" = arm64 ]; then
	# A function's instructions without addresses, comments or branch
	# targets (those are addresses too)
	insns() {
		aarch64-linux-gnu-objdump -d --no-show-raw-insn "--disassemble=$1" "$o" |
			awk -v fn="<$1>:" '$2 == fn { on = 1; next }
				on && !NF { exit }
				on { sub(/^[ \t]*[0-9a-f]+:[ \t]*/, ""); print }' |
			sed -E 's@[ \t]*//.*@@; s/ [0-9a-f]+ <[^>]*>$//; s/[ \t]+/ /g'
	}
	static=$(insns percpu_test_op_inc_static)
	dynamic=$(insns percpu_test_op_inc)
	echo "$static" | sed 's/^/  percpu_test_op_inc_static: /'
	echo "$dynamic" | sed 's/^/  percpu_test_op_inc: /'
	# without the static variable's address (adrp, and the add of its low
	# 12 bits, #0x0 before the link), and with registers unnumbered: the
	# dynamic one gets its pointer in x0, so gcc 12 counts preemption in
	# w2 where the static one uses w0 (the same instructions otherwise)
	unreg() { sed -E 's/\b([xw])[0-9]+\b/\1n/g'; }
	a=$(echo "$static" | grep -vE '^adrp |^add (x[0-9]+), x[0-9]+, #0x0$' | unreg)
	if [ -n "$dynamic" ] && [ "$a" = "$(echo "$dynamic" | unreg)" ] &&
	   echo "$dynamic" | grep -q 'tpidr_el1'; then
		pass "percpu_test_op_inc on a cpu_alloc pointer is the static variable's code less its address ($(echo "$dynamic" | wc -l) instructions)"
	else
		fail "percpu_test_op_inc on a cpu_alloc pointer is the static variable's code less its address"
	fi
	exit 0
fi

check() {
	local fn=$1 want=$2 b gs bad
	b=$(body "$fn")
	echo "$b" | sed "s/^/  $fn: /"
	gs=$(echo "$b" | grep -c '%gs:' || true)
	bad=$(echo "$b" | grep -cE '\s(cli|sti|pushf[q]?|popf[q]?)\b|preempt' || true)
	if [ "$gs" = 1 ] && [ "$bad" = 0 ] && echo "$b" | grep -qE "\s$want\s+.*%gs:"; then
		pass "$fn is one '$want %gs:' instruction"
	else
		fail "$fn is one '$want %gs:' instruction ($gs %gs: instructions, $bad toggles)"
	fi
}

check percpu_test_op_inc_static 'inc[bwlq]?'
check percpu_test_op_inc 'inc[bwlq]?'
check percpu_test_op_add 'add[bwlq]?'
check percpu_test_op_cmpxchg 'cmpxchg[bwlq]?'

# cmpxchg16b is an alternative: the function calls the emulation unless
# the CPU has CX16, and the replacement is the %gs-relative instruction.
fn=percpu_test_op_cmpxchg_dword
b=$(body $fn)
echo "$b" | sed "s/^/  $fn: /"
alt=$(objdump -d --no-show-raw-insn -j .altinstr_replacement "$o" | grep -E 'cmpxchg16b\s+%gs:' || true)
echo "$alt" | sed "s/^/  .altinstr_replacement: /"
calls=$(echo "$b" | grep -cE '\scall' || true)
emu=$(echo "$b" | grep -c 'this_cpu_cmpxchg16b_emu' || true)
bad=$(echo "$b" | grep -cE '\s(cli|sti|pushf[q]?|popf[q]?)\b|preempt' || true)
if [ -n "$alt" ] && [ "$calls" = 1 ] && [ "$emu" -ge 1 ] && [ "$bad" = 0 ]; then
	pass "$fn is one 'cmpxchg16b %gs:' instruction (alternative to the emulation call)"
else
	fail "$fn is one 'cmpxchg16b %gs:' instruction (alternative to the emulation call)"
fi

# SLUB's fast path is its per-CPU sheaves (KUnit slub_cpu_sheaves checks
# that their allocations go through the cache): local_trylock() and this_cpu_ptr() on
# s->cpu_sheaves, inlined into kmem_cache_alloc_noprof() and
# kmem_cache_free(). Each reaches its sheaves through the %gs-relative
# this_cpu_off, the same code wherever the sheaves sit, and toggles no
# interrupts.
o=$OBJ/mm/slub.o
[ -f "$o" ] || { fail "$o missing"; exit 0; }
for fn in kmem_cache_alloc_noprof kmem_cache_free; do
	b=$(body $fn)
	echo "$b" | grep -E '%gs:' | sed "s/^/  $fn: /"
	off=$(echo "$b" | grep -cE 'R_X86_64_PC32\s+this_cpu_off' || true)
	bad=$(echo "$b" | grep -cE '\s(cli|sti|pushf[q]?|popf[q]?)\b' || true)
	if [ "$off" -ge 1 ] && [ "$bad" = 0 ]; then
		pass "$fn reaches its sheaves through %gs:this_cpu_off ($off reads), no interrupt toggling"
	else
		fail "$fn reaches its sheaves through %gs:this_cpu_off ($off reads, $bad toggles)"
	fi
done
