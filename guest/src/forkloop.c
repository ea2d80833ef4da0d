// SPDX-License-Identifier: GPL-2.0
/*
 * forkloop: fork+exit or fork+exec in a loop and report the rate.
 *
 *	forkloop fork N		N times: fork, the child exits at once
 *	forkloop exec N		N times: fork, the child execs "forkloop child"
 *
 * Built static with the host compiler, so an exec maps no shared library
 * and the rate measures process creation and teardown, which allocate
 * per-CPU counters for every new mm.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *self = "/proc/self/exe";

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int spawn(int do_exec)
{
	int status;
	pid_t pid = fork();

	if (pid < 0) {
		perror("fork");
		return -1;
	}
	if (pid == 0) {
		if (do_exec) {
			char *argv[] = { "forkloop", "child", NULL };
			char *envp[] = { NULL };

			execve(self, argv, envp);
			perror("execve");
		}
		_exit(do_exec ? 127 : 0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status)) {
		fprintf(stderr, "forkloop: child %d failed (status %#x)\n", pid, status);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int do_exec;
	long i, n;
	double t;

	if (argc == 2 && !strcmp(argv[1], "child"))
		return 0;
	if (argc != 3 || (strcmp(argv[1], "fork") && strcmp(argv[1], "exec")) ||
	    (n = atol(argv[2])) <= 0) {
		fprintf(stderr, "usage: forkloop fork|exec COUNT\n");
		return 2;
	}
	do_exec = !strcmp(argv[1], "exec");
	t = now();
	for (i = 0; i < n; i++)
		if (spawn(do_exec))
			return 1;
	t = now() - t;
	printf("forkloop: mode=%s count=%ld seconds=%.3f per_second=%.1f\n",
	       argv[1], n, t, n / t);
	return 0;
}
