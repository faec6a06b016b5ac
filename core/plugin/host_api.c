/* The host function table: the one door through which plugins (C, and Lua through
 * lua_api.c) reach the project. Every call checks the session is live and in the right phase. */
#include "host.h"
#include "../ui/ui.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum wiz_rc wiz_plugin_rc(int prc)
{
    switch (prc) {
    case WIZ_PLUGIN_OK: return WIZ_OK;
    case WIZ_PLUGIN_EREFUSED: return WIZ_EWRITE;
    case WIZ_PLUGIN_EINPUT: return WIZ_EINPUT;
    case WIZ_PLUGIN_ECANCEL: return WIZ_ECANCEL;
    case WIZ_PLUGIN_ENOMEM: return WIZ_EINTERNAL;
    default: return WIZ_EINTEGRATION;
    }
}

static int from_rc(enum wiz_rc rc)
{
    switch (rc) {
    case WIZ_OK: return WIZ_PLUGIN_OK;
    case WIZ_ENOTFOUND: return WIZ_PLUGIN_ENOTFOUND;
    case WIZ_EWRITE: return WIZ_PLUGIN_EREFUSED;
    case WIZ_EINPUT: return WIZ_PLUGIN_EINPUT;
    case WIZ_ECANCEL: return WIZ_PLUGIN_ECANCEL;
    case WIZ_EINTERNAL: return WIZ_PLUGIN_ENOMEM;
    case WIZ_EUSAGE: return WIZ_PLUGIN_EINVAL;
    default: return WIZ_PLUGIN_ERR;
    }
}

static int vfail(wiz_session *s, int prc, const char *fmt, va_list ap)
{
    s->err = prc;
    vsnprintf(s->errmsg, sizeof s->errmsg, fmt, ap);
    return prc;
}

int(wiz_session_fail)(wiz_session *s, int prc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(s, prc, fmt, ap);
    va_end(ap);
    return prc;
}

/* A session pointer kept past its call, or used in the wrong phase, is refused. */
bool wiz_session_live(wiz_session *s)
{
    return s && s->magic == WIZ_SESSION_MAGIC && s->phase != WIZ_PHASE_ENDED;
}

static int ctx_fail(wiz_session *s, struct wiz_ctx *ctx, enum wiz_rc rc)
{
    return wiz_session_fail(s, from_rc(rc), "%s", wiz_errmsg(ctx));
}

/* --debug: each host call a plugin makes, with its paths and names (never a value it
 * writes: keys go through plan_env); only after live() said the session is one of ours */
void wiz_session_trace(wiz_session *s, const char *fmt, ...)
{
    if (!s->app->ctx.debug && !s->app->ctx.log)
        return;
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    wiz_debug(&s->app->ctx, "host: [%s%s] %s", s->plugin ? s->plugin->name : "?", s->rehearsal ? ", rehearsal" : "",
              buf);
}

static int h_set_error(wiz_session *s, int rc, const char *fmt, ...)
{
    if (!wiz_session_live(s))
        return rc;
    va_list ap;
    va_start(ap, fmt);
    vfail(s, rc ? rc : WIZ_PLUGIN_ERR, fmt, ap);
    va_end(ap);
    return rc;
}

static void h_log(wiz_session *s, int level, const char *fmt, ...)
{
    if (!wiz_session_live(s) || (s->rehearsal && level > 0)) /* the rehearsal keeps only errors */
        return;
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    wiz_log(&s->app->ctx, level < 0 ? 0 : level > 3 ? 3 : level, "[%s] %s", s->plugin->name, buf);
}

static void h_progress(wiz_session *s, const char *fmt, ...)
{
    if (!wiz_session_live(s) || s->rehearsal)
        return;
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    wiz_ui_status(s->app, "%s", buf);
}

