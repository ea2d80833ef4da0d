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
 *
 * test=prodcons and test=allcpu run one cross-CPU test instead, for one
 * allocator (allocator=percpu|chunk|cpu_alloc), so that the guest can
 * read cpu_alloc's debugfs counters around it:
 *   prodcons: a kthread on one CPU allocates @objects objects, one on
 *	another CPU frees them, handed over through a ring;
 *   allcpu: a kthread on every online CPU allocates batches of
 *	BATCH objects and frees each batch, all CPUs at once.
 */
#define pr_fmt(fmt) "percpu_bench: " fmt

#include <linux/completion.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/percpu.h>
#ifdef HAVE_CPU_ALLOC
#include <linux/cpu_alloc.h>
#endif
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
static char *test = "all";
module_param(test, charp, 0444);
MODULE_PARM_DESC(test, "all (default), prodcons or allcpu");
static char *allocator = "percpu";
module_param(allocator, charp, 0444);
MODULE_PARM_DESC(allocator, "for prodcons and allcpu: percpu, chunk or cpu_alloc");
static unsigned int objects = 20000;
module_param(objects, uint, 0444);
MODULE_PARM_DESC(objects, "for prodcons and allcpu: objects per run (per CPU for allcpu)");
static unsigned int size = 16;
module_param(size, uint, 0444);
MODULE_PARM_DESC(size, "for prodcons and allcpu: object size in bytes");

/*
 * With icount=1, each measured section runs between the two marker
 * instructions that make bench's QEMU plugin (bench/plugin/icount.c)
 * counts between, after a line that names it; the host pairs the counts
 * with these lines in order. Both are no-ops on real hardware. The first
 * run is named a warm-up, which the host leaves out: it fills the slab
 * caches and populates the chunk pages the later runs reuse.
 */
#ifdef CONFIG_X86
#define ICOUNT_MARK(insn)	asm volatile(insn ::: "memory")
#else
/* the plugin's markers are x86 instructions: icount=1 only names runs */
#define ICOUNT_MARK(insn)	barrier()
#endif

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
	ICOUNT_MARK("xchg %%bx, %%bx");
}

static void icount_end(void)
{
	if (icount)
		ICOUNT_MARK("xchg %%cx, %%cx");
}

enum allocator { PERCPU, CHUNK, CPU_ALLOC_API, NR_ALLOCATORS };
static const char * const names[] = { "percpu", "chunk", "cpu_alloc" };

static bool available(enum allocator a)
{
	/* the chunks alone: a percpu_cache=off boot's "percpu" */
	return a == PERCPU || (a == CPU_ALLOC_API && IS_ENABLED(HAVE_CPU_ALLOC));
}

static void __percpu *bench_alloc(enum allocator a, size_t size)
{
	size_t align = min_t(size_t, size, 8);

	switch (a) {
#ifdef HAVE_CPU_ALLOC
	case CPU_ALLOC_API:
		return cpu_alloc(size, GFP_KERNEL, align);
#endif
	default:
		return __alloc_percpu(size, align);
	}
}

