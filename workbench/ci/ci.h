/* wizard-ci: runs ampli-wizard against the example apps and proves, level by level, that
 * the set-up app is right (static), builds (build) and sends its first event (runtime).
 * One forked job per app; each job works in its own temp copy with its own stand-in. */
#ifndef WIZ_CI_H
#define WIZ_CI_H

#include "wiz.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

enum ci_level { CI_STATIC = 0, CI_BUILD, CI_RUNTIME, CI_NLEVELS };
enum ci_status { CI_NOTRUN = 0, CI_PASS, CI_FAIL, CI_SKIP };

#define CI_MAX_SEL 64

/* Parsed command line; strings borrowed from argv. */
struct ci_opts {
    const char *sel[CI_MAX_SEL];
    int nsel;
    bool list, keep, help, version;
    bool allow_skip; /* a level that cannot run here is a skip, not a failure */
    int jobs;
    int shard_k, shard_n; /* 0/0: no sharding */
    enum ci_level level;
    const char *junit, *json, *wizard, *apps_dir, *tools_dir;
};

/* Where everything lives; owned strings, freed by ci_paths_free. */
struct ci_paths {
    char *wizard, *standin, *browser, *python_check, *pyamp, *apps_dir, *cache, *tmp;
    char *tools_bin; /* pinned pnpm/yarn (scripts/install-deps runtime), first on the jobs' PATH; may be NULL */
};

/* The outcome of one level of one app. Owned strings. */
struct ci_result {
    enum ci_status status;
    double seconds;
    char *step;    /* the failing (or skip-deciding) step */
    char *message; /* one line */
    char *tail;    /* the failing step's log tail, may be NULL */
    char *log;     /* that log's file name */
};

struct ci_app {
    char *id;  /* "next-js/15-app-router-todo" */
    char *src; /* absolute path of the app's source */
    struct ci_result lv[CI_NLEVELS];
    double seconds;
    char *work; /* the job's temp dir */
    pid_t pid;
    double started;
    bool running, done;
};

struct ci_apps {
    struct ci_app *v;
    size_t n;
};

/* options.c */
/* Returns WIZ_EUSAGE with the message on ctx for bad arguments. */
enum wiz_rc ci_opts_parse(struct wiz_ctx *ctx, struct ci_opts *o, int argc, char **argv);
void ci_print_help(FILE *f);
/* static: "static" / "build" / "runtime" */
const char *ci_level_name(enum ci_level l);

/* paths.c */
enum wiz_rc ci_paths_init(struct wiz_ctx *ctx, struct ci_paths *p, const struct ci_opts *o, const char *argv0);
void ci_paths_free(struct ci_paths *p);

/* apps.c */
/* Finds every <dir>/<app>/.wizard-ci/expect.json under root, sorted by id. out: ci_apps_free */
enum wiz_rc ci_apps_discover(struct wiz_ctx *ctx, const char *root, struct ci_apps *out);
/* Keeps the apps the selection names (all | dir | dir/app); unknown names are a usage error. */
enum wiz_rc ci_apps_select(struct wiz_ctx *ctx, struct ci_apps *apps, const char *const *sel, int nsel);
/* Keeps every n-th app starting at k-1 (apps sorted by id: a stable split). */
void ci_apps_shard(struct ci_apps *apps, int k, int n);
void ci_apps_free(struct ci_apps *apps);
void ci_result_clear(struct ci_result *r);

/* sched.c: runs every app (up to jobs at once), printing as they finish. */
void ci_schedule(const struct ci_paths *p, const struct ci_opts *o, struct ci_apps *apps, const char *run_dir);

/* job.c: the forked child's work for one app; writes <work>/result.json. */
void ci_job_main(const struct ci_paths *p, const struct ci_opts *o, const struct ci_app *app);
/* Reads <app->work>/result.json into app->lv (a missing file is a harness failure). */
void ci_job_collect(struct ci_app *app, int wstatus);

/* report.c */
void ci_print_app(FILE *f, const struct ci_app *app, enum ci_level upto, bool colour);
/* counts per app: failed if any level failed, else skipped if a level was skipped */
void ci_count(const struct ci_apps *apps, int *pass, int *fail, int *skip);
enum wiz_rc ci_write_json(struct wiz_ctx *ctx, const char *path, const struct ci_apps *apps, enum ci_level upto, double secs);
enum wiz_rc ci_write_junit(struct wiz_ctx *ctx, const char *path, const struct ci_apps *apps, enum ci_level upto, double secs);

/* proc.c: SIGINT/SIGTERM/SIGHUP in a job kill the process groups it started, then the job. */
void ci_proc_install_signals(void);

/* util */
double ci_now(void);
/* returns owned string (file contents, NUL-terminated) or NULL: free() */
char *ci_read_file(const char *path, size_t *len);
enum wiz_rc ci_write_file(struct wiz_ctx *ctx, const char *path, const char *data, size_t len);
/* rm -rf; best effort */
void ci_rm_tree(const char *path);

#endif
