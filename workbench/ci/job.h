/* Inside one app's job (a forked child): the job state, process helpers, the tree
 * manifest, the stand-in client and the three levels. */
#ifndef WIZ_CI_JOB_H
#define WIZ_CI_JOB_H

#include "ci.h"

/* A growable environment block for posix_spawn. */
struct ci_env {
    char **v; /* NULL-terminated, owned */
    size_t n, cap;
};

/* One file of a tree: relative path, sha256 of the content, mode bits. */
struct ci_mf_entry {
    char *path;
    char hash[65];
    unsigned mode;
};
struct ci_manifest {
    struct ci_mf_entry *v;
    size_t n;
};

struct ci_job {
    struct wiz_ctx ctx;
    const struct ci_paths *paths;
    const struct ci_opts *opts;
    const char *id;
    const char *src;
    char *work, *app, *home, *logs;
    json_t *expect;
    struct ci_env env;
    pid_t standin_pid;
    char *standin_url;
    char *api_key;
    int nlog;
    char step[64];  /* the step running now (names a failure) */
    char *last_log; /* log of the last command run */
    struct ci_manifest before, after;
};

/* Names the step that runs next; a failure is reported under it. */
void ci_step(struct ci_job *j, const char *name);

/* env.c */
enum wiz_rc ci_env_from_environ(struct ci_env *e);
enum wiz_rc ci_env_set(struct ci_env *e, const char *name, const char *value);
void ci_env_unset(struct ci_env *e, const char *name);
/* borrowed: the value or NULL */
const char *ci_env_get(const struct ci_env *e, const char *name);
enum wiz_rc ci_env_copy(struct ci_env *dst, const struct ci_env *src);
void ci_env_free(struct ci_env *e);

/* proc.c */
struct ci_cmd {
    const char *const *argv;
    const char *cwd;
    const struct ci_env *env;
    const char *log;  /* stdout+stderr appended here; NULL: /dev/null */
    int timeout_s;    /* 0: none */
};
/* Runs to completion; WIZ_OK on exit 0, else a message naming the command and its exit. *exit_out may be NULL. */
enum wiz_rc ci_run(struct wiz_ctx *ctx, const struct ci_cmd *c, int *exit_out);
/* Starts in the background, in its own process group. */
enum wiz_rc ci_spawn(struct wiz_ctx *ctx, const struct ci_cmd *c, pid_t *pid);
/* Sends sig to the process group, waits up to grace_ms, then SIGKILLs it and reaps pid. */
void ci_stop(pid_t pid, int sig, int grace_ms);
/* true while pid has not exited (reaps it when it has; *status gets its wait status) */
bool ci_alive(pid_t pid, int *status);
/* returns owned string: the last n lines of the file, or NULL: free() */
char *ci_tail(const char *path, int n);
/* returns owned string: the absolute path of prog found on env's PATH (NULL env: ours), or NULL: free() */
char *ci_which(const struct ci_env *env, const char *prog);

/* Job helpers (job.c): run a command in the app copy, its output in a numbered log. */
enum wiz_rc ci_job_run(struct ci_job *j, const char *const *argv, const struct ci_env *env, int timeout_s, int *exit_out);
/* returns owned path of a fresh numbered log file for label: free() */
char *ci_job_log(struct ci_job *j, const char *label);

/* build.c: the app's package manager binary: expect.json's, with "yarn" meaning "yarn-berry"
 * (tools/bin) when the app's yarn.lock is a berry lockfile. Borrowed static string. */
const char *ci_pm(const struct ci_job *j);

/* tree.c */
/* Copies src to dst, skipping dependency and build output folders. */
enum wiz_rc ci_copy_tree(struct wiz_ctx *ctx, const char *src, const char *dst);
/* Hashes every file under root except .git/ and .amplitude/runs/. */
enum wiz_rc ci_manifest_take(struct wiz_ctx *ctx, const char *root, struct ci_manifest *m);
/* borrowed: the entry for path or NULL */
const struct ci_mf_entry *ci_manifest_find(const struct ci_manifest *m, const char *path);
/* Appends to buf (size n) the paths that differ, as "+new ~changed -gone" words; returns the count. */
int ci_manifest_diff(const struct ci_manifest *a, const struct ci_manifest *b, char *buf, size_t n);
void ci_manifest_free(struct ci_manifest *m);

/* standin.c */
enum wiz_rc ci_standin_start(struct ci_job *j);
void ci_standin_stop(struct ci_job *j);
/* Fetches url; *body owned (free()). */
enum wiz_rc ci_http_get(struct wiz_ctx *ctx, const char *url, long *status, char **body);
/* The key the wizard's CI mode picks: the lowest-ranked environment with a key. */
enum wiz_rc ci_standin_key(struct ci_job *j);
/* Forgets the events received so far. */
enum wiz_rc ci_standin_clear_events(struct ci_job *j);
/* Polls the stand-in until an event carrying j->api_key arrives or timeout_s passes. */
enum wiz_rc ci_standin_wait_event(struct ci_job *j, int timeout_s);

/* expect.c: expect.json's schema: an unknown field, a wrong type or a missing required one
 * -> WIZ_ERR naming it (file names the file in the message) */
enum wiz_rc ci_expect_check(struct wiz_ctx *ctx, const char *file, json_t *expect);
/* expect.c: expect.json fields by dotted path */
/* borrowed: a string field or NULL */
const char *ci_exp_str(const struct ci_job *j, const char *path);
/* borrowed: any field or NULL */
json_t *ci_exp_get(const struct ci_job *j, const char *path);
/* returns owned NULL-terminated argv ("$PORT" replaced by port when given), or NULL: ci_argv_free */
char **ci_exp_argv(const struct ci_job *j, const char *path, const char *port);
void ci_argv_free(char **argv);

/* The levels: each returns WIZ_OK (pass), fails the ctx, or returns WIZ_ENOTFOUND with a
 * reason on ctx when the machine cannot run it (skip). */
enum wiz_rc ci_level_static(struct ci_job *j);
enum wiz_rc ci_level_build(struct ci_job *j);
enum wiz_rc ci_level_runtime(struct ci_job *j);

/* build.c: the environment the app builds and runs with (the stand-in's ingestion URL in
 * server_url_var; for Python apps PYTHONPATH with the SDK stand-in and, when the app's
 * convention asks, its env file). out: ci_env_free */
enum wiz_rc ci_app_env(struct ci_job *j, struct ci_env *out);
/* static: the Python interpreter the apps run with ($PYTHON, else /usr/bin/python3) */
const char *ci_python(void);

/* static_checks.c: the checks on the set-up tree */
enum wiz_rc ci_check_expect(struct ci_job *j);
enum wiz_rc ci_check_one_init(struct ci_job *j);
enum wiz_rc ci_check_key_untracked(struct ci_job *j);
enum wiz_rc ci_check_env_ignored(struct ci_job *j);
enum wiz_rc ci_check_build_config(struct ci_job *j);

#endif
