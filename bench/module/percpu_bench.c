// SPDX-License-Identifier: GPL-2.0
/*
 * percpu_bench: per-CPU and slab allocation timings for 'make bench'.
 *
 * Built out of tree against the stock and the patched kernel alike, so
 * the same code measures both. Loading it runs every test and prints one
 * line per run; the host computes min/median/max. On a kernel with
 * CONFIG_CPU_ALLOC, "percpu" (alloc_percpu(), served by the area unless
 * cpu_alloc=off) is also compared with "chunk" (the chunk allocator
 * alone) and "cpu_alloc" (cpu_alloc()/cpu_free()) in the same boot.
 */
#define pr_fmt(fmt) "percpu_bench: " fmt

#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/timex.h>
#include <linux/vmalloc.h>

static unsigned int runs = 5;
module_param(runs, uint, 0444);
MODULE_PARM_DESC(runs, "runs of each test");
static unsigned int pairs = 10000;
module_param(pairs, uint, 0444);
MODULE_PARM_DESC(pairs, "alloc+free pairs per run");
static bool icount;
module_param(icount, bool, 0444);
MODULE_PARM_DESC(icount, "bracket each measurement with make bench's instruction-count markers");
static unsigned int cur_run;

/*
 * With icount=1, each measured section runs between the two marker
 * instructions that make bench's QEMU plugin (bench/plugin/icount.c)
 * counts between, after a line that names it; the host pairs the counts
 * with these lines in order. Both are no-ops on real hardware. The first
 * run is named a warm-up, which the host leaves out: it fills the slab
 * caches and populates the chunk pages the later runs reuse.
 */
static __printf(2, 3) void icount_begin(unsigned int ops, const char *fmt, ...)
{
	char name[96];
	va_list args;

	if (!icount)
		return;
	va_start(args, fmt);
	vsnprintf(name, sizeof(name), fmt, args);
	va_end(args);
	pr_info("icount: workload=%s%s ops=%u\n", cur_run ? "" : "warmup-", name, ops);
	asm volatile("xchg %%bx, %%bx" ::: "memory");
}

static void icount_end(void)
{
	if (icount)
		asm volatile("xchg %%cx, %%cx" ::: "memory");
}

#ifdef CONFIG_CPU_ALLOC
/* mm/percpu-internal.h: the chunks alone, for comparison in one boot */
void __percpu *pcpu_chunk_alloc(size_t size, size_t align, gfp_t gfp);
MODULE_IMPORT_NS(CPU_ALLOC_TEST);
#endif

enum allocator { PERCPU, CHUNK, CPU_ALLOC_API, NR_ALLOCATORS };
static const char * const names[] = { "percpu", "chunk", "cpu_alloc" };

static bool available(enum allocator a)
{
	return a == PERCPU || IS_ENABLED(CONFIG_CPU_ALLOC);
}

static void __percpu *bench_alloc(enum allocator a, size_t size)
{
	size_t align = min_t(size_t, size, 8);

	switch (a) {
#ifdef CONFIG_CPU_ALLOC
	case CHUNK:
		return pcpu_chunk_alloc(size, align, GFP_KERNEL);
	case CPU_ALLOC_API:
		return cpu_alloc(size, GFP_KERNEL | __GFP_ZERO, align);
#endif
	default:
		return __alloc_percpu(size, align);
	}
}

static void bench_free(enum allocator a, void __percpu *p, size_t size)
{
#ifdef CONFIG_CPU_ALLOC
	if (a == CPU_ALLOC_API) {
		cpu_free(p, size);
		return;
	}
#endif
	free_percpu(p);
}

/* One run of alloc+free pairs: picoseconds per pair */
static u64 time_pairs(enum allocator a, size_t size)
{
	unsigned int i;
	u64 t;

	icount_begin(pairs, "pair_%s_%zu", names[a], size);
	t = ktime_get_ns();
	for (i = 0; i < pairs; i++)
		bench_free(a, bench_alloc(a, size), size);
	t = ktime_get_ns() - t;
	icount_end();
	return t * 1000 / pairs;
}

enum order { IN_ORDER, REVERSE, ALTERNATE, NR_ORDERS };
static const char * const orders[] = { "in_order", "reverse", "alternate" };

/*
 * Allocate @n objects, then free them in order, in reverse, or every
 * other one first: picoseconds per object for the allocation and the free.
 */
static int time_bulk(enum allocator a, size_t size, unsigned int n,
		     enum order o, u64 *alloc_ps, u64 *free_ps)
{
	void __percpu **obj = vmalloc_array(n, sizeof(*obj));
	unsigned int i, j;
	u64 t;

