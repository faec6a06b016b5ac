/* Process helpers: posix_spawn with an argv (never a shell), a cwd, an environment and a
 * log file; every child leads its own process group so a timeout kills all it started. */
#include "job.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/pidfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The background groups alive now. A signal handler must reach them, so this one table is
 * process-wide (each job is its own forked process, so it is never shared between jobs). */
#define CI_MAX_GROUPS 16
static volatile pid_t live_groups[CI_MAX_GROUPS];

static void track(pid_t pid, bool on)
{
    for (int i = 0; i < CI_MAX_GROUPS; i++)
        if (on ? live_groups[i] == 0 : live_groups[i] == pid) {
            live_groups[i] = on ? pid : 0;
            return;
        }
}

static void on_signal(int sig)
{
    for (int i = 0; i < CI_MAX_GROUPS; i++)
        if (live_groups[i] > 0)
            kill(-live_groups[i], SIGKILL);
    signal(sig, SIG_DFL);
    raise(sig);
}

void ci_proc_install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

enum wiz_rc ci_spawn(struct wiz_ctx *ctx, const struct ci_cmd *c, pid_t *pid)
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_init(&at);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, c->log ? c->log : "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    if (c->cwd)
        posix_spawn_file_actions_addchdir_np(&fa, c->cwd);
    sigset_t none, dfl;
    sigemptyset(&none);
    sigemptyset(&dfl);
    sigaddset(&dfl, SIGINT);
    sigaddset(&dfl, SIGTERM);
    sigaddset(&dfl, SIGHUP);
    sigaddset(&dfl, SIGPIPE);
    posix_spawnattr_setsigmask(&at, &none);
    posix_spawnattr_setsigdefault(&at, &dfl);
    posix_spawnattr_setpgroup(&at, 0);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    extern char **environ;
    /* the child's PATH decides (posix_spawnp would search ours): tools/bin comes first there */
    /* a path with a slash is the child's (relative to its cwd, after the chdir) */
    char *exe = strchr(c->argv[0], '/') ? wiz_strdup(c->argv[0]) : ci_which(c->env, c->argv[0]);
    int e = exe ? posix_spawn(pid, exe, &fa, &at, (char *const *)c->argv, c->env ? c->env->v : environ) : ENOENT;
    free(exe);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    if (e != 0) {
        errno = e;
        return wiz_fail_errno(ctx, WIZ_ERR, "cannot start '%s'", c->argv[0]);
    }
    track(*pid, true);
    return WIZ_OK;
}

bool ci_alive(pid_t pid, int *status)
{
    int st = 0;
    pid_t r = waitpid(pid, &st, WNOHANG);
    if (r == 0)
        return true;
    if (status)
        *status = r == pid ? st : 0;
    track(pid, false);
    return false;
}

void ci_stop(pid_t pid, int sig, int grace_ms)
{
    if (pid <= 0)
        return;
    kill(-pid, sig);
    for (int waited = 0; waited < grace_ms; waited += 20) {
        if (!ci_alive(pid, NULL)) {
            kill(-pid, SIGKILL); /* whatever the leader left behind in its group */
            return;
        }
        sleep_ms(20);
    }
    kill(-pid, SIGKILL);
    waitpid(pid, NULL, 0);
    track(pid, false);
}

/* returns owned string: the argv joined by spaces (shortened) for messages: free() */
static char *joined(const char *const *argv)
{
    char buf[256] = "";
    size_t len = 0;
    for (int i = 0; argv[i] && len < sizeof buf - 4; i++) {
        const char *w = argv[i];
        if (i == 0 && strrchr(w, '/')) /* the program's name says enough */
            w = strrchr(w, '/') + 1;
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i ? " " : "", w);
    }
    return wiz_strdup(buf);
}

enum wiz_rc ci_run(struct wiz_ctx *ctx, const struct ci_cmd *c, int *exit_out)
{
    pid_t pid = -1;
    enum wiz_rc rc = ci_spawn(ctx, c, &pid);
    if (rc)
        return rc;
    double deadline = c->timeout_s > 0 ? ci_now() + c->timeout_s : 0;
    int st = 0;
    long nap = 2;
    /* a pidfd wakes us the moment the child exits; without one, naps that grow to 50 ms */
    int pfd = (int)pidfd_open(pid, 0);
    while (ci_alive(pid, &st)) {
        if (pfd >= 0) {
            struct pollfd pf = {.fd = pfd, .events = POLLIN};
            int ms = deadline ? (int)((deadline - ci_now()) * 1000) + 1 : -1;
            if (poll(&pf, 1, deadline && ms < 0 ? 0 : ms) < 0 && errno != EINTR) {
                close(pfd);
                pfd = -1;
            }
            if (!deadline || ci_now() <= deadline)
                continue;
        }
        if (deadline && ci_now() > deadline) {
            ci_stop(pid, SIGTERM, 2000);
            if (pfd >= 0)
                close(pfd);
            char *cmd = joined(c->argv);
            rc = wiz_fail(ctx, WIZ_ERR, "'%s' timed out after %d s", cmd ? cmd : c->argv[0], c->timeout_s);
            free(cmd);
            return rc;
        }
        if (pfd < 0) {
            sleep_ms(nap);
            nap = nap < 50 ? nap * 2 : 50;
        }
    }
    if (pfd >= 0)
        close(pfd);
    kill(-pid, SIGKILL); /* daemons a command left in its group */
    int code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
    if (exit_out)
        *exit_out = code;
    if (code == 0)
        return WIZ_OK;
    char *cmd = joined(c->argv);
    if (WIFSIGNALED(st))
        rc = wiz_fail(ctx, WIZ_ERR, "'%s' was killed by signal %d", cmd ? cmd : c->argv[0], WTERMSIG(st));
    else
        rc = wiz_fail(ctx, WIZ_ERR, "'%s' exited %d", cmd ? cmd : c->argv[0], code);
    free(cmd);
    return rc;
}

char *ci_tail(const char *path, int n)
{
    size_t len = 0;
    char *s = path ? ci_read_file(path, &len) : NULL;
    if (!s)
        return NULL;
    while (len && s[len - 1] == '\n')
        s[--len] = '\0';
    size_t i = len;
    int lines = 0;
    while (i > 0) {
        if (s[i - 1] == '\n' && ++lines == n)
            break;
        i--;
    }
    char *t = wiz_strdup(s + i);
    free(s);
    return t;
}

char *ci_which(const struct ci_env *env, const char *prog)
{
    if (strchr(prog, '/')) /* a path of the caller's (relative ones are the child's: see ci_spawn) */
        return access(prog, X_OK) == 0 ? wiz_strdup(prog) : NULL;
    return wiz_which_in(env ? ci_env_get(env, "PATH") : getenv("PATH"), prog);
}
