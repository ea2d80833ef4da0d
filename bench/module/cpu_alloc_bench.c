// SPDX-License-Identifier: GPL-2.0
/*
 * Time per-CPU alloc+free pairs through cpu_alloc and through the percpu
 * chunk allocator in the same boot, on a clean and on a fragmented area.
 * Loading the module runs the benchmark and prints one line per size and
 * allocator, then the module can be unloaded.
 */
#define pr_fmt(fmt) "cpu_alloc_bench: " fmt

#include <linux/cpu_alloc.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/prandom.h>
#include <linux/slab.h>
#include <linux/sort.h>

/* mm/percpu-internal.h: the chunks alone, for comparison in one boot */
void __percpu *pcpu_chunk_alloc(size_t size, size_t align, gfp_t gfp);

static unsigned int pairs = 20000;
module_param(pairs, uint, 0444);
MODULE_PARM_DESC(pairs, "alloc+free pairs per run");
static unsigned int runs = 5;
module_param(runs, uint, 0444);
MODULE_PARM_DESC(runs, "runs per size and allocator");

#define MAX_RUNS	16

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

enum { CPU_ALLOC, CPU_ALLOC_RAW, ALLOC_PERCPU, CHUNK, NR_ALLOCATORS };

static const char * const names[NR_ALLOCATORS] = {
	[CPU_ALLOC] = "cpu_alloc",		/* zeroed, size checked */
	[CPU_ALLOC_RAW] = "cpu_alloc_raw",	/* __cpu_alloc, __cpu_free */
	[ALLOC_PERCPU] = "alloc_percpu",	/* __alloc_percpu: the area */
	[CHUNK] = "chunk",			/* chunks only, zeroed */
};

/* Picoseconds per pair, so that the ratio keeps its precision */
static u64 time_pairs(int allocator, size_t size)
{
	size_t align = min_t(size_t, size, 8);
	u64 start = ktime_get_ns();
	unsigned int i;

	for (i = 0; i < pairs; i++) {
		void __percpu *p;

		switch (allocator) {
		case CHUNK:
			p = pcpu_chunk_alloc(size, align, GFP_KERNEL);
			free_percpu(p);
			break;
		case ALLOC_PERCPU:
			p = __alloc_percpu(size, align);
			free_percpu(p);
			break;
		case CPU_ALLOC_RAW:
			p = __cpu_alloc(size, align, GFP_KERNEL);
			__cpu_free(p, 0);
			break;
		default:
			p = cpu_alloc(size, GFP_KERNEL | __GFP_ZERO, align);
			cpu_free(p, size);
		}
	}
	return div_u64((ktime_get_ns() - start) * 1000, pairs);
}

/* @x in hundredths (@den 100) or thousandths (1000), for "%s" */
static const char *fixed(char *buf, size_t len, u64 x, u32 den)
{
	u32 frac;
	u64 whole = div_u64_rem(x, den, &frac);

	snprintf(buf, len, den == 100 ? "%llu.%02u" : "%llu.%03u", whole, frac);
	return buf;
}

static void bench(const char *state, size_t size)
{
	u64 t[NR_ALLOCATORS][MAX_RUNS];
	unsigned int r, n = clamp(runs, 1U, MAX_RUNS);
	char lo[24], mid[24], hi[24];
	int a;

	for (r = 0; r < n; r++)		/* interleaved: drift hits all */
		for (a = 0; a < NR_ALLOCATORS; a++)
			t[a][r] = time_pairs(a, size);
	for (a = 0; a < NR_ALLOCATORS; a++) {
		sort(t[a], n, sizeof(u64), cmp_u64, NULL);
		pr_info("area=%s size=%zu allocator=%s runs=%u pairs=%u ns_per_pair min=%s median=%s max=%s\n",
			state, size, names[a], n, pairs,
			fixed(lo, sizeof(lo), t[a][0], 1000),
			fixed(mid, sizeof(mid), t[a][n / 2], 1000),
			fixed(hi, sizeof(hi), t[a][n - 1], 1000));
	}
	/* 64-bit divisions through math64.h: 32-bit kernels have no libgcc */
	pr_info("area=%s size=%zu speedup_median=%s\n", state, size,
		fixed(mid, sizeof(mid),
		      div64_u64(t[CHUNK][n / 2] * 100,
				max(t[CPU_ALLOC][n / 2], 1ULL)), 100));
}

/*
 * Leave alignment holes at the start of the area: 4-byte objects with an
 * 8-byte one between each pair, then free the 8-byte ones. A search that
 * walks every hole pays for each of them.
 */
#define NR_HOLES	512

static void __percpu **fragment(void)
{
	void __percpu **obj = kcalloc(2 * NR_HOLES, sizeof(*obj), GFP_KERNEL);
	unsigned int i;

	if (!obj)
		return NULL;
	for (i = 0; i < 2 * NR_HOLES; i++)
		obj[i] = cpu_alloc(i % 2 ? 8 : 4, 0, i % 2 ? 8 : 4);
	for (i = 1; i < 2 * NR_HOLES; i += 2) {
		cpu_free(obj[i], 8);
		obj[i] = NULL;
	}
	return obj;
}

static int __init cpu_alloc_bench_init(void)
{
	static const size_t sizes[] = { 4, 16, 64, 256 };
	void __percpu **obj;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		bench("clean", sizes[i]);
	obj = fragment();
	if (obj) {
		for (i = 0; i < ARRAY_SIZE(sizes); i++)
			bench("fragmented", sizes[i]);
		for (i = 0; i < 2 * NR_HOLES; i += 2)
			cpu_free(obj[i], 4);
		kfree(obj);
	}
	pr_info("done\n");
	return 0;
}
module_init(cpu_alloc_bench_init);

static void __exit cpu_alloc_bench_exit(void)
{
}
module_exit(cpu_alloc_bench_exit);

MODULE_DESCRIPTION("cpu_alloc against the percpu chunk allocator");
MODULE_IMPORT_NS("CPU_ALLOC_TEST");
MODULE_LICENSE("GPL");
