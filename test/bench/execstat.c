/*
 * execstat.c - `execstat RUNS -- PROGRAM ARGS...`: run a program RUNS times
 * as a fresh process (stdout and stderr to /dev/null) and print the median,
 * min and max of its wall time, CPU time (user + system) and peak RSS as
 * "key value" lines (wall_ms_med ...), like tcas-bench.
 *
 * A program of its own, built static and small (make bench links it with
 * musl when musl-gcc is there): Linux's ru_maxrss of a child counts the
 * memory of the process it was forked from up to its exec, so a large
 * parent (tcas-bench holds a client and a trust store) would set a floor
 * under every figure it measures. Here the floor is this program's few
 * pages.
 */
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RUNS_MAX 1000

static double wall[RUNS_MAX], cpu[RUNS_MAX], rss[RUNS_MAX];

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void stats(const char *name, double *v, int n, int prec)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	printf("%s_med %.*f\n%s_min %.*f\n%s_max %.*f\n", name, prec,
	       n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2, name, prec,
	       v[0], name, prec, v[n - 1]);
}

static double tv_s(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
	int runs, i, st, fails = 0;

	if (argc < 4 || strcmp(argv[2], "--") != 0 ||
	    (runs = atoi(argv[1])) < 1 || runs > RUNS_MAX) {
		fprintf(stderr, "usage: execstat RUNS -- PROGRAM ARGS...\n");
		return 2;
	}
	for (i = 0; i < runs; i++) {
		struct rusage ru;
		double t0 = now_s();
		pid_t pid = fork();

		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0) {
			int nul = open("/dev/null", O_WRONLY);

			if (nul >= 0) {
				dup2(nul, 1);
				dup2(nul, 2);
			}
			execvp(argv[3], argv + 3);
			_exit(127);
		}
		if (wait4(pid, &st, 0, &ru) != pid) {
			perror("wait4");
			return 1;
		}
		wall[i] = (now_s() - t0) * 1e3;
		cpu[i] = (tv_s(ru.ru_utime) + tv_s(ru.ru_stime)) * 1e3;
		rss[i] = (double)ru.ru_maxrss; /* KiB on Linux */
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			fails++;
	}
	printf("runs %d\nfailed_runs %d\n", runs, fails);
	stats("wall_ms", wall, runs, 2);
	stats("cpu_ms", cpu, runs, 2);
	stats("rss_kib", rss, runs, 0);
	return fails ? 1 : 0;
}
