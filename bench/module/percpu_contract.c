// SPDX-License-Identifier: GPL-2.0
/*
 * percpu_contract: what a caller of the per-CPU allocators may rely on,
 * for make check and make check-debug's guest tests. Built out of tree
 * like percpu_bench, against the stock and the patched kernel alike.
 *
 *   hold=N (writable): hold N objects of @size bytes from each of two
 *	call sites, alloc_percpu() and, with the series' cpu_alloc.h, cpu_alloc();
 *	writing frees what was held first. /proc/allocinfo shows each site
 *	(func:contract_alloc_percpu, func:contract_cpu_alloc). Reading
 *	beyond gives how many of each site's held objects lie past the first
 *	chunk, the objects mainline tags (the first chunk has no tags).
 *   fill=N: hold N objects of @size bytes from a third call site
 *	(func:contract_fill) from load to unload, so that hold's objects
 *	come from beyond the first chunk.
 *   test=atomic: one GFP_KERNEL request under preempt_disable() through
 *	each entry point, a second apart so that each gets its own
 *	"sleeping function called from invalid context" report.
 *   test=misuse: one oversized cpu_alloc() with __GFP_NOWARN and one
 *	without, then @objects frees of a pointer into a live object,
 *	alternately of the area and of a chunk: the guest counts the
 *	reports the kernel prints.
 *   test=foreign what=kmalloc|vmalloc|stack|static|unmapped: free_percpu()
 *	of one pointer that no per-CPU allocator handed out, then check a
 *	live object's contents; prints "foreign: <what> survived" if the
 *	kernel did (stock dereferences whatever page such a pointer maps).
 */
#define pr_fmt(fmt) "percpu_contract: " fmt

#include <linux/delay.h>
#include <linux/kernel_stat.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#ifdef HAVE_CPU_ALLOC
#include <linux/cpu_alloc.h>
#endif
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

static unsigned int size = 16;
module_param(size, uint, 0444);
MODULE_PARM_DESC(size, "object size in bytes for hold");
static unsigned int objects = 30;
module_param(objects, uint, 0444);
MODULE_PARM_DESC(objects, "refused frees for test=misuse");
static char *test = "none";
module_param(test, charp, 0444);
MODULE_PARM_DESC(test, "none (default), atomic, misuse or foreign");
static char *what = "kmalloc";
module_param(what, charp, 0444);
MODULE_PARM_DESC(what, "for test=foreign: kmalloc, vmalloc, stack, static or unmapped");

static unsigned int fill;
module_param(fill, uint, 0444);
MODULE_PARM_DESC(fill, "objects of @size to hold from load to unload");

static DEFINE_MUTEX(hold_lock);
static void __percpu **held[2];
static unsigned int nr_held;
static void __percpu **filled;
static unsigned int nr_filled;

/* One call site each, so that each has its own allocation tag */
static noinline void __percpu *contract_alloc_percpu(void)
{
	return __alloc_percpu_gfp(size, 8, GFP_KERNEL);
}

static noinline void __percpu *contract_cpu_alloc(void)
{
#ifdef HAVE_CPU_ALLOC
	return cpu_alloc(size, GFP_KERNEL, 8);
#else
	return NULL;
#endif
}

static noinline void __percpu *contract_fill(void)
{
	return __alloc_percpu_gfp(size, 8, GFP_KERNEL);
}

/*
 * Past the first chunk: every later chunk is mapped in vmalloc space,
 * the first one (embedded) in the linear map or the kernel image.
 */
static bool beyond_first_chunk(void __percpu *p)
{
	return p && is_vmalloc_addr(per_cpu_ptr(p, cpumask_first(cpu_possible_mask)));
}

static void release(void)
{
	unsigned int i;

	for (i = 0; i < nr_held; i++) {
		free_percpu(held[0][i]);
#ifdef HAVE_CPU_ALLOC
		cpu_free(held[1][i], size);
#endif
	}
	kfree(held[0]);
	kfree(held[1]);
	held[0] = held[1] = NULL;
	nr_held = 0;
}

