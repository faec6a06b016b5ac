/* The end of a setup run, told through the UI: file changes and the summary. */
#include "flow_report.h"

#include "../ui/ui.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static bool changed(const struct wiz_plan_entry *e)
{
    if (e->skip || !e->text)
        return false;
    return !(e->old && e->old_len == e->len && memcmp(e->old, e->text, e->len) == 0);
}

void wiz_flow_report_files(struct wiz_app *app, const struct wiz_plan *plan)
{
    for (size_t i = 0; i < plan->n; i++)
        if (changed(&plan->v[i]))
            wiz_ui_file_change(app, plan->v[i].path, plan->v[i].old ? "modify" : "create");
}

void wiz_flow_report_planned(struct wiz_app *app, const struct wiz_plan *plan)
{
    for (size_t i = 0; i < plan->n; i++)
        if (changed(&plan->v[i]))
            wiz_ui_file_planned(app, plan->v[i].path, plan->v[i].old ? "modify" : "create");
}

void wiz_flow_report_context(struct wiz_app *app, const struct wiz_session_info *info)
{
    if (!info)
        return;
    struct wiz_ui_scope sc = {wiz_zone_name(info->zone), info->org_id, info->org_name, info->project_id,
                              info->project_name, info->app_id, info->env_name, info->app_source};
    wiz_ui_setup_context(app, &sc);
}

