/* The job scheduler: one forked process per app, up to --jobs at once; results printed as
 * apps finish, with a progress line on a terminal. */
#include "ci.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static enum wiz_rc start(const struct ci_paths *p, const struct ci_opts *o, struct ci_app *a, size_t index,
                         const char *run_dir)
{
    char slug[256];
    snprintf(slug, sizeof slug, "%s", a->id);
    for (char *s = slug; *s; s++)
        if (*s == '/')
            *s = '_';
    a->work = wiz_asprintf("%s/%02zu-%s", run_dir, index + 1, slug);
    if (!a->work || mkdir(a->work, 0700) != 0)
        return WIZ_EIO;
    fflush(stdout);
    fflush(stderr);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0)
        return WIZ_EIO;
    if (pid == 0) {
        /* if wizard-ci is killed (a CI timeout), the job hears SIGTERM and stops the servers
         * it started (see ci_proc_install_signals) instead of leaving them running */
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        ci_proc_install_signals();
        if (getppid() != parent)
            _exit(1);
        ci_job_main(p, o, a);
        exit(0); /* not _exit: sanitizers check for leaks at exit (stdio was flushed before fork) */
    }
    a->pid = pid;
    a->started = ci_now();
    a->running = true;
    return WIZ_OK;
}

static void progress(const struct ci_apps *apps, size_t done, double t0)
{
    struct winsize ws;
    int width = ioctl(2, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20 ? ws.ws_col - 1 : 99;
    char line[1024];
    int n = snprintf(line, sizeof line, "[%zu/%zu done, %.0fs] running:", done, apps->n, ci_now() - t0);
    for (size_t i = 0; i < apps->n && n < (int)sizeof line - 1; i++)
        if (apps->v[i].running)
            n += snprintf(line + n, sizeof line - (size_t)n, " %s (%.0fs)", apps->v[i].id, ci_now() - apps->v[i].started);
    if (n > width)
        line[width] = '\0';
    fprintf(stderr, "\r\033[K%s", line);
    fflush(stderr);
}

static void nap(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

void ci_schedule(const struct ci_paths *p, const struct ci_opts *o, struct ci_apps *apps, const char *run_dir)
{
    const char *term = getenv("TERM");
    bool tty = isatty(2) && term && strcmp(term, "dumb") != 0;
    bool colour = isatty(1) && !getenv("NO_COLOR");
    size_t next = 0, running = 0, done = 0;
    double t0 = ci_now(), last_progress = 0;
    while (done < apps->n) {
        while (running < (size_t)o->jobs && next < apps->n) {
            struct ci_app *a = &apps->v[next];
            if (start(p, o, a, next, run_dir) != WIZ_OK) {
                a->lv[0].status = CI_FAIL;
                a->lv[0].step = wiz_strdup("harness");
                a->lv[0].message = wiz_asprintf("cannot start the job: %s", strerror(errno));
                a->done = true;
                done++;
                ci_print_app(stdout, a, o->level, colour);
            } else {
                running++;
            }
            next++;
        }
        int st = 0;
        pid_t pid = waitpid(-1, &st, WNOHANG);
        if (pid <= 0) {
            if (tty && ci_now() - last_progress > 0.5) {
                progress(apps, done, t0);
                last_progress = ci_now();
            }
            nap(pid < 0 && errno == ECHILD ? 0 : 50);
            if (pid < 0 && errno == ECHILD && running == 0 && next >= apps->n)
                break;
            continue;
        }
        for (size_t i = 0; i < apps->n; i++) {
            struct ci_app *a = &apps->v[i];
            if (!a->running || a->pid != pid)
                continue;
            a->running = false;
            a->done = true;
            running--, done++;
            ci_job_collect(a, st);
            if (tty)
                fprintf(stderr, "\r\033[K");
            ci_print_app(stdout, a, o->level, colour);
            if (o->keep)
                printf("      kept: %s\n", a->work);
            else
                ci_rm_tree(a->work);
            fflush(stdout);
            last_progress = 0;
        }
    }
    if (tty)
        fprintf(stderr, "\r\033[K");
}
