/* The build level: dependencies installed with the app's own package manager (shared
 * caches under the build dir), the app's build, and a type check; Python apps compile and
 * pass their own tests. The stand-in's ingestion URL is in the environment throughout,
 * since Next.js and Vite inline public variables at build time. */
#include "job.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define INSTALL_TIMEOUT 900
#define BUILD_TIMEOUT 900

const char *ci_python(void)
{
    const char *p = getenv("PYTHON"); /* as python-check: Debian's interpreter has the frameworks */
    return p && p[0] ? p : "/usr/bin/python3";
}

enum wiz_rc ci_app_env(struct ci_job *j, struct ci_env *out)
{
    enum wiz_rc rc = ci_env_copy(out, &j->env);
    const char *var = ci_exp_str(j, "server_url_var");
    char *url = wiz_asprintf("%s/2/httpapi", j->standin_url);
    if (!rc && url && var)
        rc = ci_env_set(out, var, url);
    const char *lang = ci_exp_str(j, "language");
    if (!rc && lang && !strcmp(lang, "python")) {
        const char *old = getenv("PYTHONPATH");
        char *pp = old && old[0] ? wiz_asprintf("%s:%s", j->paths->pyamp, old) : wiz_strdup(j->paths->pyamp);
        rc = pp ? ci_env_set(out, "PYTHONPATH", pp) : WIZ_EINTERNAL;
        free(pp);
        /* nothing from the app's env file: the app loads it, as started by its owner */
    }
    free(url);
    return rc ? wiz_fail(&j->ctx, WIZ_EINTERNAL, "out of memory") : WIZ_OK;
}

static enum wiz_rc run_expect_cmd(struct ci_job *j, const char *field, const char *const *fallback,
                                  const struct ci_env *env, int timeout)
{
    char **argv = ci_exp_argv(j, field, NULL);
    const char *const *use = argv ? (const char *const *)argv : fallback;
    if (!use) {
        ci_argv_free(argv);
        return WIZ_OK;
    }
    const char *v[32];
    int n = 0;
    for (; use[n] && n < 31; n++)
        v[n] = use[n];
    v[n] = NULL;
    if (v[0] && !strcmp(v[0], "python3"))
        v[0] = ci_python();
    enum wiz_rc rc = ci_job_run(j, v, env, timeout, NULL);
    ci_argv_free(argv);
    return rc;
}

static enum wiz_rc python_build(struct ci_job *j, const struct ci_env *env)
{
    if (access(ci_python(), X_OK) != 0)
        return wiz_fail(&j->ctx, WIZ_ENOTFOUND, "%s not found (scripts/install-deps runtime)", ci_python());
    if (!j->paths->pyamp)
        return wiz_fail(&j->ctx, WIZ_ENOTFOUND, "workbench/python-amplitude not found");
    static const char *const compile[] = {"python3", "-m", "compileall", "-q", ".", NULL};
    ci_step(j, "compile");
    enum wiz_rc rc = run_expect_cmd(j, "compile", compile, env, BUILD_TIMEOUT);
    if (!rc)
        ci_step(j, "test"), rc = run_expect_cmd(j, "test", NULL, env, BUILD_TIMEOUT);
    return rc;
}

const char *ci_pm(const struct ci_job *j)
{
    const char *pm = ci_exp_str(j, "package_manager");
    pm = pm ? pm : "npm";
    if (strcmp(pm, "yarn"))
        return pm;
    /* a berry lockfile starts with a __metadata block; classic's says "yarn lockfile v1" */
    char *path = wiz_asprintf("%s/yarn.lock", j->app);
    char *lock = path ? ci_read_file(path, NULL) : NULL;
    bool berry = lock && strstr(lock, "\n__metadata:");
    free(path), free(lock);
    return berry ? "yarn-berry" : "yarn";
}

/* returns borrowed script body of package.json's scripts.<name> (in doc), or NULL */
static const char *script(json_t *pkg, const char *name)
{
    return json_string_value(json_object_get(json_object_get(pkg, "scripts"), name));
}