/* The value of NAME=... on the line at p of an env file, or NULL; *n: the name's length. */
static const char *env_line(const char *p, const char *end, size_t *n)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (end - p > 7 && strncmp(p, "export ", 7) == 0)
        p += 7;
    const char *name = p;
    while (p < end && (*p == '_' || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
        p++;
    *n = (size_t)(p - name);
    return *n && p < end && *p == '=' ? name : NULL;
}

/* The whole line of variable name[0, n) in text, or NULL. */
static const char *env_find(const char *text, size_t len, const char *name, size_t n, size_t *line_len)
{
    for (const char *p = text, *end = text + len; text && p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        size_t m;
        const char *at = env_line(p, le, &m);
        if (at && m == n && memcmp(at, name, n) == 0) {
            *line_len = (size_t)(le - p);
            return p;
        }
        p = nl ? nl + 1 : end;
    }
    return NULL;
}

static bool is_env_file(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    return strncmp(base, ".env", 4) == 0 && (base[4] == '\0' || base[4] == '.');
}

/* Appends the names (never the values) of the variables an env file gains or changes. */
static void env_names(const struct wiz_plan_entry *e, char ***added, size_t *na, char ***modified, size_t *nm)
{
    const char *end = e->text + e->len;
    for (const char *p = e->text; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        size_t n, ol;
        const char *name = env_line(p, le, &n);
        if (name) {
            const char *old = e->old ? env_find(e->old, e->old_len, name, n, &ol) : NULL;
            bool same = old && ol == (size_t)(le - p) && memcmp(old, p, ol) == 0;
            char ***list = old ? modified : added;
            size_t *cnt = old ? nm : na;
            char **grown = same ? NULL : realloc(*list, (*cnt + 2) * sizeof **list);
            if (grown) {
                *list = grown;
                grown[*cnt] = strndup(name, n);
                if (grown[*cnt])
                    (*cnt)++;
                grown[*cnt] = NULL;
            }
        }
        p = nl ? nl + 1 : end;
    }
}

static void free_list(char **v)
{
    for (char **p = v; p && *p; p++)
        free(*p);
    free(v);
}

/* How the project starts, from its own package.json scripts: "dev" when it has one, else
 * "start" (express-generator has only start); NULL for other projects.
 * returns owned string: free() */
static char *start_cmd(const char *root, const char *pm)
{
    static const char *const known[] = {"npm", "yarn", "pnpm", "bun"};
    bool js = false;
    for (size_t i = 0; pm && i < sizeof known / sizeof known[0]; i++)
        js = js || strcmp(pm, known[i]) == 0;
    if (!js || !root)
        return NULL;
    char *text = wiz_pfs_read_rel(root, "package.json");
    json_t *pkg = text ? json_loads(text, 0, NULL) : NULL;
    free(text);
    json_t *scripts = json_object_get(pkg, "scripts");
    const char *which = json_is_string(json_object_get(scripts, "dev"))     ? "dev"
                        : json_is_string(json_object_get(scripts, "start")) ? "start"
                                                                            : NULL;
    char *cmd = NULL;
    if (which && strcmp(which, "start") == 0)
        cmd = wiz_asprintf("%s start", pm);
    else if (which)
        cmd = wiz_asprintf(strcmp(pm, "npm") == 0 || strcmp(pm, "bun") == 0 ? "%s run dev" : "%s dev", pm);
    json_decref(pkg);
    return cmd;
}

void wiz_flow_report_summary(struct wiz_app *app, const struct wiz_plan *plan, const struct wiz_flow_done *d)
{
    char *files = NULL, *key = NULL, *install = NULL, *start = NULL, *undo = NULL, *title = NULL;
    size_t n = 0, len = 1;
    for (size_t i = 0; i < plan->n; i++)
        if (changed(&plan->v[i]))
            n++, len += strlen(plan->v[i].path) + 2;
    files = calloc(1, len);
    for (size_t i = 0; files && i < plan->n; i++)
        if (changed(&plan->v[i])) {
            if (files[0])
                strcat(files, ", ");
            strcat(files, plan->v[i].path);
        }
    title = wiz_asprintf("Amplitude is set up for %s: %zu file(s) changed (%s)", d->framework, n,
                         files ? files : "?");
    if (plan->nignore)
        key = wiz_asprintf("The API key is in %s%s (git-ignored; the code reads it from the environment)",
                           plan->ignore[0], plan->nignore > 1 ? " and the other env files" : "");
    if (d->install_cmd)
        install = wiz_asprintf("Install the new dependencies: %s", d->install_cmd);
    char *sc = start_cmd(d->root, d->pm);
    start = sc ? wiz_asprintf("Start the app (%s) and use it: its first events appear in Amplitude", sc)
               : wiz_strdup("Start the app as usual and use it: its first events appear in Amplitude");
    free(sc);
    /* run from the project itself: no --install-dir in the hint (a sub-project chosen in a
     * monorepo is not "here") */
    char *cwd_root = realpath(".", NULL);
    bool here = cwd_root && d->root && strcmp(cwd_root, d->root) == 0;
    free(cwd_root);
    undo = wiz_asprintf("To revert every change: ampli-wizard undo%s%s %s", here ? "" : " --install-dir ",
                        here ? "" : d->root, d->run_id);
    const char *steps[10];
    int k = 0;
    if (key)
        steps[k++] = key;
    if (install)
        steps[k++] = install;
    for (size_t i = 0; i < plan->nnext; i++) /* the plugin's own (plan_next_step) */
        steps[k++] = plan->next[i];
    if (start)
        steps[k++] = start;
    if (undo)
        steps[k++] = undo;
    steps[k] = NULL;
    /* for an orchestrator: which files, which variables (names only), how to undo */
    const char **written = calloc(n + 1, sizeof *written), **modified = calloc(n + 1, sizeof *modified);
    char **env_added = NULL, **env_modified = NULL;
    size_t nw = 0, nmod = 0, nea = 0, nem = 0;
    for (size_t i = 0; written && modified && i < plan->n; i++) {
        const struct wiz_plan_entry *e = &plan->v[i];
        if (!changed(e))
            continue;
        if (e->old)
            modified[nmod++] = e->path;
        else
            written[nw++] = e->path;
        if (is_env_file(e->path))
            env_names(e, &env_added, &nea, &env_modified, &nem);
    }
    const char *undo_argv[] = {"ampli-wizard", "undo", here ? d->run_id : "--install-dir", here ? NULL : d->root,
                               here ? NULL : d->run_id, NULL};
    struct wiz_ui_outcome o = {d->framework, written, modified, (const char *const *)env_added,
                               (const char *const *)env_modified, steps, undo_argv};
    wiz_ui_setup_complete(app, title ? title : "Amplitude is set up", &o);
    free(written);
    free(modified);
    free_list(env_added);
    free_list(env_modified);
    free(files);
    free(key);
    free(install);
    free(start);
    free(undo);
    free(title);
}