static int h_ask(wiz_session *s, const char *question, const char *def, char **out)
{
    *out = NULL;
    if (!wiz_session_live(s) || s->phase == WIZ_PHASE_DETECT)
        return wiz_session_fail(s, WIZ_PLUGIN_EREFUSED, "ask is not allowed during detect");
    if (s->rehearsal) { /* asked for real in the plan after sign-in */
        s->rehearsal_guessed = true;
        *out = wiz_strdup(def ? def : "");
        return *out ? WIZ_PLUGIN_OK : WIZ_PLUGIN_ENOMEM;
    }
    enum wiz_ui_mode m = wiz_ui_mode_pick(&s->app->opts);
    if (m == WIZ_UI_CI || m == WIZ_UI_AGENT) {
        if (!def)
            return wiz_session_fail(s, WIZ_PLUGIN_EINPUT, "%s: an answer is needed and none can be asked in %s mode",
                                    question, wiz_ui_mode_name(m));
        *out = wiz_strdup(def);
        return *out ? WIZ_PLUGIN_OK : WIZ_PLUGIN_ENOMEM;
    }
    char *q = def ? wiz_asprintf("%s [%s]", question, def) : wiz_strdup(question);
    char *ans = NULL;
    struct wiz_ctx saved = s->app->ctx;
    enum wiz_rc rc = wiz_ui_ask_text(s->app, q ? q : question, NULL, &ans);
    free(q);
    if (rc) {
        int prc = ctx_fail(s, &s->app->ctx, rc);
        s->app->ctx = saved;
        return prc;
    }
    if (!ans[0] && def) {
        free(ans);
        ans = wiz_strdup(def);
    }
    *out = ans;
    return WIZ_PLUGIN_OK;
}

static const char *h_get(wiz_session *s, const char *key)
{
    if (!wiz_session_live(s) || !key)
        return NULL;
    if (strcmp(key, "install_dir") == 0)
        return s->root;
    if (strcmp(key, "framework") == 0)
        return s->framework;
    if (strcmp(key, "package_manager") == 0)
        return s->pkgmgr;
    const struct wiz_session_info *i = s->info;
    if (!i)
        return NULL; /* detect: no Amplitude session yet */
    if (strcmp(key, "api_key") == 0) return i->api_key;
    if (strcmp(key, "zone") == 0) {
        snprintf(s->zone, sizeof s->zone, "%s", wiz_zone_name(i->zone));
        return s->zone;
    }
    if (strcmp(key, "user_id") == 0) return i->user_id;
    if (strcmp(key, "user_email") == 0) return i->user_email;
    if (strcmp(key, "org_id") == 0) return i->org_id;
    if (strcmp(key, "org_name") == 0) return i->org_name;
    if (strcmp(key, "project_id") == 0) return i->project_id;
    if (strcmp(key, "project_name") == 0) return i->project_name;
    if (strcmp(key, "env_name") == 0) return i->env_name;
    if (strcmp(key, "app_id") == 0) return i->app_id;
    if (strcmp(key, "ingest_url") == 0) return i->ingest_url;
    return NULL;
}

static int h_read_file(wiz_session *s, const char *path, char **out, size_t *len)
{
    *out = NULL;
    if (!wiz_session_live(s))
        return WIZ_PLUGIN_EREFUSED;
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    char *abs, *norm;
    enum wiz_rc rc = wiz_pfs_resolve(&ctx, s->root, path, false, &abs, &norm);
    if (rc)
        return ctx_fail(s, &ctx, rc);
    if (s->plan) { /* planned changes are visible to later reads */
        for (size_t i = 0; i < s->plan->n; i++) {
            struct wiz_plan_entry *e = &s->plan->v[i];
            if (strcmp(e->path, norm) == 0 && !e->skip && e->text) {
                free(abs);
                free(norm);
                *out = malloc(e->len + 1);
                if (!*out)
                    return WIZ_PLUGIN_ENOMEM;
                memcpy(*out, e->text, e->len + 1);
                if (len)
                    *len = e->len;
                return WIZ_PLUGIN_OK;
            }
        }
    }
    rc = wiz_pfs_read_abs(&ctx, abs, out, len, NULL);
    free(abs);
    wiz_session_trace(s, "read_file %.200s: %s", norm, rc == WIZ_OK ? "read" : rc == WIZ_ENOTFOUND ? "absent" : "refused");
    if (rc == WIZ_ENOTFOUND)
        wiz_fail(&ctx, rc, "%s: no such file in the project", norm);
    free(norm);
    return rc ? ctx_fail(s, &ctx, rc) : WIZ_PLUGIN_OK;
}

