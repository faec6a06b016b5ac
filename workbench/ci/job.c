/* One app's job, run in a forked child: its temp dirs and environment, the levels in
 * order, and the result file the scheduler reads back. */
#include "job.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

void ci_step(struct ci_job *j, const char *name)
{
    snprintf(j->step, sizeof j->step, "%s", name);
}

char *ci_job_log(struct ci_job *j, const char *label)
{
    const char *base = strrchr(label, '/');
    return wiz_asprintf("%s/%02d-%s-%s.log", j->logs, ++j->nlog, j->step, base ? base + 1 : label);
}

enum wiz_rc ci_job_run(struct ci_job *j, const char *const *argv, const struct ci_env *env, int timeout_s,
                       int *exit_out)
{
    char *log = ci_job_log(j, argv[0]);
    if (!log)
        return wiz_fail(&j->ctx, WIZ_EINTERNAL, "out of memory");
    free(j->last_log);
    j->last_log = log;
    struct ci_cmd c = {.argv = argv, .cwd = j->app, .env = env ? env : &j->env, .log = log, .timeout_s = timeout_s};
    return ci_run(&j->ctx, &c, exit_out);
}

static enum wiz_rc mkdirs(struct ci_job *j)
{
    const char *dirs[] = {j->work, j->home, j->logs};
    for (int i = 0; i < 3; i++)
        if (mkdir(dirs[i], 0700) != 0 && errno != EEXIST)
            return wiz_fail_errno(&j->ctx, WIZ_EIO, "cannot create %s", dirs[i]);
    return WIZ_OK;
}

/* The job's base environment: a fresh HOME and credential file, git identity, shared
 * package caches, no inherited wizard settings that would change the run. */
static enum wiz_rc make_env(struct ci_job *j)
{
    struct ci_env *e = &j->env;
    const char *real_home = getenv("HOME");
    char *npmrc = real_home ? wiz_asprintf("%s/.npmrc", real_home) : NULL;
    char *cfg = wiz_asprintf("%s/.ampli.json", j->home);
    char *npm = wiz_asprintf("%s/npm", j->paths->cache), *yarn = wiz_asprintf("%s/yarn", j->paths->cache);
    enum wiz_rc rc = (cfg && npm && yarn) ? ci_env_from_environ(e) : WIZ_EINTERNAL;
    const char *unset[] = {"AMPLITUDE_WIZARD_API_KEY", "AMPLITUDE_WIZARD_AGENT", "AMPLI_WIZARD_SERVER",
                           "GIT_DIR", "GIT_WORK_TREE", "NODE_ENV", NULL};
    for (int i = 0; !rc && unset[i]; i++)
        ci_env_unset(e, unset[i]);
    const char *set[][2] = {
        {"HOME", j->home}, {"AMPLI_WIZARD_CONFIG", cfg}, {"BROWSER", j->paths->browser},
        {"NO_COLOR", "1"}, {"GIT_AUTHOR_NAME", "Wizard CI"}, {"GIT_AUTHOR_EMAIL", "wizard-ci@example.com"},
        {"GIT_COMMITTER_NAME", "Wizard CI"}, {"GIT_COMMITTER_EMAIL", "wizard-ci@example.com"},
        {"GIT_CONFIG_NOSYSTEM", "1"}, {"npm_config_cache", npm},
        {"YARN_CACHE_FOLDER", yarn}, {"npm_config_update_notifier", "false"}, {"npm_config_fund", "false"},
        {"npm_config_audit", "false"}, {"NEXT_TELEMETRY_DISABLED", "1"}, {"PYTHONDONTWRITEBYTECODE", "1"},
        /* setup changed package.json, so a berry lockfile must be allowed to change too */
        {"YARN_ENABLE_IMMUTABLE_INSTALLS", "false"}, {"YARN_ENABLE_TELEMETRY", "0"},
        {NULL, NULL}};
    for (int i = 0; !rc && set[i][0]; i++)
        rc = ci_env_set(e, set[i][0], set[i][1]);
    /* the pinned package managers first: the apps build with the versions CI pins; an app
     * whose framework needs a newer Node.js line ("node": "22") gets the pinned one from
     * tools/node22/bin before them */
    const char *path = getenv("PATH");
    char *newpath = j->paths->tools_bin ? wiz_asprintf("%s:%s", j->paths->tools_bin, path && path[0] ? path : "/usr/bin:/bin")
                                        : NULL;
    const char *node = json_string_value(ci_exp_get(j, "node"));
    if (!rc && newpath && node) {
        char *dir = wiz_asprintf("%s/../node%s/bin", j->paths->tools_bin, node);
        char *bin = dir ? wiz_asprintf("%s/node", dir) : NULL;
        if (!bin || strspn(node, "0123456789") != strlen(node) || access(bin, X_OK) != 0) {
            free(dir), free(bin), free(newpath), free(npmrc), free(cfg), free(npm), free(yarn);
            return wiz_fail(&j->ctx, WIZ_ENOTFOUND, "the app needs Node.js %s: %s/../node%s/bin/node is not installed "
                            "(scripts/install-deps runtime)", node, j->paths->tools_bin, node);
        }
        char *p2 = wiz_asprintf("%s:%s", dir, newpath);
        free(dir), free(bin), free(newpath);
        newpath = p2;
    }
    if (!rc && newpath)
        rc = ci_env_set(e, "PATH", newpath);
    free(newpath);
    /* the developer's npm settings (registry mirror, proxy) still apply under the fresh HOME */
    if (!rc && npmrc && access(npmrc, R_OK) == 0 && !getenv("npm_config_userconfig"))
        rc = ci_env_set(e, "npm_config_userconfig", npmrc);
    free(npmrc), free(cfg), free(npm), free(yarn);
    return rc ? wiz_fail(&j->ctx, rc, "out of memory") : WIZ_OK;
}