static void bench_free(enum allocator a, void __percpu *p, size_t size)
{
#ifdef HAVE_CPU_ALLOC
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

static void print_ps(const char *what, u64 ps)
{
	pr_info("%s value=%llu.%03llu\n", what, ps / 1000, ps % 1000);
}

/* A kthread bound to @cpu, not yet running */
static struct task_struct *bound_thread(int (*fn)(void *), void *arg,
					unsigned int cpu, const char *what)
{
	struct task_struct *t;

	t = kthread_create_on_node(fn, arg, cpu_to_node(cpu), "percpu_bench/%s%u",
				   what, cpu);
	if (!IS_ERR(t))
		kthread_bind(t, cpu);
	return t;
}

/* Wait for another CPU without holding this one on a kernel without preemption */
static void spin_wait(void)
{
	cpu_relax();
	cond_resched();
}

#define RING	256

struct prodcons {
	enum allocator a;
	void __percpu *ring[RING];
	unsigned int head;	/* written by the producer */
	unsigned int tail;	/* written by the consumer */
	unsigned int failed;
	struct completion done[2];
};

static int producer(void *arg)
{
	struct prodcons *pc = arg;
	unsigned int i;

	for (i = 0; i < objects; i++) {
		void __percpu *p = bench_alloc(pc->a, size);

		if (!p)
			pc->failed++;
		while (i - smp_load_acquire(&pc->tail) >= RING)
			spin_wait();
		pc->ring[i % RING] = p;
		smp_store_release(&pc->head, i + 1);
	}
	/* completes and exits without returning to module text */
	kthread_complete_and_exit(&pc->done[0], 0);
}

static int consumer(void *arg)
{
	struct prodcons *pc = arg;
	void __percpu *p;
	unsigned int i;

	for (i = 0; i < objects; i++) {
		while (smp_load_acquire(&pc->head) == i)
			spin_wait();
		p = pc->ring[i % RING];
		smp_store_release(&pc->tail, i + 1);
		if (p)
			bench_free(pc->a, p, size);
	}
	kthread_complete_and_exit(&pc->done[1], 0);
}

/* Picoseconds per object handed from one CPU to another, or 0 */
static u64 time_prodcons(enum allocator a)
{
	unsigned int from = cpumask_first(cpu_online_mask);
	unsigned int to = cpumask_next(from, cpu_online_mask);
	struct task_struct *t[2];
	struct prodcons *pc;
	u64 ns = 0;

	if (to >= nr_cpu_ids) {
		pr_warn("prodcons needs two online CPUs\n");
		return 0;
	}
	pc = kzalloc(sizeof(*pc), GFP_KERNEL);
	if (!pc)
		return 0;
	pc->a = a;
	init_completion(&pc->done[0]);
	init_completion(&pc->done[1]);
	t[0] = bound_thread(producer, pc, from, "producer");
	t[1] = bound_thread(consumer, pc, to, "consumer");
	if (IS_ERR(t[0]) || IS_ERR(t[1])) {
		/* kthread_stop() of a thread never woken: fn does not run */
		if (!IS_ERR(t[0]))
			kthread_stop(t[0]);
		if (!IS_ERR(t[1]))
			kthread_stop(t[1]);
		kfree(pc);
		return 0;
	}
	ns = ktime_get_ns();
	wake_up_process(t[1]);
	wake_up_process(t[0]);
	wait_for_completion(&pc->done[0]);
	wait_for_completion(&pc->done[1]);
	ns = ktime_get_ns() - ns;
	if (pc->failed)
		pr_warn("prodcons: %u of %u allocations failed\n", pc->failed, objects);
	kfree(pc);
	return ns * 1000 / objects;
}

#define BATCH	64

struct allcpu {
	enum allocator a;
	atomic_t ready;
	int go;
	atomic_t failed;
	struct completion done;	/* once per thread */
};

static int allcpu_thread(void *arg)
{
	struct allcpu *ac = arg;
	void __percpu *p[BATCH];
	unsigned int i, n;

	atomic_inc(&ac->ready);
	while (!smp_load_acquire(&ac->go))
		spin_wait();
	for (n = 0; n < objects; n += BATCH) {
		for (i = 0; i < BATCH; i++) {
			p[i] = bench_alloc(ac->a, size);
			if (!p[i])
				atomic_inc(&ac->failed);
		}
		for (i = 0; i < BATCH; i++)
			if (p[i])
				bench_free(ac->a, p[i], size);
	}
	kthread_complete_and_exit(&ac->done, 0);
}

/* Picoseconds per object and CPU, every online CPU at once, or 0 */
static u64 time_allcpu(enum allocator a)
{
	unsigned int cpu, i, n = 0, nr;
	struct task_struct **t;
	struct allcpu *ac;
	u64 ns;

	ac = kzalloc(sizeof(*ac), GFP_KERNEL);
	t = kcalloc(nr_cpu_ids, sizeof(*t), GFP_KERNEL);
	if (!ac || !t) {
		kfree(ac);
		kfree(t);
		return 0;
	}
	ac->a = a;
	init_completion(&ac->done);
	cpus_read_lock();
	nr = num_online_cpus();
	for_each_online_cpu(cpu) {
		t[cpu] = bound_thread(allcpu_thread, ac, cpu, "cpu");
		if (IS_ERR(t[cpu]))
			break;
		n++;
	}
	if (n < nr) {
		/* threads never woken exit at kthread_stop() without running */
		for_each_online_cpu(cpu)
			if (!IS_ERR_OR_NULL(t[cpu]))
				kthread_stop(t[cpu]);
		cpus_read_unlock();
		kfree(t);
		kfree(ac);
		return 0;
	}
	for_each_online_cpu(cpu)
		wake_up_process(t[cpu]);
	while (atomic_read(&ac->ready) < nr)
		spin_wait();
	ns = ktime_get_ns();
	smp_store_release(&ac->go, 1);
	for (i = 0; i < nr; i++)
		wait_for_completion(&ac->done);
	ns = ktime_get_ns() - ns;
	cpus_read_unlock();
	if (atomic_read(&ac->failed))
		pr_warn("allcpu: %d allocations failed\n", atomic_read(&ac->failed));
	kfree(t);
	kfree(ac);
	return ns * 1000 / round_up(objects, BATCH);
}

static int run_cross_cpu(void)
{
	enum allocator a;
	unsigned int r;
	char what[128];
	u64 ps;

	for (a = 0; a < NR_ALLOCATORS; a++)
		if (!strcmp(allocator, names[a]))
			break;
	if (a == NR_ALLOCATORS || !available(a) || !size || !objects ||
	    (strcmp(test, "prodcons") && strcmp(test, "allcpu"))) {
		pr_err("test=%s allocator=%s size=%u objects=%u: not available\n",
		       test, allocator, size, objects);
		return -EINVAL;
	}
	for (r = 0; r < runs; r++) {
		ps = strcmp(test, "allcpu") ? time_prodcons(a) : time_allcpu(a);
		if (!ps)
			return -EIO;
		snprintf(what, sizeof(what),
			 "test=%s allocator=%s size=%u cpus=%u objects=%u run=%u unit=ns_per_object",
			 test, names[a], size, num_online_cpus(), objects, r);
		print_ps(what, ps);
	}
	pr_info("done\n");
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
		IS_ENABLED(HAVE_CPU_ALLOC));
	if (strcmp(test, "all"))
		return run_cross_cpu();
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