	if (!obj)
		return -ENOMEM;
	icount_begin(n, "bulk_alloc_%s_%zu_%u_%s", names[a], size, n, orders[o]);
	t = ktime_get_ns();
	for (i = 0; i < n; i++)
		obj[i] = bench_alloc(a, size);
	t = ktime_get_ns() - t;
	icount_end();
	*alloc_ps = t * 1000 / n;
	for (i = 0; i < n; i++)
		if (!obj[i])
			pr_warn("%s: allocation %u of %zu bytes failed\n", names[a], i, size);
	icount_begin(n, "bulk_free_%s_%zu_%u_%s", names[a], size, n, orders[o]);
	t = ktime_get_ns();
	for (i = 0; i < n; i++) {
		switch (o) {
		case REVERSE:
			j = n - 1 - i;
			break;
		case ALTERNATE:		/* 0, 2, 4, ... then 1, 3, 5, ... */
			j = i < (n + 1) / 2 ? 2 * i : 2 * (i - (n + 1) / 2) + 1;
			break;
		default:
			j = i;
		}
		bench_free(a, obj[j], size);
	}
	t = ktime_get_ns() - t;
	icount_end();
	*free_ps = t * 1000 / n;
	vfree(obj);
	return 0;
}

/* kmalloc(64)+kfree pairs: SLUB's fast paths on per-CPU data */
static void time_slub(u64 *ps, u64 *cycles)
{
	unsigned int i;
	cycles_t c;
	u64 t;

	icount_begin(pairs, "slub_64");
	c = get_cycles();
	t = ktime_get_ns();
	for (i = 0; i < pairs; i++) {
		void *p = kmalloc(64, GFP_KERNEL);

		/* keep the pair from being optimised away */
		OPTIMIZER_HIDE_VAR(p);
		kfree(p);
	}
	t = ktime_get_ns() - t;
	c = get_cycles() - c;
	icount_end();
	*ps = t * 1000 / pairs;
	*cycles = (u64)c * 1000 / pairs;
}

static void print_ps(const char *what, u64 ps)
{
	pr_info("%s value=%llu.%03llu\n", what, ps / 1000, ps % 1000);
}

static int __init percpu_bench_init(void)
{
	static const size_t sizes[] = { 4, 16, 64, 256 };
	static const unsigned int counts[] = { 16, 256, 4096 };
	unsigned int r, s, k;
	enum allocator a;
	enum order o;
	char what[128];
	u64 x, y;

	pr_info("start runs=%u pairs=%u cpu_alloc=%d\n", runs, pairs,
		IS_ENABLED(CONFIG_CPU_ALLOC));
	for (r = 0; r < runs; r++) {
		cur_run = r;
		/* interleaved, so that drift hits every allocator alike */
		for (s = 0; s < ARRAY_SIZE(sizes); s++)
			for (a = 0; a < NR_ALLOCATORS; a++) {
				if (!available(a))
					continue;
				snprintf(what, sizeof(what),
					 "test=pair allocator=%s size=%zu run=%u unit=ns_per_pair",
					 names[a], sizes[s], r);
				print_ps(what, time_pairs(a, sizes[s]));
			}
		for (s = 0; s < ARRAY_SIZE(sizes); s++)
			for (k = 0; k < ARRAY_SIZE(counts); k++)
				for (o = 0; o < NR_ORDERS; o++)
					for (a = 0; a < NR_ALLOCATORS; a++) {
						if (!available(a) || a == CPU_ALLOC_API)
							continue;
						if (time_bulk(a, sizes[s], counts[k], o, &x, &y))
							return -ENOMEM;
						snprintf(what, sizeof(what),
							 "test=bulk allocator=%s size=%zu count=%u order=%s run=%u unit=ns_per_alloc",
							 names[a], sizes[s], counts[k], orders[o], r);
						print_ps(what, x);
						snprintf(what, sizeof(what),
							 "test=bulk allocator=%s size=%zu count=%u order=%s run=%u unit=ns_per_free",
							 names[a], sizes[s], counts[k], orders[o], r);
						print_ps(what, y);
					}
		time_slub(&x, &y);
		snprintf(what, sizeof(what), "test=slub size=64 run=%u unit=ns_per_pair", r);
		print_ps(what, x);
		snprintf(what, sizeof(what), "test=slub size=64 run=%u unit=cycles_per_pair", r);
		print_ps(what, y);
	}
	pr_info("done\n");
	return 0;
}
module_init(percpu_bench_init);

static void __exit percpu_bench_exit(void)
{
}
module_exit(percpu_bench_exit);

MODULE_DESCRIPTION("per-CPU and slab allocation timings for make bench");
MODULE_LICENSE("GPL");
