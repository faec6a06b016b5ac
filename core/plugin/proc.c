/* Running commands for plugins: by argv (never a shell), in the project directory,
 * output to a log file, the last lines kept for the error message. Also the git
 * questions the env-file rules ask. */
#include "host.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TAIL_MAX 4096
#define RUN_TIMEOUT_S 900 /* a hung install ends; AMPLI_WIZARD_COMMAND_TIMEOUT_S overrides */

/* The one command running (its own process group) and the signal that interrupted the
 * wizard while it ran: a signal handler can keep nothing anywhere else. Ctrl-C reaches
 * the wizard only (the child is not in the terminal's foreground group), which passes it
 * on, waits for the command to end, and says what was left. */
static volatile sig_atomic_t run_stop_sig;
static volatile pid_t run_group;

static void forward_signal(int sig)
{
    run_stop_sig = sig;
    if (run_group > 0)
        kill(-run_group, sig);
}

static long run_timeout_s(void)
{
    const char *v = getenv("AMPLI_WIZARD_COMMAND_TIMEOUT_S");
    char *end;
    long n = v && *v ? strtol(v, &end, 10) : 0;
    return v && *v && !*end && n > 0 ? n : RUN_TIMEOUT_S;
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* git with the project's config unable to run anything: a cloned repository's
 * .git/config may name an fsmonitor, hooks, a pager or helpers that git would start */
static const char *const git_safe[] = {
    "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c", "core.untrackedCache=false",
    "-c", "core.pager=cat", "-c", "core.sshCommand=false", "-c", "core.askPass=", "-c", "credential.helper=",
    "-c", "protocol.allow=never", "-c", "core.gitProxy=", NULL};

/* "git" + git_safe + sub into out (room for 32 + sub). */
static const char *const *git_argv(const char **out, size_t cap, const char *const *sub)
{
    size_t n = 0;
    out[n++] = "git";
    for (size_t i = 0; git_safe[i] && n + 1 < cap; i++)
        out[n++] = git_safe[i];
    for (size_t i = 0; sub[i] && n + 1 < cap; i++)
        out[n++] = sub[i];
    out[n] = NULL;
    return out;
}

enum wiz_rc wiz_run(struct wiz_ctx *ctx, const char *dir, const char *const *argv, const char *log_path,
                    int *status, char **tail)
{
    *status = -1;
    if (tail)
        *tail = NULL;
    /* resolved here, before the child's chdir, from absolute PATH entries only */
    char *exe = wiz_which(argv[0]);
    if (!exe)
        return wiz_fail(ctx, WIZ_ENOTFOUND, "'%s' not found in the absolute directories of PATH", argv[0]);
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        free(exe);
        return wiz_fail_errno(ctx, WIZ_EIO, "pipe");
    }
    pid_t pid = fork();
    if (pid < 0) {
        free(exe);
        close(fds[0]);
        close(fds[1]);
        return wiz_fail_errno(ctx, WIZ_EIO, "fork");
    }
    if (pid == 0) {
        setpgid(0, 0); /* its own group: the terminal's Ctrl-C goes to the wizard, which forwards it */
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0)
            dup2(devnull, 0);
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        if (chdir(dir) != 0)
            _exit(126);
        execv(exe, (char *const *)argv);
        fprintf(stderr, "%s: %s\n", exe, strerror(errno));
        _exit(127);
    }
    free(exe);
    close(fds[1]);
    setpgid(pid, pid); /* also here: whichever of the two runs first */
    struct sigaction fw = {0}, old_int, old_term, old_hup;
    fw.sa_handler = forward_signal;
    sigemptyset(&fw.sa_mask);
    run_stop_sig = 0;
    run_group = pid;
    sigaction(SIGINT, &fw, &old_int);
    sigaction(SIGTERM, &fw, &old_term);
    sigaction(SIGHUP, &fw, &old_hup);
    long long deadline = now_ms() + run_timeout_s() * 1000;
    bool timed_out = false;
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
    /* Stopping (a signal came, or the time ran out): the group gets 5 s to end, then
     * SIGKILL; the loop ends when the command itself has ended, even if something it
     * started in the background still holds the output pipe. */
    bool stopping = false, reaped = false;
    long long stop_by = 0;
    int st = 0;
    for (;;) {
        long long t = now_ms();
        if (!stopping && (run_stop_sig || t >= deadline)) {
            stopping = true;
            timed_out = !run_stop_sig;
            if (timed_out)
                kill(-pid, SIGTERM);
            stop_by = t + 5000;
        }
        if (stopping) {
            if (waitpid(pid, &st, WNOHANG) == pid) {
                reaped = true;
                kill(-pid, SIGKILL); /* what it left running in its group */
                break;
            }
            if (t >= stop_by) {
                kill(-pid, SIGKILL);
                break;
            }
        }
        struct pollfd pf = {fds[0], POLLIN, 0};
        int pr = poll(&pf, 1, stopping ? 100 : 1000);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr == 0) {
            /* quiet for a second and the command has ended: a daemon it left holds the pipe */
            if (!stopping && waitpid(pid, &st, WNOHANG) == pid) {
                reaped = true;
                break;
            }
            continue;
        }
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
    while (!reaped && waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    run_group = 0;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    sigaction(SIGHUP, &old_hup, NULL);
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
    if (run_stop_sig)
        return wiz_fail(ctx, WIZ_ECANCEL, "interrupted (%s) while '%s' ran: it was stopped and has ended",
                        strsignal(run_stop_sig), argv[0]);
    if (timed_out)
        return wiz_fail(ctx, WIZ_EINTEGRATION, "'%s' did not finish within %ld s and was stopped "
                        "(AMPLI_WIZARD_COMMAND_TIMEOUT_S sets the limit)", argv[0], run_timeout_s());
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
    const char *sub[] = {"rev-parse", "--is-inside-work-tree", NULL}, *argv[40];
    return git_status(root, git_argv(argv, 40, sub)) == 0 ? 1 : 0;
}