static int h_list_files(wiz_session *s, const char *glob, char ***out)
{
    *out = NULL;
    if (!wiz_session_live(s))
        return WIZ_PLUGIN_EREFUSED;
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    enum wiz_rc rc = wiz_pfs_glob(&ctx, s->root, glob, out);
    size_t n = 0;
    for (char **f = rc ? NULL : *out; f && *f; f++)
        n++;
    wiz_session_trace(s, "list_files %.200s: %zu", glob ? glob : "(null)", n);
    return rc ? ctx_fail(s, &ctx, rc) : WIZ_PLUGIN_OK;
}

static int h_claim(wiz_session *s, const char *id, const char *evidence)
{
    if (!wiz_session_live(s) || s->phase != WIZ_PHASE_DETECT)
        return wiz_session_fail(s, WIZ_PLUGIN_EREFUSED, "claim is only allowed during detect");
    bool serves = false;
    for (char **i = s->plugin->ids; *i; i++)
        serves |= id && strcmp(*i, id) == 0;
    if (!serves)
        return wiz_session_fail(s, WIZ_PLUGIN_EINVAL, "claim: '%s' is not one of this plugin's framework ids",
                                id ? id : "(null)");
    wiz_session_trace(s, "claim %.64s: %.300s", id, evidence ? evidence : "");
    if (s->claim_id)
        return WIZ_PLUGIN_OK; /* the first claim stands */
    s->claim_id = wiz_strdup(id);
    s->claim_evidence = wiz_strdup(evidence ? evidence : "");
    return WIZ_PLUGIN_OK;
}

bool wiz_session_planning(wiz_session *s, const char *what)
{
    if (wiz_session_live(s) && s->phase == WIZ_PHASE_PLAN && s->plan)
        return true;
    if (wiz_session_live(s))
        wiz_session_fail(s, WIZ_PLUGIN_EREFUSED, "%s is only allowed during plan", what);
    return false;
}

/* Package manifests: a package manager runs what they declare (npm's lifecycle scripts,
 * bin links, any dependency), so plugins change them only through plan_dependency. */
static bool is_manifest(const char *path)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    static const char *const names[] = {"package.json", "pyproject.toml", "Pipfile", "setup.cfg", "setup.py",
                                        "package-lock.json", "pnpm-lock.yaml", "yarn.lock", ".npmrc", ".yarnrc",
                                        ".yarnrc.yml", "pnpm-workspace.yaml", "bun.lockb", "bun.lock", NULL};
    for (int i = 0; names[i]; i++)
        if (strcmp(base, names[i]) == 0)
            return true;
    size_t n = strlen(base);
    return strncmp(base, "requirements", 12) == 0 && n > 4 && strcmp(base + n - 4, ".txt") == 0;
}

static struct wiz_plan_entry *raw_entry(wiz_session *s, const char *what, const char *path)
{
    if (path && is_manifest(path)) {
        wiz_session_fail(s, WIZ_PLUGIN_EREFUSED,
                         "%s %s: package manifests change only through plan_dependency: refused", what, path);
        wiz_plan_note_refusal(s);
        return NULL;
    }
    return wiz_plan_entry_for(s, path);
}

static int h_plan_create(wiz_session *s, const char *path, const char *content, const char *why)
{
    if (!wiz_session_planning(s, "plan_create"))
        return WIZ_PLUGIN_EREFUSED;
    wiz_session_trace(s, "plan_create %.200s", path ? path : "(null)");
    struct wiz_plan_entry *e = raw_entry(s, "plan_create", path);
    if (!e)
        return s->err;
    if (e->old && !e->text) /* exists already: create leaves it alone */
        return WIZ_PLUGIN_OK;
    return wiz_plan_set_text(s, e, content ? content : "", strlen(content ? content : ""), why);
}

static int h_plan_replace(wiz_session *s, const char *path, const char *content, const char *why)
{
    if (!wiz_session_planning(s, "plan_replace"))
        return WIZ_PLUGIN_EREFUSED;
    wiz_session_trace(s, "plan_replace %.200s", path ? path : "(null)");
    struct wiz_plan_entry *e = raw_entry(s, "plan_replace", path);
    if (!e)
        return s->err;
    return wiz_plan_set_text(s, e, content ? content : "", strlen(content ? content : ""), why);
}

static int h_plan_skip(wiz_session *s, const char *path, const char *why)
{
    if (!wiz_session_planning(s, "plan_skip"))
        return WIZ_PLUGIN_EREFUSED;
    wiz_session_trace(s, "plan_skip %.200s", path ? path : "(null)");
    struct wiz_plan_entry *e = wiz_plan_entry_for(s, path);
    if (!e)
        return s->err;
    if (!e->text)
        e->skip = true;
    free(e->why);
    e->why = wiz_strdup(why ? why : "skipped");
    return WIZ_PLUGIN_OK;
}

