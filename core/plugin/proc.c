/* Running commands for plugins: by argv (never a shell), in the project directory,
 * output to a log file, the last lines kept for the error message. Also the git
 * questions the env-file rules ask. */
#include "host.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define TAIL_MAX 4096

enum wiz_rc wiz_run(struct wiz_ctx *ctx, const char *dir, const char *const *argv, const char *log_path,
                    int *status, char **tail)
{
    *status = -1;
    if (tail)
        *tail = NULL;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0)
        return wiz_fail_errno(ctx, WIZ_EIO, "pipe");
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return wiz_fail_errno(ctx, WIZ_EIO, "fork");
    }
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0)
            dup2(devnull, 0);
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        if (chdir(dir) != 0)
            _exit(126);
        execvp(argv[0], (char *const *)argv);
        fprintf(stderr, "%s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(fds[1]);
    FILE *log = log_path ? fopen(log_path, "a") : NULL;
    if (log) {
        fprintf(log, "$");
        for (const char *const *a = argv; *a; a++)
            fprintf(log, " %s", *a);
        fprintf(log, "\n");
    }
    char ring[TAIL_MAX];
    size_t rn = 0;
    char buf[4096];
    for (;;) {
        ssize_t n = read(fds[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (log)
            fwrite(buf, 1, (size_t)n, log);
        /* keep the last TAIL_MAX bytes */
        if ((size_t)n >= sizeof ring) {
            memcpy(ring, buf + n - sizeof ring, sizeof ring);
            rn = sizeof ring;
        } else {
            if (rn + (size_t)n > sizeof ring) {
                size_t drop = rn + (size_t)n - sizeof ring;
                memmove(ring, ring + drop, rn - drop);
                rn -= drop;
            }
            memcpy(ring + rn, buf, (size_t)n);
            rn += (size_t)n;
        }
    }
    close(fds[0]);
    if (log)
        fclose(log);
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    if (tail) {
        /* last 10 lines */
        size_t start = rn, lines = 0;
        while (start > 0 && lines <= 10)
            if (ring[--start] == '\n' && start + 1 < rn)
                lines++;
        if (lines > 10)
            start++;
        *tail = malloc(rn - start + 1);
        if (*tail) {
            memcpy(*tail, ring + start, rn - start);
            (*tail)[rn - start] = '\0';
        }
    }
    return WIZ_OK;
}

static int git_status(const char *root, const char *const *argv)
{
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    int st;
    if (wiz_run(&ctx, root, argv, NULL, &st, NULL))
        return -1;
    return st;
}

int wiz_git_in_repo(const char *root)
{
    const char *argv[] = {"git", "rev-parse", "--is-inside-work-tree", NULL};
    return git_status(root, argv) == 0 ? 1 : 0;
}

int wiz_git_tracked(const char *root, const char *rel)
{
    if (wiz_git_in_repo(root) != 1)
        return -1;
    const char *argv[] = {"git", "ls-files", "--error-unmatch", "--", rel, NULL};
    return git_status(root, argv) == 0 ? 1 : 0;
}

int wiz_git_ignored(const char *root, const char *rel)
{
    if (wiz_git_in_repo(root) != 1)
        return -1;
    const char *argv[] = {"git", "check-ignore", "-q", "--no-index", "--", rel, NULL};
    int st = git_status(root, argv);
    return st == 0 ? 1 : st == 1 ? 0 : -1;
}