/* The questions below need no `rev-parse` first: outside a work tree (or with no git)
 * the command itself exits 128 (127), which is the -1 answer. One git process each. */
int wiz_git_tracked(const char *root, const char *rel)
{
    const char *sub[] = {"ls-files", "--error-unmatch", "--", rel, NULL}, *argv[40];
    int st = git_status(root, git_argv(argv, 40, sub));
    return st == 0 ? 1 : st == 1 ? 0 : -1;
}

#define GIT_OUT_MAX (64 * 1024)
#define GIT_IN_MAX (32 * 1024) /* written whole before reading: half a pipe, so no deadlock */

/* Runs git in root with `in` (len inlen) on its stdin and stdout captured (stderr
 * dropped). Exit status or -1. *out: NUL-terminated, free() */
static int git_output(const char *root, const char *const *argv, const char *in, size_t inlen, char **out,
                      size_t *len)
{
    *out = NULL;
    *len = 0;
    int ofd[2], ifd[2];
    char *exe = wiz_which(argv[0]);
    if (!exe || inlen > GIT_IN_MAX || pipe2(ofd, O_CLOEXEC) != 0) {
        free(exe);
        return -1;
    }
    /* stdin is a socket so the write can say MSG_NOSIGNAL: git may exit (not a work
     * tree) before reading, and a pipe would kill us with SIGPIPE */
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ifd) != 0) {
        free(exe);
        close(ofd[0]);
        close(ofd[1]);
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        free(exe);
        close(ofd[0]);
        close(ofd[1]);
        close(ifd[0]);
        close(ifd[1]);
        return -1;
    }
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0)
            dup2(devnull, 2);
        dup2(ifd[0], 0);
        dup2(ofd[1], 1);
        if (chdir(root) != 0)
            _exit(126);
        execv(exe, (char *const *)argv);
        _exit(127);
    }
    free(exe);
    close(ofd[1]);
    close(ifd[0]);
    for (size_t off = 0; off < inlen;) {
        ssize_t w = send(ifd[1], in + off, inlen - off, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break; /* git exited early: its status says why */
        off += (size_t)w;
    }
    close(ifd[1]);
    char *buf = malloc(GIT_OUT_MAX + 1);
    size_t n = 0;
    bool over = false;
    for (;;) {
        char tmp[4096];
        ssize_t r = read(ofd[0], tmp, sizeof tmp);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        if (!buf || n + (size_t)r > GIT_OUT_MAX) {
            over = true; /* keep draining so git does not block on a full pipe */
            continue;
        }
        memcpy(buf + n, tmp, (size_t)r);
        n += (size_t)r;
    }
    close(ofd[0]);
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    if (over || !buf) {
        free(buf);
        return -1;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int wiz_git_ignored_many(const char *root, const char *const *rels, size_t n, bool *ignored)
{
    if (n == 0)
        return 0;
    /* the paths NUL-separated on stdin; -z: the ignored ones come back the same way,
     * as given and unquoted */
    size_t inlen = 0;
    for (size_t i = 0; i < n; i++)
        inlen += strlen(rels[i]) + 1;
    char *in = malloc(inlen ? inlen : 1);
    if (!in)
        return -1;
    for (size_t i = 0, off = 0; i < n; i++) {
        size_t l = strlen(rels[i]) + 1;
        memcpy(in + off, rels[i], l);
        off += l;
    }
    const char *sub[] = {"check-ignore", "--no-index", "--stdin", "-z", NULL}, *argv[40];
    char *out;
    size_t len;
    int st = git_output(root, git_argv(argv, 40, sub), in, inlen, &out, &len);
    free(in);
    if (st != 0 && st != 1) { /* 1: none ignored; 128: not a work tree */
        free(out);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        ignored[i] = false;
        for (size_t off = 0; off < len; off += strlen(out + off) + 1)
            if (strcmp(out + off, rels[i]) == 0)
                ignored[i] = true;
    }
    free(out);
    return 0;
}

int wiz_git_ignored(const char *root, const char *rel)
{
    bool ign;
    if (wiz_git_ignored_many(root, &rel, 1, &ign) != 0)
        return -1;
    return ign ? 1 : 0;
}
