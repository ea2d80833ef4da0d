// SPDX-License-Identifier: GPL-2.0
/*
 * A module that holds per-CPU memory while it is loaded: a static per-CPU
 * variable (from the module reserve), an alloc_percpu() object and a
 * CPU_ALLOC() object, all used on every CPU. Loading and unloading it
 * many times must leave cpu_bytes where it was.
 */
#define pr_fmt(fmt) "cpu_alloc_reload: " fmt

#include <linux/cpu_alloc.h>
#include <linux/module.h>
#include <linux/percpu.h>

static DEFINE_PER_CPU(unsigned long, reload_static);
static unsigned long __percpu *reload_percpu;
static u64 __percpu *reload_cpu_alloc;

static int __init cpu_alloc_reload_init(void)
{
	int cpu;

	reload_percpu = alloc_percpu(unsigned long);
	reload_cpu_alloc = CPU_ALLOC(u64, GFP_KERNEL | __GFP_ZERO);
	if (!reload_percpu || !reload_cpu_alloc) {
		free_percpu(reload_percpu);
		if (reload_cpu_alloc)
			CPU_FREE(reload_cpu_alloc);
		return -ENOMEM;
	}
	for_each_possible_cpu(cpu) {
		per_cpu(reload_static, cpu) = cpu;
		*per_cpu_ptr(reload_percpu, cpu) = cpu;
	}
	this_cpu_inc(*reload_cpu_alloc);
	return 0;
}
module_init(cpu_alloc_reload_init);

static void __exit cpu_alloc_reload_exit(void)
{
	int cpu;

	for_each_possible_cpu(cpu)
		if (per_cpu(reload_static, cpu) != cpu ||
		    *per_cpu_ptr(reload_percpu, cpu) != cpu)
			pr_err("CPU %d's copies changed while loaded\n", cpu);
	free_percpu(reload_percpu);
	CPU_FREE(reload_cpu_alloc);
}
module_exit(cpu_alloc_reload_exit);

MODULE_DESCRIPTION("per-CPU memory held by a module, for load/unload tests");
MODULE_LICENSE("GPL");
