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
 * With map=System.map the plugin also attributes every interval's
 * instructions to the kernel functions that executed them and writes,
 * before the interval's icount line, one line per function that ran:
 *
 *   profile: insns=N fn=NAME
 *
 * largest first, down to 0.1% of the interval (the rest in one line,
 * fn=[other]); user space counts as fn=[user], kernel addresses outside
 * the map (modules) as fn=[module]. Attribution is per translation
 * block, by the address of its first instruction: a block that falls
 * through into the next function counts for the first one.
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

struct sym {
	uint64_t addr;
	char *name;
};

/* The profile: fn[] indexed like syms[], then the three pseudo-functions. */
enum { FN_USER, FN_MODULE, FN_OTHER, FN_PSEUDO };
static const char *const pseudo_name[FN_PSEUDO] = { "[user]", "[module]", "[other]" };
static struct sym *syms;
static size_t nr_syms;
static uint64_t text_end;
static uint64_t *fn, *fn_start;

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

static int cmp_sym(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* Text symbols of a System.map, sorted; _etext ends the last one. */
static int load_map(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512], name[400], type;
	unsigned long long addr;
	size_t cap = 0;

	if (!f) {
		fprintf(stderr, "icount: cannot open map '%s'\n", path);
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llx %c %399s", &addr, &type, name) != 3)
			continue;
		if (!strcmp(name, "_etext"))
			text_end = addr;
		if (type != 't' && type != 'T' && type != 'w' && type != 'W')
			continue;
		if (nr_syms == cap) {
			cap = cap ? 2 * cap : 4096;
			syms = realloc(syms, cap * sizeof(*syms));
			if (!syms)
				return -1;
		}
		syms[nr_syms].addr = addr;
		syms[nr_syms].name = strdup(name);
		nr_syms++;
	}
	fclose(f);
	if (!nr_syms) {
		fprintf(stderr, "icount: no text symbols in '%s'\n", path);
		return -1;
	}
	qsort(syms, nr_syms, sizeof(*syms), cmp_sym);
	if (!text_end)
		text_end = syms[nr_syms - 1].addr + 1;
	fn = calloc(nr_syms + FN_PSEUDO, sizeof(*fn));
	fn_start = calloc(nr_syms + FN_PSEUDO, sizeof(*fn));
	return fn && fn_start ? 0 : -1;
}

static size_t fn_of(uint64_t vaddr)
{
	size_t lo = 0, hi = nr_syms;

	if (!(vaddr >> 63))
		return nr_syms + FN_USER;
	if (vaddr < syms[0].addr || vaddr >= text_end)
		return nr_syms + FN_MODULE;
	while (hi - lo > 1) {	/* the last symbol at or below vaddr */
		size_t mid = (lo + hi) / 2;

		if (syms[mid].addr <= vaddr)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static const char *fn_name(size_t i)
{
	return i < nr_syms ? syms[i].name : pseudo_name[i - nr_syms];
}

static uint64_t *delta_key;

static int cmp_delta(const void *a, const void *b)
{
	uint64_t x = delta_key[*(const size_t *)a], y = delta_key[*(const size_t *)b];

	return x > y ? -1 : x < y;
}

static void print_profile(uint64_t total)
{
	size_t i, n = 0, nr = nr_syms + FN_PSEUDO;
	size_t *idx = malloc(nr * sizeof(*idx));
	uint64_t rest = 0;
	char line[512];

	if (!idx)
		return;
	for (i = 0; i < nr; i++) {
		fn_start[i] = fn[i] - fn_start[i];	/* the interval's count */
		if (fn_start[i])
			idx[n++] = i;
	}
	delta_key = fn_start;
	qsort(idx, n, sizeof(*idx), cmp_delta);
	for (i = 0; i < n; i++) {
		uint64_t c = fn_start[idx[i]];

		if (c * 1000 < total) {
			rest += c;
			continue;
		}
		snprintf(line, sizeof(line), "profile: insns=%" PRIu64 " fn=%s\n",
			 c, fn_name(idx[i]));
		qemu_plugin_outs(line);
	}
	if (rest) {
		snprintf(line, sizeof(line), "profile: insns=%" PRIu64 " fn=[other]\n", rest);
		qemu_plugin_outs(line);
	}
	free(idx);
}

static void on_marker(unsigned int vcpu, void *udata)
{
	char line[160];

	if ((uintptr_t)udata == MARK_START) {
		if (fn)
			memcpy(fn_start, fn, (nr_syms + FN_PSEUDO) * sizeof(*fn));
		start_insns = insns;
		start_loads = loads;
		start_stores = stores;
		start_misses = misses;
		return;
	}
	if (fn)
		print_profile(insns - start_insns);
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

	if (fn)
		qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64,
							 &fn[fn_of(qemu_plugin_tb_vaddr(tb))], n);

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
		} else if (!strncmp(argv[i], "map=", 4)) {
			if (load_map(argv[i] + 4))
				return -1;
		} else if (strcmp(argv[i], "cache=off")) {
			fprintf(stderr, "icount: unknown argument '%s' (cache=on|off, map=FILE)\n",
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
