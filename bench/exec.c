/* bench-exec: runs a command N times and prints its wall time (median, min, max, in ms)
 * and its peak memory (largest ru_maxrss over the runs, in KiB), measured around
 * fork/exec/wait4 with no shell in between, so a 1 ms program is measured as 1 ms.
 * Not a test: it prints.
 *   bench-exec [-n RUNS] [-w WARMUPS] [-p PREPARE] [-C DIR] -- CMD [ARGS...]
 * PREPARE is a /bin/sh command run (untimed) before every run, warm-ups included; the
 * command's output goes to /dev/null. Output, one line, tab-separated:
 *   median_ms  min_ms  max_ms  maxrss_kib  failed_runs  last_nonzero_rc */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct run {
    double ms;
    long rss_kib;
    int rc; /* exit status, or 128 + signal */
};

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int prepare(const char *sh)
{
    if (!sh)
        return 0;
    int st = system(sh);
    return st == 0 ? 0 : -1;
}

/* One timed run; -1 when fork itself fails. */
static int run_once(char **cmd, const char *dir, struct run *r)
{
    double t0 = now_ms();
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        if (null >= 0) {
            dup2(null, 0);
            dup2(null, 1);
            dup2(null, 2);
        }
        if (dir && chdir(dir) != 0)
            _exit(126);
        execvp(cmd[0], cmd);
        _exit(127);
    }
    int st = 0;
    struct rusage ru;
    while (wait4(pid, &st, 0, &ru) < 0)
        if (errno != EINTR)
            return -1;
    r->ms = now_ms() - t0;
    r->rss_kib = ru.ru_maxrss; /* Linux: KiB */
    r->rc = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: bench-exec [-n RUNS] [-w WARMUPS] [-p PREPARE] [-C DIR] -- CMD [ARGS...]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    int runs = 10, warmups = 1, opt;
    const char *prep = NULL, *dir = NULL;
    while ((opt = getopt(argc, argv, "+n:w:p:C:")) != -1) {
        switch (opt) {
        case 'n': runs = atoi(optarg); break;
        case 'w': warmups = atoi(optarg); break;
        case 'p': prep = optarg; break;
        case 'C': dir = optarg; break;
        default: usage();
        }
    }
    if (optind >= argc || runs < 1 || runs > 100000 || warmups < 0)
        usage();
    char **cmd = argv + optind;
    double *ms = calloc((size_t)runs, sizeof *ms);
    if (!ms)
        return 1;
    long rss = 0;
    int failed = 0, last_rc = 0;
    for (int i = -warmups; i < runs; i++) {
        struct run r;
        if (prepare(prep) != 0) {
            fprintf(stderr, "bench-exec: prepare step failed: %s\n", prep);
            free(ms);
            return 1;
        }
        if (run_once(cmd, dir, &r) != 0) {
            perror("bench-exec");
            free(ms);
            return 1;
        }
        if (r.rc != 0) {
            failed += i >= 0;
            last_rc = r.rc;
        }
        if (i < 0)
            continue; /* warm-up: page cache, not counted */
        ms[i] = r.ms;
        if (r.rss_kib > rss)
            rss = r.rss_kib;
    }
    qsort(ms, (size_t)runs, sizeof *ms, cmp_double);
    double med = runs % 2 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
    printf("%.3f\t%.3f\t%.3f\t%ld\t%d\t%d\n", med, ms[0], ms[runs - 1], rss, failed, last_rc);
    free(ms);
    return 0;
}
