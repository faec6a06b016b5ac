/* The static checks on the set-up copy: what expect.json promises, one init call, the key
 * in no file git would commit, .env* files ignored, build configuration untouched. */
#include "job.h"

#include <fnmatch.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

static bool listed(json_t *arr, const char *path)
{
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) if (json_string_value(v) && strcmp(json_string_value(v), path) == 0) return true;
    return false;
}

/* returns owned contents of a file of the copy, or NULL: free() */
static char *read_rel(const struct ci_job *j, const char *rel)
{
    char *p = wiz_asprintf("%s/%s", j->app, rel);
    char *s = p ? ci_read_file(p, NULL) : NULL;
    free(p);
    return s;
}

static bool has_dependency(const struct ci_job *j, const char *file, const char *dep)
{
    char *text = read_rel(j, file);
    bool found = false;
    if (text && strcmp(file, "package.json") == 0) {
        json_t *doc = json_loads(text, 0, NULL);
        found = json_object_get(json_object_get(doc, "dependencies"), dep) != NULL;
        json_decref(doc);
    } else if (text) {
        found = strstr(text, dep) != NULL; /* requirements.txt, pyproject.toml: the name is there */
    }
    free(text);
    return found;
}

static enum wiz_rc check_dependency(struct ci_job *j)
{
    const char *file = ci_exp_str(j, "dependency_file");
    file = file ? file : "package.json";
    const char *dep = ci_exp_str(j, "dependency");
    if (!dep)
        return WIZ_OK;
    if (has_dependency(j, file, dep))
        return WIZ_OK;
    size_t i;
    json_t *alt;
    json_array_foreach(ci_exp_get(j, "dependency_alternatives"), i, alt) {
        if (json_string_value(alt) && has_dependency(j, file, json_string_value(alt)))
            return WIZ_OK;
    }
    return wiz_fail(&j->ctx, WIZ_ERR, "%s does not list the dependency %s", file, dep);
}

/* VAR=KEY, VAR="KEY" or VAR='KEY', optionally after "export ". */
static enum wiz_rc check_env(struct ci_job *j)
{
    const char *file = ci_exp_str(j, "env_file"), *var = ci_exp_str(j, "env_var");
    if (!file || !var)
        return WIZ_OK;
    char *text = read_rel(j, file);
    if (!text)
        return wiz_fail(&j->ctx, WIZ_ERR, "the env file %s was not written", file);
    bool ok = false;
    size_t vl = strlen(var), kl = strlen(j->api_key);
    for (char *line = text; line && *line && !ok; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        if (strncmp(line, "export ", 7) == 0)
            line += 7;
        if (strncmp(line, var, vl) != 0 || line[vl] != '=')
            continue;
        const char *v = line + vl + 1;
        char q = (*v == '"' || *v == '\'') ? *v++ : 0;
        ok = strncmp(v, j->api_key, kl) == 0 && (q ? v[kl] == q : (v[kl] == '\n' || v[kl] == '\r' || !v[kl]));
    }
    free(text);
    return ok ? WIZ_OK : wiz_fail(&j->ctx, WIZ_ERR, "%s has no line %s=<the stand-in's key>", file, var);
}