/* Current planned text of e (planned, else the pre-image, else ""). */
static const char *current(const struct wiz_plan_entry *e)
{
    return e->text ? e->text : e->old ? e->old : "";
}

static bool ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcmp(s + a - b, suf) == 0 && (a == b || s[a - b - 1] == '/');
}

static bool is_requirements(const char *path)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    size_t n = strlen(base);
    return strncmp(base, "requirements", 12) == 0 && n > 4 && strcmp(base + n - 4, ".txt") == 0;
}

static int h_plan_dependency(wiz_session *s, const char *manifest, const char *name, const char *spec)
{
    if (!wiz_session_planning(s, "plan_dependency"))
        return WIZ_PLUGIN_EREFUSED;
    wiz_session_trace(s, "plan_dependency %.200s %.100s %.40s", manifest ? manifest : "(null)", name ? name : "(null)",
          spec ? spec : "");
    if (!manifest || !name || !name[0])
        return wiz_session_fail(s, WIZ_PLUGIN_EINVAL, "plan_dependency: manifest and name are required");
    /* Amplitude's packages (and the .env loader its Python integrations use) only, spelled
     * plainly: a spec with a newline or quote would add a line or a field of its own */
    bool ours = strncmp(name, "@amplitude/", 11) == 0 || strcmp(name, "amplitude-analytics") == 0 ||
                strcmp(name, "python-dotenv") == 0;
    if (!ours || strspn(name, "@/abcdefghijklmnopqrstuvwxyz0123456789-_.") != strlen(name) ||
        (spec && strspn(spec, "^~<>=!.,*+ 0123456789abcdefghijklmnopqrstuvwxyz-") != strlen(spec))) {
        wiz_session_fail(s, WIZ_PLUGIN_EREFUSED,
                         "plan_dependency: '%s%s%s' is not an Amplitude package with a plain version: refused", name,
                         spec ? " " : "", spec ? spec : "");
        wiz_plan_note_refusal(s);
        return WIZ_PLUGIN_EREFUSED;
    }
    struct wiz_plan_entry *e = wiz_plan_entry_for(s, manifest);
    if (!e)
        return s->err;
    if (!e->old && !e->text && !is_requirements(e->path))
        return wiz_session_fail(s, WIZ_PLUGIN_ENOTFOUND, "%s: no such file in the project", manifest);
    char *out = NULL;
    int r;
    if (ends_with(e->path, "package.json"))
        r = wiz_edit_package_json(current(e), "dependencies", name, spec, &out);
    else if (ends_with(e->path, "pyproject.toml"))
        r = wiz_edit_pyproject(current(e), name, spec, &out);
    else if (ends_with(e->path, "Pipfile"))
        r = wiz_edit_pipfile(current(e), name, spec, &out);
    else if (is_requirements(e->path))
        r = wiz_edit_requirements(current(e), name, spec, &out);
    else if (ends_with(e->path, "setup.cfg"))
        r = wiz_edit_setup_cfg(current(e), name, spec, &out);
    else if (ends_with(e->path, "setup.py"))
        r = wiz_edit_setup_py(current(e), name, spec, &out);
    else
        return wiz_session_fail(s, WIZ_PLUGIN_EINVAL,
                                "%s: not a manifest the host can edit (package.json, requirements*.txt, "
                                "pyproject.toml, Pipfile, setup.cfg, setup.py)", e->path);
    if (r < 0)
        return wiz_session_fail(s, WIZ_PLUGIN_EINVAL, "%s: cannot add %s (the file does not parse as expected)",
                                e->path, name);
    /* the install command names what was really added (uv add, poetry update, pip install) */
    bool added = strcmp(out, current(e)) != 0;
    char *why = wiz_asprintf("add dependency %s%s%s", name, spec ? " " : "", spec ? spec : "");
    r = wiz_plan_set_text(s, e, out, strlen(out), why);
    free(why);
    free(out);
    if (r || !added)
        return r;
    char **nv = realloc(s->plan->deps, (s->plan->ndeps + 1) * sizeof *nv);
    if (!nv)
        return WIZ_PLUGIN_ENOMEM;
    s->plan->deps = nv;
    nv[s->plan->ndeps] = wiz_asprintf("%s%s", name, spec ? spec : "");
    if (!nv[s->plan->ndeps])
        return WIZ_PLUGIN_ENOMEM;
    s->plan->ndeps++;
    return WIZ_PLUGIN_OK;
}