static bool exists(const struct ci_job *j, const char *rel)
{
    char *p = wiz_asprintf("%s/%s", j->app, rel);
    bool ok = p && access(p, F_OK) == 0;
    free(p);
    return ok;
}

static enum wiz_rc type_check(struct ci_job *j, const char *pm, json_t *pkg, const struct ci_env *env)
{
    const char *build = script(pkg, "build");
    if (build && strstr(build, "tsc"))
        return WIZ_OK; /* the build has type-checked already */
    const char *name = script(pkg, "typecheck") ? "typecheck" : script(pkg, "type-check") ? "type-check" : NULL;
    if (name) {
        const char *argv[] = {pm, "run", name, NULL};
        return ci_job_run(j, argv, env, BUILD_TIMEOUT, NULL);
    }
    if (!exists(j, "tsconfig.json") || !exists(j, "node_modules/.bin/tsc"))
        return WIZ_OK;
    const char *argv[] = {"node_modules/.bin/tsc", "--noEmit", "-p", "tsconfig.json", NULL};
    return ci_job_run(j, argv, env, BUILD_TIMEOUT, NULL);
}

static enum wiz_rc node_build(struct ci_job *j, const struct ci_env *env)
{
    ci_step(j, "tools");
    const char *pm = ci_pm(j);
    char *node = ci_which(env, "node"), *pmbin = ci_which(env, pm);
    bool ok = node && pmbin;
    free(node), free(pmbin);
    if (!ok)
        return wiz_fail(&j->ctx, WIZ_ENOTFOUND, "%s not found on PATH or in tools/bin (scripts/install-deps runtime)",
                        node ? pm : "node");
    /* setup added a dependency, so the lockfile is stale: the plain install updates it */
    const char *npm[] = {"npm", "install", "--no-audit", "--no-fund", NULL};
    char *store = wiz_asprintf("--store-dir=%s/pnpm-store", j->paths->cache);
    const char *pnpm[] = {"pnpm", "install", "--no-frozen-lockfile", store, NULL};
    const char *yarn[] = {"yarn", "install", "--non-interactive", "--no-progress", NULL};
    const char *berry[] = {"yarn-berry", "install", NULL};
    const char *const *install = !strcmp(pm, "pnpm")         ? pnpm
                                 : !strcmp(pm, "yarn")       ? yarn
                                 : !strcmp(pm, "yarn-berry") ? berry
                                                             : npm;
    if (!store || (strcmp(pm, "npm") && strcmp(pm, "pnpm") && strcmp(pm, "yarn") && strcmp(pm, "yarn-berry"))) {
        free(store);
        return wiz_fail(&j->ctx, WIZ_ENOTFOUND, "package manager '%s' is not supported by wizard-ci", pm);
    }
    ci_step(j, "install");
    enum wiz_rc rc = ci_job_run(j, install, env, INSTALL_TIMEOUT, NULL);
    free(store);
    char *pkgpath = wiz_asprintf("%s/package.json", j->app);
    json_t *pkg = pkgpath ? json_load_file(pkgpath, 0, NULL) : NULL;
    free(pkgpath);
    if (!rc) {
        ci_step(j, "build");
        char **b = ci_exp_argv(j, "start.build", NULL);
        if (b)
            rc = ci_job_run(j, (const char *const *)b, env, BUILD_TIMEOUT, NULL);
        else if (script(pkg, "build")) {
            const char *argv[] = {pm, "run", "build", NULL};
            rc = ci_job_run(j, argv, env, BUILD_TIMEOUT, NULL);
        }
        ci_argv_free(b);
    }
    if (!rc)
        ci_step(j, "typecheck"), rc = type_check(j, pm, pkg, env);
    json_decref(pkg);
    return rc;
}

enum wiz_rc ci_level_build(struct ci_job *j)
{
    ci_step(j, "build-env");
    struct ci_env env;
    enum wiz_rc rc = ci_app_env(j, &env);
    if (rc)
        return rc;
    const char *lang = ci_exp_str(j, "language");
    rc = lang && !strcmp(lang, "python") ? python_build(j, &env) : node_build(j, &env);
    ci_env_free(&env);
    return rc;
}
