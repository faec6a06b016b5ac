/* The static level: copy, commit, set up through a real OAuth sign-in against the job's
 * stand-in, check the result against expect.json, run setup again (nothing to do), undo
 * (every byte back), and set up once more for the levels above. */
#include "job.h"

#include <glob.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#define WIZARD_TIMEOUT 180

/* Runs the wizard with args + --install-dir <copy>. */
static enum wiz_rc wizard(struct ci_job *j, const char *const *args)
{
    const char *argv[16];
    int n = 0;
    argv[n++] = j->paths->wizard;
    for (int i = 0; args[i] && n < 12; i++)
        argv[n++] = args[i];
    argv[n++] = "--install-dir";
    argv[n++] = j->app;
    argv[n] = NULL;
    return ci_job_run(j, argv, NULL, WIZARD_TIMEOUT, NULL);
}

static enum wiz_rc git_commit(struct ci_job *j)
{
    const char *init[] = {"git", "-c", "init.defaultBranch=main", "init", "-q", ".", NULL};
    const char *add[] = {"git", "add", "-A", NULL};
    const char *commit[] = {"git", "-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m",
                            "the app as in the repository", NULL};
    enum wiz_rc rc = ci_job_run(j, init, NULL, 60, NULL);
    if (!rc)
        rc = ci_job_run(j, add, NULL, 60, NULL);
    return rc ? rc : ci_job_run(j, commit, NULL, 60, NULL);
}

static enum wiz_rc detect(struct ci_job *j)
{
    const char *args[] = {"detect", "--json", NULL};
    enum wiz_rc rc = wizard(j, args);
    if (rc)
        return rc;
    const char *want = ci_exp_str(j, "framework");
    char *out = ci_read_file(j->last_log, NULL);
    char *line = out ? strstr(out, "{\"") : NULL;
    json_t *doc = line ? json_loads(line, JSON_DISABLE_EOF_CHECK, NULL) : NULL;
    const char *got = json_string_value(json_object_get(doc, "framework"));
    if (!got)
        rc = wiz_fail(&j->ctx, WIZ_ERR, "detect --json printed no framework");
    else if (want && strcmp(want, got) != 0)
        rc = wiz_fail(&j->ctx, WIZ_ERR, "detected framework '%s', expect.json says '%s'", got, want);
    json_decref(doc);
    free(out);
    return rc;
}

static bool ports_busy(const struct ci_job *j)
{
    char *log = ci_read_file(j->last_log, NULL);
    bool busy = log && strstr(log, "every port of 127.0.0.1:13222..13232 is in use");
    free(log);
    return busy;
}

/* The wizard's loopback callback has 11 fixed ports: one sign-in at a time across every
 * job and every wizard-ci process (flock: the kernel drops it if we die). */
static enum wiz_rc setup_signed_in(struct ci_job *j)
{
    char *lock = wiz_asprintf("%s/ampli-wizard-ci-login.lock", j->paths->tmp);
    int fd = lock ? open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666) : -1;
    free(lock);
    if (fd >= 0)
        flock(fd, LOCK_EX);
    const char *args[] = {"setup", "--ci", "--skip-install", NULL};
    enum wiz_rc rc = wizard(j, args);
    /* other programs (a login test, a developer's wizard) may hold every port for a moment */
    for (int tries = 0; rc && tries < 60 && ports_busy(j); tries++) {
        sleep(1);
        rc = wizard(j, args);
    }
    if (fd >= 0)
        close(fd);
    return rc;
}

/* The runs the wizard recorded: in the job's own HOME (run records live outside the
 * project, under ~/.amplitude/wizard/runs/<project hash>/undo/<run-id>), one app per job. */
static int count_runs(const struct ci_job *j)
{
    char *pat = wiz_asprintf("%s/.amplitude/wizard/runs/*/undo/*/manifest", j->home);
    glob_t g;
    int n = pat && glob(pat, 0, NULL, &g) == 0 ? (int)g.gl_pathc : 0;
    if (pat && n)
        globfree(&g);
    free(pat);
    return n;
}

/* The tree now must equal want; otherwise the failure names the differences. */
static enum wiz_rc same_tree(struct ci_job *j, const struct ci_manifest *want, const char *what)
{
    struct ci_manifest now = {0};
    enum wiz_rc rc = ci_manifest_take(&j->ctx, j->app, &now);
    char diff[600];
    if (!rc && ci_manifest_diff(want, &now, diff, sizeof diff) > 0)
        rc = wiz_fail(&j->ctx, WIZ_ERR, "%s: %s", what, diff);
    ci_manifest_free(&now);
    return rc;
}

enum wiz_rc ci_level_static(struct ci_job *j)
{
    ci_step(j, "copy");
    enum wiz_rc rc = ci_copy_tree(&j->ctx, j->src, j->app);
    if (!rc)
        ci_step(j, "git"), rc = git_commit(j);
    if (!rc)
        rc = ci_manifest_take(&j->ctx, j->app, &j->before);
    if (!rc)
        ci_step(j, "stand-in"), rc = ci_standin_start(j);
    if (!rc)
        rc = ci_standin_key(j);
    if (!rc)
        rc = ci_env_set(&j->env, "AMPLI_WIZARD_SERVER", j->standin_url);
    if (!rc)
        ci_step(j, "detect"), rc = detect(j);
    if (!rc)
        ci_step(j, "setup"), rc = setup_signed_in(j);
    if (!rc)
        rc = ci_manifest_take(&j->ctx, j->app, &j->after);
    if (!rc)
        ci_step(j, "expect"), rc = ci_check_expect(j);
    if (!rc)
        ci_step(j, "one-init"), rc = ci_check_one_init(j);
    if (!rc)
        ci_step(j, "key-untracked"), rc = ci_check_key_untracked(j);
    if (!rc)
        ci_step(j, "env-ignored"), rc = ci_check_env_ignored(j);
    if (!rc)
        ci_step(j, "build-config"), rc = ci_check_build_config(j);
    if (rc)
        return rc;

    ci_step(j, "second-run");
    int runs = count_runs(j);
    if (runs != 1) /* else the check below would prove nothing */
        return wiz_fail(&j->ctx, WIZ_ERR, "setup left %d run records in the job's HOME, expected 1", runs);
    const char *again[] = {"setup", "--ci", "--skip-install", NULL};
    rc = wizard(j, again);
    if (!rc)
        rc = same_tree(j, &j->after, "a second setup changed files");
    if (!rc && count_runs(j) != runs)
        rc = wiz_fail(&j->ctx, WIZ_ERR, "a second setup recorded a new run (it should plan nothing)");
    if (rc)
        return rc;

    /* the levels above run on the tree this setup produced: keep a full copy of it */
    char *kept = j->opts->level > CI_STATIC ? wiz_asprintf("%s/app-set-up", j->work) : NULL;
    if (kept) {
        ci_step(j, "keep-copy");
        const char *cp[] = {"cp", "-a", j->app, kept, NULL};
        rc = ci_job_run(j, cp, NULL, 120, NULL);
    }

    if (!rc) {
        ci_step(j, "undo");
        const char *undo[] = {"undo", NULL};
        rc = wizard(j, undo);
    }
    if (!rc)
        rc = same_tree(j, &j->before, "undo did not restore the tree");
    if (!rc && kept) {
        free(j->app);
        j->app = kept;
        kept = NULL;
    }
    free(kept);
    return rc;
}