static int h_plan_env(wiz_session *s, const char *env_file, const char *key, const char *value)
{
    if (!wiz_session_planning(s, "plan_env"))
        return WIZ_PLUGIN_EREFUSED;
    wiz_session_trace(s, "plan_env %.200s %.100s (value not shown)", env_file ? env_file : "(null)", key ? key : "(null)");
    /* CR too: dotenv parsers split lines on it, so "k\rEVIL=1" would set a second variable */
    if (!key || !key[0] || strspn(key, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.") != strlen(key) ||
        !value || strpbrk(value, "\n\r"))
        return wiz_session_fail(s, WIZ_PLUGIN_EINVAL, "plan_env: bad key or value (a line break or an odd character)");
    struct wiz_plan_entry *e = wiz_plan_entry_for(s, env_file);
    if (!e)
        return s->err;
    /* A key must never land in a file git keeps: it would be committed. */
    if (wiz_git_tracked(s->root, e->path) == 1)
        return wiz_session_fail(s, WIZ_PLUGIN_EREFUSED,
                                "%s is tracked by git: refusing to write %s into it (untrack it with "
                                "'git rm --cached %s', or use another env file)", e->path, key, e->path);
    char *out = NULL;
    if (wiz_edit_env(current(e), key, value, &out) < 0)
        return WIZ_PLUGIN_ENOMEM;
    char *why = wiz_asprintf("set %s", key);
    int r = wiz_plan_set_text(s, e, out, strlen(out), why);
    free(why);
    free(out);
    if (r)
        return r;
    return wiz_plan_ignore(s->plan, e->path);
}

int wiz_plan_ignore(struct wiz_plan *plan, const char *rel)
{
    for (size_t i = 0; i < plan->nignore; i++)
        if (strcmp(plan->ignore[i], rel) == 0)
            return WIZ_PLUGIN_OK;
    char **nv = realloc(plan->ignore, (plan->nignore + 1) * sizeof *nv);
    if (!nv)
        return WIZ_PLUGIN_ENOMEM;
    plan->ignore = nv;
    nv[plan->nignore] = wiz_strdup(rel);
    if (!nv[plan->nignore])
        return WIZ_PLUGIN_ENOMEM;
    plan->nignore++;
    return WIZ_PLUGIN_OK;
}

static int h_plan_install(wiz_session *s, const char *manifest)
{
    if (!wiz_session_planning(s, "plan_install"))
        return WIZ_PLUGIN_EREFUSED;
    wiz_session_trace(s, "plan_install %.200s", manifest ? manifest : "(root)");
    char *dir = wiz_strdup("");
    if (manifest && strchr(manifest, '/')) {
        struct wiz_ctx ctx;
        wiz_ctx_init(&ctx);
        char *abs, *norm;
        enum wiz_rc rc = wiz_pfs_resolve(&ctx, s->root, manifest, false, &abs, &norm);
        if (rc) {
            free(dir);
            return ctx_fail(s, &ctx, rc);
        }
        free(abs);
        free(dir);
        char *slash = strrchr(norm, '/');
        if (slash)
            *slash = '\0';
        else
            norm[0] = '\0'; /* "./package.json": the project root */
        dir = norm;
    }
    /* only a manifest this run changes is installed: an install runs the project's own
     * lifecycle scripts, which the plan has not shown */
    bool changed = false;
    for (size_t i = 0; dir && i < s->plan->n && !changed; i++) {
        const struct wiz_plan_entry *e = &s->plan->v[i];
        const char *slash = strrchr(e->path, '/');
        size_t dl = slash ? (size_t)(slash - e->path) : 0;
        changed = is_manifest(e->path) && e->text && dl == strlen(dir) && strncmp(e->path, dir, dl) == 0 &&
                  !(e->old && e->old_len == e->len && memcmp(e->old, e->text, e->len) == 0);
    }
    if (dir && !changed) { /* nothing new to install there: no install, and no error */
        wiz_debug(&s->app->ctx, "plan_install: this run changes no manifest in '%s': no install", dir[0] ? dir : ".");
        free(dir);
        return WIZ_PLUGIN_OK;
    }
    free(s->plan->install_dir);
    s->plan->install_dir = dir;
    s->plan->install = dir != NULL;
    return dir ? WIZ_PLUGIN_OK : WIZ_PLUGIN_ENOMEM;
}

static int h_json_get(wiz_session *s, const char *path, const char *field, char **out)
{
    *out = NULL;
    char *text;
    int r = h_read_file(s, path, &text, NULL);
    if (r)
        return r;
    json_error_t jerr;
    json_t *root = json_loads(text, 0, &jerr);
    free(text);
    if (!root)
        return wiz_session_fail(s, WIZ_PLUGIN_EINVAL, "%s: not JSON (line %d: %s)", path, jerr.line, jerr.text);
    json_t *cur = root;
    const char *p = field ? field : "";
    while (cur && *p) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        char key[256];
        if (n >= sizeof key)
            break;
        memcpy(key, p, n);
        key[n] = '\0';
        cur = json_is_object(cur) ? json_object_get(cur, key) : NULL;
        p += n + (dot ? 1 : 0);
    }
    if (!cur) {
        json_decref(root);
        return wiz_session_fail(s, WIZ_PLUGIN_ENOTFOUND, "%s: no field '%s'", path, field);
    }
    *out = json_is_string(cur) ? wiz_strdup(json_string_value(cur)) : json_dumps(cur, JSON_ENCODE_ANY | JSON_COMPACT);
    json_decref(root);
    return *out ? WIZ_PLUGIN_OK : WIZ_PLUGIN_ENOMEM;
}