enum wiz_rc ci_check_expect(struct ci_job *j)
{
    enum wiz_rc rc = check_dependency(j);
    if (!rc)
        rc = check_env(j);
    json_t *creates = ci_exp_get(j, "creates"), *changes = ci_exp_get(j, "changes"), *v;
    size_t i;
    json_array_foreach(creates, i, v) {
        const char *p = json_string_value(v);
        if (!rc && p && (ci_manifest_find(&j->before, p) || !ci_manifest_find(&j->after, p)))
            rc = wiz_fail(&j->ctx, WIZ_ERR, "%s should have been created", p);
    }
    json_array_foreach(changes, i, v) {
        const char *p = json_string_value(v);
        const struct ci_mf_entry *a = p ? ci_manifest_find(&j->before, p) : NULL, *b = p ? ci_manifest_find(&j->after, p) : NULL;
        if (!rc && p && (!a || !b || strcmp(a->hash, b->hash) == 0))
            rc = wiz_fail(&j->ctx, WIZ_ERR, "%s should have been changed", p);
    }
    json_array_foreach(ci_exp_get(j, "untouched"), i, v) {
        const char *p = json_string_value(v);
        const struct ci_mf_entry *a = p ? ci_manifest_find(&j->before, p) : NULL, *b = p ? ci_manifest_find(&j->after, p) : NULL;
        if (!rc && p && (!a || !b || strcmp(a->hash, b->hash) != 0))
            rc = wiz_fail(&j->ctx, WIZ_ERR, "%s should be untouched but was %s", p,
                          !a ? "absent before" : !b ? "deleted" : "changed");
    }
    /* nothing beyond what expect.json lists */
    json_t *may = ci_exp_get(j, "may_change");
    for (size_t k = 0; !rc && k < j->after.n; k++) {
        const struct ci_mf_entry *b = &j->after.v[k], *a = ci_manifest_find(&j->before, b->path);
        if ((!a || strcmp(a->hash, b->hash) != 0) && !listed(creates, b->path) && !listed(changes, b->path) &&
            !listed(may, b->path))
            rc = wiz_fail(&j->ctx, WIZ_ERR, "%s was %s but expect.json does not list it", b->path,
                          a ? "changed" : "created");
    }
    for (size_t k = 0; !rc && k < j->before.n; k++)
        if (!ci_manifest_find(&j->after, j->before.v[k].path))
            rc = wiz_fail(&j->ctx, WIZ_ERR, "%s was deleted", j->before.v[k].path);
    return rc;
}

static bool is_source(const char *path)
{
    static const char *const ext[] = {".js", ".jsx", ".ts", ".tsx", ".mjs", ".cjs", ".mts", ".cts",
                                      ".vue", ".svelte", ".astro", ".py", ".html", NULL};
    const char *dot = strrchr(path, '.');
    for (int i = 0; dot && ext[i]; i++)
        if (strcmp(dot, ext[i]) == 0)
            return true;
    return false;
}

static int count_matches(const regex_t *re, const char *text)
{
    int n = 0;
    regmatch_t m;
    int flags = 0;
    while (text && *text && regexec(re, text, 1, &m, flags) == 0) {
        n++;
        text += m.rm_eo > 0 ? m.rm_eo : 1;
        flags = REG_NOTBOL;
    }
    return n;
}

/* SDK init calls in the source files of a manifest; root holds the files. */
static int count_inits(const regex_t *re, const struct ci_manifest *m, const char *root)
{
    int n = 0;
    for (size_t i = 0; i < m->n; i++) {
        if (!is_source(m->v[i].path))
            continue;
        char *p = wiz_asprintf("%s/%s", root, m->v[i].path);
        char *text = p ? ci_read_file(p, NULL) : NULL;
        n += count_matches(re, text);
        free(text);
        free(p);
    }
    return n;
}

enum wiz_rc ci_check_one_init(struct ci_job *j)
{
    const char *pat = ci_exp_str(j, "init_pattern"), *lang = ci_exp_str(j, "language");
    if (!pat) /* the SDKs' init calls: init()/initAll() in JS and TS, Amplitude(...) in Python */
        pat = lang && strcmp(lang, "python") == 0 ? "(^|[^A-Za-z0-9_])Amplitude[[:space:]]*\\("
                                                  : "(^|[^A-Za-z0-9_$])(init|initAll)[[:space:]]*\\(";
    regex_t re;
    if (regcomp(&re, pat, REG_EXTENDED | REG_NEWLINE) != 0)
        return wiz_fail(&j->ctx, WIZ_ERR, "expect.json init_pattern is not a valid extended regex: %s", pat);
    int before = count_inits(&re, &j->before, j->src), after = count_inits(&re, &j->after, j->app);
    regfree(&re);
    if (after - before != 1)
        return wiz_fail(&j->ctx, WIZ_ERR, "setup added %d init call(s) matching /%s/, not exactly one", after - before,
                        pat);
    return WIZ_OK;
}