static enum wiz_rc prepare(struct ci_job *j, const struct ci_app *app)
{
    ci_step(j, "prepare");
    j->work = wiz_strdup(app->work);
    if (!j->work)
        return wiz_fail(&j->ctx, WIZ_EINTERNAL, "out of memory");
    j->app = wiz_asprintf("%s/app", j->work);
    j->home = wiz_asprintf("%s/home", j->work);
    j->logs = wiz_asprintf("%s/logs", j->work);
    if (!j->app || !j->home || !j->logs)
        return wiz_fail(&j->ctx, WIZ_EINTERNAL, "out of memory");
    enum wiz_rc rc = mkdirs(j);
    if (rc)
        return rc;
    char *ex = wiz_asprintf("%s/.wizard-ci/expect.json", j->src);
    json_error_t err = {0};
    j->expect = ex ? json_load_file(ex, 0, &err) : NULL;
    if (!j->expect)
        rc = wiz_fail(&j->ctx, WIZ_ERR, "%s: %s (line %d)", ex ? ex : "expect.json", err.text, err.line);
    else if (!json_is_object(j->expect))
        rc = wiz_fail(&j->ctx, WIZ_ERR, "%s: not a JSON object", ex);
    else
        rc = ci_expect_check(&j->ctx, ex, j->expect);
    free(ex);
    return rc ? rc : make_env(j);
}

static void set_result(struct ci_job *j, json_t *levels, enum ci_status st, double secs)
{
    static const char *const names[] = {"notrun", "pass", "fail", "skip"};
    json_t *o = json_pack("{s:s, s:f}", "status", names[st], "seconds", secs);
    if (st == CI_FAIL || st == CI_SKIP) {
        json_object_set_new(o, "step", json_string(j->step));
        json_object_set_new(o, "message", json_string(wiz_errmsg(&j->ctx)));
    }
    if (st == CI_FAIL) {
        char *tail = ci_tail(j->last_log, 30);
        if (tail) {
            json_object_set_new(o, "tail", json_string(tail));
            json_object_set_new(o, "log", json_string(strrchr(j->last_log, '/') + 1));
        }
        free(tail);
    }
    json_array_append_new(levels, o);
}

static void job_free(struct ci_job *j)
{
    if (j->standin_pid)
        ci_standin_stop(j);
    json_decref(j->expect);
    ci_env_free(&j->env);
    ci_manifest_free(&j->before);
    ci_manifest_free(&j->after);
    free(j->work), free(j->app), free(j->home), free(j->logs);
    free(j->standin_url), free(j->api_key), free(j->last_log);
}