/* A regular file there? Confined like a read, but answered by stat: no bytes are read. */
static int h_file_exists(wiz_session *s, const char *path)
{
    if (!wiz_session_live(s))
        return WIZ_PLUGIN_EREFUSED;
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    char *abs = NULL;
    if (wiz_pfs_resolve(&ctx, s->root, path, false, &abs, NULL))
        return ctx.rc == WIZ_EWRITE ? ctx_fail(s, &ctx, ctx.rc) : 0;
    struct stat st;
    int r = stat(abs, &st) == 0 && S_ISREG(st.st_mode) ? 1 : 0;
    free(abs);
    wiz_session_trace(s, "file_exists %.200s: %s", path, r ? "yes" : "no");
    return r;
}

static int h_find_first(wiz_session *s, const char *const *cands, const char **out)
{
    *out = NULL;
    for (; cands && *cands; cands++) {
        int r = h_file_exists(s, *cands);
        if (r == 1) {
            *out = *cands;
            return WIZ_PLUGIN_OK;
        }
    }
    return wiz_session_fail(s, WIZ_PLUGIN_ENOTFOUND, "none of the candidate files exists");
}

static void h_free(void *p)
{
    free(p);
}

static const struct wiz_host_api table = {
    .struct_size = sizeof(struct wiz_host_api),
    .abi_major = WIZ_PLUGIN_ABI_MAJOR,
    .abi_minor = WIZ_PLUGIN_ABI_MINOR,
    .host_version = WIZ_VERSION,
    .set_error = h_set_error,
    .log = h_log,
    .progress = h_progress,
    .ask = h_ask,
    .free = h_free,
    .get = h_get,
    .read_file = h_read_file,
    .list_files = h_list_files,
    .claim = h_claim,
    .plan_create = h_plan_create,
    .plan_replace = h_plan_replace,
    .plan_skip = h_plan_skip,
    .plan_dependency = h_plan_dependency,
    .plan_env = h_plan_env,
    .plan_install = h_plan_install,
    .json_get = h_json_get,
    .find_first = h_find_first,
    .file_exists = h_file_exists,
    .edit_import = wiz_h_edit_import,
    .edit_insert = wiz_h_edit_insert,
    .edit_count_calls = wiz_h_edit_count_calls,
    .edit_head_script = wiz_h_edit_head_script,
    .edit_json_set = wiz_h_edit_json_set,
    .edit_style = wiz_h_edit_style,
    .plan_gitignore = wiz_h_plan_gitignore,
    .plan_next_step = wiz_h_plan_next_step,
};

const struct wiz_host_api *wiz_host_api(void)
{
    return &table;
}