enum wiz_rc ci_check_key_untracked(struct ci_job *j)
{
    /* tracked files and the untracked ones `git add -A` would take */
    const char *argv[] = {"git", "ls-files", "-co", "--exclude-standard", NULL};
    enum wiz_rc rc = ci_job_run(j, argv, NULL, 60, NULL);
    char *list = rc ? NULL : ci_read_file(j->last_log, NULL);
    if (!rc && !list)
        rc = wiz_fail(&j->ctx, WIZ_EIO, "cannot read the git ls-files output");
    char *save = NULL;
    for (char *p = list ? strtok_r(list, "\n", &save) : NULL; !rc && p; p = strtok_r(NULL, "\n", &save)) {
        char *text = read_rel(j, p);
        if (text && strstr(text, j->api_key))
            rc = wiz_fail(&j->ctx, WIZ_ERR, "the API key is in %s, which git would commit", p);
        free(text);
    }
    free(list);
    return rc;
}

static enum wiz_rc must_be_ignored(struct ci_job *j, const char *path)
{
    const char *argv[] = {"git", "check-ignore", "-q", "--", path, NULL};
    int code = 0;
    enum wiz_rc rc = ci_job_run(j, argv, NULL, 60, &code);
    if (rc && code == 1)
        return wiz_fail(&j->ctx, WIZ_ERR, "%s holds the key but git does not ignore it", path);
    return rc;
}

enum wiz_rc ci_check_env_ignored(struct ci_job *j)
{
    enum wiz_rc rc = WIZ_OK;
    const char *env_file = ci_exp_str(j, "env_file");
    if (env_file)
        rc = must_be_ignored(j, env_file);
    for (size_t i = 0; !rc && i < j->after.n; i++) {
        const char *p = j->after.v[i].path, *base = strrchr(p, '/') ? strrchr(p, '/') + 1 : p;
        if (strncmp(base, ".env", 4) != 0 || (env_file && strcmp(p, env_file) == 0))
            continue;
        char *text = read_rel(j, p);
        if (text && strstr(text, j->api_key))
            rc = must_be_ignored(j, p);
        free(text);
    }
    return rc;
}

enum wiz_rc ci_check_build_config(struct ci_job *j)
{
    static const char *const pats[] = {"next.config.*", "vite.config.*", "vitest.config.*", "webpack.config.*",
                                       "babel.config.*", ".babelrc*", "tsconfig*.json", "jsconfig.json",
                                       "react-router.config.*", "rollup.config.*", "svelte.config.*",
                                       "nuxt.config.*", "vue.config.*", "astro.config.*", "postcss.config.*",
                                       "tailwind.config.*", "turbo.json", "setup.cfg", "setup.py", NULL};
    const struct ci_manifest *ms[] = {&j->before, &j->after};
    /* the framework's one way to do something (Nuxt reads only the runtime config that
     * nuxt.config declares): listed in expect.json, and changed rather than created */
    json_t *allowed = ci_exp_get(j, "config_changes");
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < ms[s]->n; i++) {
            const char *p = ms[s]->v[i].path, *base = strrchr(p, '/') ? strrchr(p, '/') + 1 : p;
            bool cfg = false;
            for (int k = 0; pats[k] && !cfg; k++)
                cfg = fnmatch(pats[k], base, 0) == 0;
            if (!cfg || strstr(p, "node_modules/"))
                continue;
            if (listed(allowed, p) && ci_manifest_find(&j->before, p) && ci_manifest_find(&j->after, p))
                continue;
            const struct ci_mf_entry *a = ci_manifest_find(&j->before, p), *b = ci_manifest_find(&j->after, p);
            if (!a || !b || strcmp(a->hash, b->hash) != 0)
                return wiz_fail(&j->ctx, WIZ_ERR, "build configuration %s was %s", p,
                                !a ? "created" : !b ? "deleted" : "changed");
        }
    return WIZ_OK;
}
