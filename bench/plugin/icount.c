// SPDX-License-Identifier: GPL-2.0
/*
 * icount: a QEMU TCG plugin that counts the guest instructions executed
 * between two marker instructions, and optionally the L1 data-cache
 * misses of a simple cache model over the same interval.
 *
 *   qemu-system-x86_64 -accel tcg,thread=single \
 *       -plugin icount.so[,cache=on] -d plugin -D icount.log ...
 *
 * The guest brackets a workload with two instructions that nothing else
 * executes: "xchg %bx,%bx" (66 87 db) starts an interval and
 * "xchg %cx,%cx" (66 87 c9) ends it; both are no-ops on real hardware.
 * At each end marker the plugin writes one line to QEMU's log:
 *
 *   icount: insns=N loads=N stores=N l1d_misses=N
 *
 * (the last three are 0 without cache=on). The guest prints what each
 * interval measured on its console, in the same order; the host pairs
 * the two (scripts/icount-report.py).
 *
 * Every instruction adds one to a counter inline as it executes, so an
 * instruction that faults and is restarted counts once per attempt, and a
 * rep-prefixed string instruction once per iteration (QEMU executes each
 * iteration as one instruction): memset() and clear_page() count in
 * proportion to the bytes they write. That is everything every vCPU
 * executed, kernel and user, race-free as long as one host thread runs
 * all vCPUs (thread=single). The markers add at most one instruction to
 * an interval, the same in every one.
 *
 * The guest's timer still follows the host's clock, so an interval also
 * holds the timer interrupts of its wall-clock length: measure on an
 * otherwise idle host.
 *
 * The cache model, per vCPU: 32 KiB, 8 ways, 64-byte lines, LRU, physical
 * addresses, loads and stores alike (write-allocate), every access
 * counted once, on the line of its first byte. It is a model of a
 * typical L1D, not of the host's: it answers whether a change touches
 * fewer or more distinct lines, not what a given CPU would see.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

#define L1_WAYS		8
#define L1_SETS		64	/* 32 KiB / 64-byte lines / 8 ways */
#define L1_LINE_SHIFT	6

enum marker { MARK_START = 1, MARK_STOP };

struct l1d {
	uint64_t tag[L1_SETS][L1_WAYS];	/* line address + 1; 0 is empty */
	uint64_t used[L1_SETS][L1_WAYS];	/* access stamp, for LRU */
	uint64_t clock;
};

static uint64_t insns, loads, stores, misses;
static uint64_t start_insns, start_loads, start_stores, start_misses;
static struct l1d *caches;
static int nr_caches;
static int cache_on;

static void l1d_access(unsigned int vcpu, uint64_t paddr)
{
	struct l1d *c = &caches[vcpu % nr_caches];
	uint64_t line = (paddr >> L1_LINE_SHIFT) + 1;
	unsigned int set = line % L1_SETS, w, victim = 0;

	c->clock++;
	for (w = 0; w < L1_WAYS; w++) {
		if (c->tag[set][w] == line) {
			c->used[set][w] = c->clock;
			return;
		}
		if (c->used[set][w] < c->used[set][victim])
			victim = w;
	}
	misses++;
	c->tag[set][victim] = line;
	c->used[set][victim] = c->clock;
}

static void on_mem(unsigned int vcpu, qemu_plugin_meminfo_t info,
		   uint64_t vaddr, void *udata)
{
	struct qemu_plugin_hwaddr *hw = qemu_plugin_get_hwaddr(info, vaddr);

	if (!hw || qemu_plugin_hwaddr_is_io(hw))
		return;
	if (qemu_plugin_mem_is_store(info))
		stores++;
	else
		loads++;
	l1d_access(vcpu, qemu_plugin_hwaddr_phys_addr(hw));
}

static void on_marker(unsigned int vcpu, void *udata)
{
	char line[160];

	if ((uintptr_t)udata == MARK_START) {
		start_insns = insns;
		start_loads = loads;
		start_stores = stores;
		start_misses = misses;
		return;
	}
	snprintf(line, sizeof(line),
		 "icount: insns=%" PRIu64 " loads=%" PRIu64 " stores=%" PRIu64
		 " l1d_misses=%" PRIu64 "\n",
		 insns - start_insns, loads - start_loads,
		 stores - start_stores, misses - start_misses);
	qemu_plugin_outs(line);
}

static enum marker marker_of(struct qemu_plugin_insn *insn)
{
	static const uint8_t start[] = { 0x66, 0x87, 0xdb };	/* xchg %bx,%bx */
	static const uint8_t stop[] = { 0x66, 0x87, 0xc9 };	/* xchg %cx,%cx */
	const uint8_t *p = qemu_plugin_insn_data(insn);

	if (qemu_plugin_insn_size(insn) != sizeof(start))
		return 0;
	if (!memcmp(p, start, sizeof(start)))
		return MARK_START;
	if (!memcmp(p, stop, sizeof(stop)))
		return MARK_STOP;
	return 0;
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t i, n = qemu_plugin_tb_n_insns(tb);

	for (i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		enum marker m = marker_of(insn);

		qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64,
							   &insns, 1);
		if (m)
			qemu_plugin_register_vcpu_insn_exec_cb(insn, on_marker,
							       QEMU_PLUGIN_CB_NO_REGS,
							       (void *)(uintptr_t)m);
		if (cache_on)
			qemu_plugin_register_vcpu_mem_cb(insn, on_mem,
							 QEMU_PLUGIN_CB_NO_REGS,
							 QEMU_PLUGIN_MEM_RW, NULL);
	}
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
					   const qemu_info_t *info,
					   int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "cache=on")) {
			cache_on = 1;
		} else if (strcmp(argv[i], "cache=off")) {
			fprintf(stderr, "icount: unknown argument '%s' (cache=on|off)\n",
				argv[i]);
			return -1;
		}
	}
	if (cache_on) {
		nr_caches = info->system_emulation ? info->system.max_vcpus : 1;
		caches = calloc(nr_caches, sizeof(*caches));
		if (!caches)
			return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	return 0;
}