static int hold_set(const char *val, const struct kernel_param *kp)
{
	unsigned int n, i;
	int err = kstrtouint(val, 0, &n);

	if (err)
		return err;
	mutex_lock(&hold_lock);
	release();
	held[0] = kcalloc(n, sizeof(*held[0]), GFP_KERNEL);
	held[1] = kcalloc(n, sizeof(*held[1]), GFP_KERNEL);
	err = -ENOMEM;
	if (n && (!held[0] || !held[1]))
		goto out;
	for (i = 0; i < n; i++) {
		held[0][i] = contract_alloc_percpu();
		held[1][i] = contract_cpu_alloc();
		nr_held = i + 1;
		if (!held[0][i] || (IS_ENABLED(HAVE_CPU_ALLOC) && !held[1][i]))
			goto out;
	}
	err = 0;
	pr_info("holding %u objects of %u bytes from each call site\n", n, size);
out:
	if (err)
		release();
	mutex_unlock(&hold_lock);
	return err;
}

static int hold_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%u\n", nr_held);
}

static int beyond_get(char *buf, const struct kernel_param *kp)
{
	unsigned int i, n[2] = {};

	mutex_lock(&hold_lock);
	for (i = 0; i < nr_held; i++) {
		n[0] += beyond_first_chunk(held[0][i]);
		n[1] += beyond_first_chunk(held[1][i]);
	}
	mutex_unlock(&hold_lock);
	return sysfs_emit(buf, "%u %u\n", n[0], n[1]);
}

static const struct kernel_param_ops hold_ops = {
	.set = hold_set,
	.get = hold_get,
};
module_param_cb(hold, &hold_ops, NULL, 0644);
MODULE_PARM_DESC(hold, "objects to hold from each call site (write to change)");

static const struct kernel_param_ops beyond_ops = {
	.get = beyond_get,
};
module_param_cb(beyond, &beyond_ops, NULL, 0444);
MODULE_PARM_DESC(beyond, "held objects past the first chunk, per call site");

/* GFP_KERNEL where sleeping is not allowed, through each entry point */
static noinline void test_atomic(void)
{
	void __percpu *p;

	preempt_disable();
	p = __alloc_percpu_gfp(8, 8, GFP_KERNEL);
	preempt_enable();
	free_percpu(p);
#ifdef HAVE_CPU_ALLOC
	/* __might_resched() reports at most once a second */
	msleep(1100);
	preempt_disable();
	p = cpu_alloc(8, GFP_KERNEL, 8);
	preempt_enable();
	cpu_free(p, 8);
#endif
	pr_info("atomic: done\n");
}

/*
 * Misuse, after the reports' rate-limit interval has passed: an oversized
 * cpu_alloc() with __GFP_NOWARN and one without, then @objects frees of
 * a pointer 4 bytes into a live object, alternately one of 16 bytes (the
 * object cache's) and one of 512 (the chunks'). The window's ten reports go to the unflagged request and the
 * first nine frees. An interior pointer, not a double free: between the
 * two frees of one object, another task could be given the object, and
 * the second free would then take it from its new owner.
 */
static noinline void test_misuse(void)
{
	void __percpu *p;
	unsigned int i;

	msleep(5500);
#ifdef HAVE_CPU_ALLOC
	p = cpu_alloc(PCPU_MIN_UNIT_SIZE + 1, GFP_KERNEL | __GFP_NOWARN, 8);
	pr_info("misuse: oversized request with __GFP_NOWARN returned %s\n",
		p ? "an object" : "NULL");
	p = cpu_alloc(PCPU_MIN_UNIT_SIZE + 1, GFP_KERNEL, 8);
	pr_info("misuse: oversized request returned %s\n", p ? "an object" : "NULL");
#endif
	for (i = 0; i < objects; i++) {
		/* one the object cache takes, one it leaves to the chunks */
		p = __alloc_percpu(i % 2 ? 512 : 16, 8);
		if (!p)
			continue;
		free_percpu((char __percpu *)p + 4);
		free_percpu(p);
	}
	pr_info("misuse: %u interior frees done\n", objects);
}

