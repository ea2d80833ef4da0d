#!/bin/bash
# Each this_cpu operation applied to a cpu_alloc pointer must compile to
# one %gs-relative instruction with no preemption or interrupt toggling.
# The functions are in lib/percpu_test.c (patch 4).
#   disasm-check.sh RESULTS
set -eu
res=$1
o=$OBJ/lib/percpu_test.o
pass() { echo "PASS disasm: $*" | tee -a "$res"; }
fail() { echo "FAIL disasm: $*" | tee -a "$res"; }

[ -f "$o" ] || { fail "$o missing"; exit 0; }
# The instructions of one function, without padding, endbr and return.
body() {
	objdump -dr --no-show-raw-insn "--disassemble=$1" "$o" |
		sed -n '/<'"$1"'>:$/,$p' | tail -n +2 |
		grep -vE '^\s*$|\s(endbr64|nop[wl]?|int3|ret)\b|__x86_return_thunk|^\s+[0-9a-f]+: R_X86_64_(PLT32|PC32)\s+__x86_return_thunk' |
		grep -E '^\s+[0-9a-f]+:' || true
}

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

check percpu_test_op_inc 'inc[bwlq]?'
check percpu_test_op_add 'add[bwlq]?'
check percpu_test_op_cmpxchg 'cmpxchg[bwlq]?'

# cmpxchg16b is an alternative: the function calls the emulation unless
# the CPU has CX16, and the replacement is the %gs-relative instruction.
fn=percpu_test_op_cmpxchg128
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