void ci_job_main(const struct ci_paths *p, const struct ci_opts *o, const struct ci_app *app)
{
    struct ci_job j;
    memset(&j, 0, sizeof j);
    wiz_ctx_init(&j.ctx);
    j.paths = p, j.opts = o, j.id = app->id, j.src = app->src;
    enum wiz_rc (*const levels[])(struct ci_job *) = {ci_level_static, ci_level_build, ci_level_runtime};
    json_t *out = json_array();
    double t0 = ci_now();
    enum wiz_rc rc = prepare(&j, app);
    bool skip_rest = false;
    for (int l = 0; l <= (int)o->level && l < (int)(sizeof levels / sizeof *levels); l++) {
        if (skip_rest) { /* a level stands on the one below it */
            wiz_fail(&j.ctx, WIZ_ENOTFOUND, "the %s level was skipped", ci_level_name((enum ci_level)(l - 1)));
            set_result(&j, out, CI_SKIP, 0);
            continue;
        }
        if (!rc) /* a failed prepare counts as the static level's failure */
            rc = levels[l](&j);
        if (rc == WIZ_ENOTFOUND && !o->allow_skip) {
            /* a check that cannot run here is a failure unless the caller said otherwise */
            char *why = wiz_asprintf("cannot run here: %s (pass --allow-skip to count it as a skip)", wiz_errmsg(&j.ctx));
            if (why)
                wiz_fail(&j.ctx, WIZ_ENOTFOUND, "%s", why);
            free(why);
            free(j.last_log); /* nothing ran: no log tail to show */
            j.last_log = NULL;
            set_result(&j, out, CI_FAIL, ci_now() - t0);
            break;
        } else if (rc == WIZ_ENOTFOUND) {
            set_result(&j, out, CI_SKIP, ci_now() - t0);
            rc = WIZ_OK;
            skip_rest = true;
        } else if (rc) {
            set_result(&j, out, CI_FAIL, ci_now() - t0);
            break;
        } else {
            set_result(&j, out, CI_PASS, ci_now() - t0);
        }
        t0 = ci_now();
    }
    char *path = wiz_asprintf("%s/result.json", app->work);
    if (path)
        json_dump_file(out, path, JSON_COMPACT);
    free(path);
    json_decref(out);
    job_free(&j);
}

static enum ci_status parse_status(const char *s)
{
    if (!s)
        return CI_NOTRUN;
    return !strcmp(s, "pass") ? CI_PASS : !strcmp(s, "fail") ? CI_FAIL : !strcmp(s, "skip") ? CI_SKIP : CI_NOTRUN;
}

static char *dup_field(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? wiz_strdup(s) : NULL;
}

void ci_job_collect(struct ci_app *app, int wstatus)
{
    char *path = wiz_asprintf("%s/result.json", app->work);
    json_t *doc = path ? json_load_file(path, 0, NULL) : NULL, *o;
    free(path);
    size_t i;
    app->seconds = 0;
    json_array_foreach(doc, i, o) {
        if (i >= CI_NLEVELS)
            break;
        struct ci_result *r = &app->lv[i];
        r->status = parse_status(json_string_value(json_object_get(o, "status")));
        r->seconds = json_real_value(json_object_get(o, "seconds"));
        r->step = dup_field(o, "step");
        r->message = dup_field(o, "message");
        r->tail = dup_field(o, "tail");
        r->log = dup_field(o, "log");
        app->seconds += r->seconds;
    }
    bool clean = WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0;
    if (doc && !clean) { /* it reported, then died or exited non-zero: a sanitizer finding, say */
        struct ci_result *r = &app->lv[0];
        ci_result_clear(r);
        r->status = CI_FAIL;
        r->step = wiz_strdup("harness");
        r->message = WIFSIGNALED(wstatus) ? wiz_asprintf("the job was killed by signal %d after it reported", WTERMSIG(wstatus))
                                          : wiz_asprintf("the job exited %d after it reported (see stderr)", WEXITSTATUS(wstatus));
    }
    if (!doc) {
        struct ci_result *r = &app->lv[0];
        r->status = CI_FAIL;
        r->step = wiz_strdup("harness");
        if (WIFSIGNALED(wstatus))
            r->message = wiz_asprintf("the job was killed by signal %d before it reported", WTERMSIG(wstatus));
        else
            r->message = wiz_asprintf("the job exited %d without a result", WEXITSTATUS(wstatus));
    }
    json_decref(doc);
}
