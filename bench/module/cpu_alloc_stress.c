// SPDX-License-Identifier: GPL-2.0
/*
 * Concurrency stress for cpu_alloc: one kthread per online CPU allocates
 * and frees objects of random sizes and alignments, half through
 * cpu_alloc() and half through alloc_percpu(), for a set time. Every copy
 * of every object carries a pattern made of the object's tag and the
 * copy's CPU, written through CPU_PTR() into all CPUs' copies and through
 * this_cpu_write() into the running CPU's, and checked before the object
 * is freed: two objects sharing a byte, or a copy changed behind its
 * owner's back, shows up as a wrong pattern. CPUs may go offline and come
 * back meanwhile; their copies must survive. Loading the module runs the
 * test; it fails to load (-EIO) if any check failed.
 */
#define pr_fmt(fmt) "cpu_alloc_stress: " fmt

#include <linux/cpu.h>
#include <linux/cpu_alloc.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/prandom.h>
#include <linux/sched/task.h>
#include <linux/slab.h>

static unsigned int seconds = 10;
module_param(seconds, uint, 0444);
MODULE_PARM_DESC(seconds, "how long to run");
static unsigned int objects = 64;
module_param(objects, uint, 0444);
MODULE_PARM_DESC(objects, "live objects per thread, at most");

struct stress_obj {
	u32 __percpu *ptr;
	size_t size;
	u64 tag;
	bool api;		/* from cpu_alloc(), else alloc_percpu() */
};

struct stress_thread {
	struct task_struct *task;
	struct stress_obj *obj;
	unsigned int cpu;
	unsigned long ops, errors;
};

static atomic64_t next_tag;

/* Unique enough per object, CPU and word; 4-byte words, as units are */
static u32 pattern(u64 tag, unsigned int cpu, unsigned int word)
{
	return (u32)(tag * 2654435761U) ^ cpu << 24 ^ word << 16;
}

static void fill(struct stress_obj *o)
{
	unsigned int cpu, w, words = o->size / sizeof(u32);

	for_each_possible_cpu(cpu)
		for (w = 0; w < words; w++)
			CPU_PTR(o->ptr, cpu)[w] = pattern(o->tag, cpu, w);
	/* the running CPU's first word again, through the per-CPU ops */
	preempt_disable();
	this_cpu_write(*o->ptr, pattern(o->tag, smp_processor_id(), 0));
	preempt_enable();
}

static unsigned long verify(struct stress_obj *o)
{
	unsigned int cpu, w, words = o->size / sizeof(u32);
	unsigned long bad = 0;

	for_each_possible_cpu(cpu)
		for (w = 0; w < words; w++)
			if (CPU_PTR(o->ptr, cpu)[w] != pattern(o->tag, cpu, w)) {
				if (!bad++)
					pr_err("object %llx (%zu bytes) CPU %u word %u: %x, expected %x\n",
					       o->tag, o->size, cpu, w,
					       CPU_PTR(o->ptr, cpu)[w],
					       pattern(o->tag, cpu, w));
			}
	return bad;
}

static void release(struct stress_thread *t, struct stress_obj *o)
{
	if (verify(o))
		t->errors++;
	if (o->api)
		cpu_free(o->ptr, o->size);
	else
		free_percpu(o->ptr);
	o->ptr = NULL;
	t->ops++;
}

static int stress_fn(void *data)
{
	struct stress_thread *t = data;
	struct rnd_state rnd;
	unsigned int i;

	prandom_seed_state(&rnd, t->cpu + 1);
	while (!kthread_should_stop()) {
		struct stress_obj *o = &t->obj[prandom_u32_state(&rnd) % objects];
		size_t align = 4 << prandom_u32_state(&rnd) % 5;

		if (o->ptr) {
			release(t, o);
		} else {
			o->size = 4 * (1 + prandom_u32_state(&rnd) % 64);
			o->api = prandom_u32_state(&rnd) & 1;
			o->ptr = o->api ? cpu_alloc(o->size, GFP_KERNEL, align) :
					  __alloc_percpu(o->size, align);
			if (!o->ptr) {
				pr_err("allocation of %zu bytes failed\n", o->size);
				t->errors++;
				continue;
			}
			o->tag = atomic64_inc_return(&next_tag);
			fill(o);
			t->ops++;
		}
		cond_resched();
	}
	for (i = 0; i < objects; i++)
		if (t->obj[i].ptr)
			release(t, &t->obj[i]);
	return 0;
}

static int __init cpu_alloc_stress_init(void)
{
	unsigned long ops = 0, errors = 0;
	struct stress_thread *t;
	unsigned int cpu, n = 0;

	t = kcalloc(nr_cpu_ids, sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	cpus_read_lock();
	for_each_online_cpu(cpu) {
		t[cpu].cpu = cpu;
		t[cpu].obj = kcalloc(objects, sizeof(*t[cpu].obj), GFP_KERNEL);
		if (!t[cpu].obj)
			break;
		t[cpu].task = kthread_create_on_cpu(stress_fn, &t[cpu], cpu,
						    "cpu_alloc_stress/%u");
		if (IS_ERR(t[cpu].task)) {
			t[cpu].task = NULL;
			break;
		}
		get_task_struct(t[cpu].task);
		wake_up_process(t[cpu].task);
		n++;
	}
	cpus_read_unlock();
	pr_info("%u threads, %u s, up to %u objects each\n", n, seconds, objects);

	msleep(seconds * 1000);
	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		if (t[cpu].task) {
			kthread_stop(t[cpu].task);
			put_task_struct(t[cpu].task);
			ops += t[cpu].ops;
			errors += t[cpu].errors;
		}
		kfree(t[cpu].obj);
	}
	kfree(t);
	pr_info("%lu operations on %u CPUs in %u s, %lu errors\n",
		ops, n, seconds, errors);
	return errors ? -EIO : 0;
}
module_init(cpu_alloc_stress_init);

static void __exit cpu_alloc_stress_exit(void)
{
}
module_exit(cpu_alloc_stress_exit);

MODULE_DESCRIPTION("concurrency stress test for cpu_alloc");
MODULE_LICENSE("GPL");
