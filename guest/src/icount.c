// SPDX-License-Identifier: GPL-2.0
/*
 * icount: run a workload between the two marker instructions that the
 * host's QEMU plugin (bench/plugin/icount.c) counts between.
 *
 *	icount [-s MS] LABEL OPS WORKLOAD [ARG...]
 *
 * prints "icount: workload=LABEL ops=OPS" on stdout, executes the start
 * marker, runs OPS operations of WORKLOAD, sleeps MS milliseconds (0 by
 * default) so that work the kernel defers past the last operation (RCU
 * callbacks, the netns cleanup worker) lands inside the interval, and
 * executes the end marker. The host divides the count by OPS.
 *
 * Workloads, each one operation at a time:
 *	fork			fork; the child exits at once
 *	exec			fork; the child execs this static program
 *	vfork			vfork; the child execs this static program
 *	memcg DIR		mkdir and rmdir a cgroup under DIR
 *	mount DIR		mount and unmount a tmpfs on DIR
 *	netns			unshare(CLONE_NEWNET), then back to the first
 *				namespace, which frees the new one
 *	run CMD [ARG...]	run CMD once, which does OPS operations
 *	loop			OPS iterations of a two-instruction loop: a
 *				check of the count itself (2 per operation,
 *				plus the interrupts that land meanwhile)
 *
 * Built static, so an exec maps no shared library.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *self = "/proc/self/exe";

/* No-ops that nothing else executes; the plugin matches their bytes. */
static inline void mark_start(void)
{
	asm volatile("xchg %%bx, %%bx" ::: "memory");
}

static inline void mark_stop(void)
{
	asm volatile("xchg %%cx, %%cx" ::: "memory");
}

static int reap(pid_t pid, const char *what)
{
	int status;

	if (pid < 0) {
		perror(what);
		return -1;
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status)) {
		fprintf(stderr, "icount: %s: child %d failed (status %#x)\n",
			what, pid, status);
		return -1;
	}
	return 0;
}

static void exec_child(void)
{
	char *argv[] = { "icount", "child", NULL };
	char *envp[] = { NULL };

	execve(self, argv, envp);
	_exit(127);
}

static int op_fork(const char *arg, long i)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	return reap(pid, "fork");
}

static int op_exec(const char *arg, long i)
{
	pid_t pid = fork();

	if (pid == 0)
		exec_child();
	return reap(pid, "exec");
}

static int op_vfork(const char *arg, long i)
{
	pid_t pid = vfork();

	if (pid == 0)
		exec_child();
	return reap(pid, "vfork");
}

static int op_memcg(const char *dir, long i)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/icount%ld", dir, i);
	if (mkdir(path, 0755) || rmdir(path)) {
		fprintf(stderr, "icount: memcg %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int op_mount(const char *dir, long i)
{
	if (mount("icount", dir, "tmpfs", 0, "size=64k") || umount(dir)) {
		fprintf(stderr, "icount: mount %s: %s\n", dir, strerror(errno));
		return -1;
	}
	return 0;
}

static int op_loop(const char *arg, long i)
{
	return 0;
}

static int netns_home = -1;

static int op_netns(const char *arg, long i)
{
	if (unshare(CLONE_NEWNET) || setns(netns_home, CLONE_NEWNET)) {
		fprintf(stderr, "icount: netns: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

static const struct workload {
	const char *name;
	int (*op)(const char *arg, long i);
	int needs_arg;
} workloads[] = {
	{ "fork", op_fork, 0 },
	{ "exec", op_exec, 0 },
	{ "vfork", op_vfork, 0 },
	{ "memcg", op_memcg, 1 },
	{ "mount", op_mount, 1 },
	{ "netns", op_netns, 0 },
	{ "run", NULL, 1 },
	{ "loop", op_loop, 0 },
};

static int usage(void)
{
	fprintf(stderr, "usage: icount [-s MS] LABEL OPS fork|exec|vfork|netns|loop\n"
			"       icount [-s MS] LABEL OPS memcg|mount DIR\n"
			"       icount [-s MS] LABEL OPS run CMD [ARG...]\n");
	return 2;
}

int main(int argc, char **argv)
{
	const struct workload *w = NULL;
	long settle_ms = 0, ops, i;
	const char *label;
	size_t k;
	int rc = 0;

	if (argc == 2 && !strcmp(argv[1], "child"))
		return 0;
	if (argc > 2 && !strcmp(argv[1], "-s")) {
		settle_ms = atol(argv[2]);
		argv += 2;
		argc -= 2;
	}
	if (argc < 4)
		return usage();
	label = argv[1];
	ops = atol(argv[2]);
	for (k = 0; k < sizeof(workloads) / sizeof(workloads[0]); k++)
		if (!strcmp(argv[3], workloads[k].name))
			w = &workloads[k];
	if (!w || ops <= 0 || (w->needs_arg && argc < 5))
		return usage();
	if (w->op == op_netns) {
		netns_home = open("/proc/self/ns/net", O_RDONLY);
		if (netns_home < 0) {
			perror("icount: /proc/self/ns/net");
			return 1;
		}
	}

	printf("icount: workload=%s ops=%ld\n", label, ops);
	fflush(stdout);
	mark_start();
	if (w->op == op_loop) {
		unsigned long n = ops;

		asm volatile("1: dec %0; jnz 1b" : "+r"(n));
	} else if (w->op) {
		for (i = 0; i < ops && !rc; i++)
			rc = w->op(argv[4], i);
	} else {
		pid_t pid = fork();

		if (pid == 0) {
			execvp(argv[4], argv + 4);
			perror(argv[4]);
			_exit(127);
		}
		rc = reap(pid, argv[4]);
	}
	if (settle_ms)
		usleep(settle_ms * 1000);
	mark_stop();
	/* the host leaves out the count of an interval that failed */
	printf("icount: end workload=%s status=%s\n", label, rc ? "failed" : "ok");
	return rc ? 1 : 0;
}