/*
 * free_percpu() of the per-CPU pointer that maps to @addr on this CPU
 * (x86_64's per_cpu_offset()): free_percpu() looks up the running CPU's
 * page. @addr NULL: free @p itself. Migration, not preemption, is
 * disabled: free_percpu() may take a sleeping lock on PREEMPT_RT.
 */
static void free_foreign(void *addr, void __percpu *p)
{
	int cpu;

	migrate_disable();
	cpu = smp_processor_id();
	if (addr)
		p = (void __percpu __force *)((unsigned long)addr -
					      per_cpu_offset(cpu));
	pr_info("foreign: freeing %s pointer %px\n", what, p);
	free_percpu(p);
	migrate_enable();
}

static noinline int test_foreign(void)
{
	u32 __percpu *live = alloc_percpu(u32);
	void *mem = NULL, *addr = NULL;
	void __percpu *p = NULL;
	u64 local = 0;
	int cpu, bad = 0;

	if (!live)
		return -ENOMEM;
	for_each_possible_cpu(cpu)
		*per_cpu_ptr(live, cpu) = 0x600d0000 + cpu;
	if (!strcmp(what, "kmalloc")) {
		addr = mem = kmalloc(64, GFP_KERNEL);
	} else if (!strcmp(what, "vmalloc")) {
		addr = mem = vmalloc(PAGE_SIZE);
	} else if (!strcmp(what, "stack")) {
		addr = &local;
	} else if (!strcmp(what, "static")) {
#ifdef CONFIG_X86
		p = &this_cpu_off;
#else
		p = &kernel_cpustat;
#endif
	} else if (!strcmp(what, "unmapped")) {
		/* vmalloc() fills its space from the bottom, chunks from the top */
		addr = (void *)(VMALLOC_START + (VMALLOC_END - VMALLOC_START) / 2);
	}
	if (!addr && !p) {
		free_percpu(live);
		return -EINVAL;
	}
	free_foreign(addr, p);
	for_each_possible_cpu(cpu)
		bad += *per_cpu_ptr(live, cpu) != 0x600d0000 + cpu;
	pr_info("foreign: %s survived, live object %s\n", what,
		bad ? "CHANGED" : "intact");
	free_percpu(live);
	if (!strcmp(what, "vmalloc"))
		vfree(mem);
	else
		kfree(mem);
	return bad ? -EIO : 0;
}

static void unfill(void)
{
	while (nr_filled)
		free_percpu(filled[--nr_filled]);
	kvfree(filled);
}

static int __init percpu_contract_init(void)
{
	int ret = 0;

	if (fill) {
		filled = kvcalloc(fill, sizeof(*filled), GFP_KERNEL);
		if (!filled)
			return -ENOMEM;
		for (nr_filled = 0; nr_filled < fill; nr_filled++) {
			filled[nr_filled] = contract_fill();
			if (!filled[nr_filled]) {
				unfill();
				return -ENOMEM;
			}
		}
		pr_info("fill: holding %u objects of %u bytes\n", fill, size);
	}
	if (!strcmp(test, "atomic"))
		test_atomic();
	else if (!strcmp(test, "misuse"))
		test_misuse();
	else if (!strcmp(test, "foreign"))
		ret = test_foreign();
	else if (strcmp(test, "none"))
		ret = -EINVAL;
	if (ret)
		unfill();
	return ret;
}
module_init(percpu_contract_init);

static void __exit percpu_contract_exit(void)
{
	mutex_lock(&hold_lock);
	release();
	mutex_unlock(&hold_lock);
	unfill();
}
module_exit(percpu_contract_exit);

MODULE_DESCRIPTION("per-CPU allocator contract tests for make check");
MODULE_LICENSE("GPL");
