/* The plan: what a plugin wants each project file to become. Nothing is written here;
 * the ledger applies it. Edits to one file compose (each sees the earlier planned text). */
#include "host.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void wiz_plan_free(struct wiz_plan *plan)
{
    if (!plan)
        return;
    for (size_t i = 0; i < plan->n; i++) {
        free(plan->v[i].path);
        free(plan->v[i].old);
        free(plan->v[i].text);
        free(plan->v[i].why);
    }
    free(plan->v);
    for (size_t i = 0; i < plan->nignore; i++)
        free(plan->ignore[i]);
    free(plan->ignore);
    for (size_t i = 0; i < plan->nnext; i++)
        free(plan->next[i]);
    for (size_t i = 0; i < plan->ndeps; i++)
        free(plan->deps[i]);
    free(plan->deps);
    free(plan->install_dir);
    memset(plan, 0, sizeof *plan);
}

/* Paths no plan may write: git's own files (config and hooks run commands on the user's
 * next git call) at any depth, and the project's .amplitude/ metadata. */
static bool forbidden(const char *norm)
{
    if (strncmp(norm, ".amplitude/", 11) == 0 || strcmp(norm, ".amplitude") == 0)
        return true;
    for (const char *p = norm; p; p = strchr(p, '/') ? strchr(p, '/') + 1 : NULL)
        if (strncmp(p, ".git", 4) == 0 && (p[4] == '/' || p[4] == '\0'))
            return true;
    return false;
}

/* What one run may plan: a framework integration is a few small files; these caps stop
 * a plugin from filling memory and disk with planned text. */
#define PLAN_MAX_FILES 256
#define PLAN_MAX_BYTES (16u << 20)

static struct wiz_plan_entry *entry_get(struct wiz_ctx *ctx, const char *root, struct wiz_plan *plan, const char *rel)
{
    char *abs, *norm;
    if (wiz_pfs_resolve(ctx, root, rel, true, &abs, &norm))
        return NULL;
    if (forbidden(norm)) {
        wiz_fail(ctx, WIZ_EWRITE, "'%s': the wizard never writes git's files or .amplitude/: refused", norm);
        free(abs);
        free(norm);
        return NULL;
    }
    for (size_t i = 0; i < plan->n; i++)
        if (strcmp(plan->v[i].path, norm) == 0) {
            free(abs);
            free(norm);
            return &plan->v[i];
        }
    if (plan->n >= PLAN_MAX_FILES) {
        wiz_fail(ctx, WIZ_EWRITE, "the plan already names %d files (the most one run may change): refused", PLAN_MAX_FILES);
        free(abs);
        free(norm);
        return NULL;
    }
    if (plan->n == plan->cap) {
        size_t nc = plan->cap ? plan->cap * 2 : 8;
        struct wiz_plan_entry *nv = realloc(plan->v, nc * sizeof *nv);
        if (!nv) {
            free(abs);
            free(norm);
            wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
            return NULL;
        }
        plan->v = nv;
        plan->cap = nc;
    }
    struct wiz_plan_entry e = {.path = norm, .mode = 0644};
    /* the file a write will replace, read as apply will write it: beneath root, no link */
    enum wiz_rc rc = wiz_beneath_read(ctx, root, norm, &e.old, &e.old_len, &e.mode);
    free(abs);
    if (rc && rc != WIZ_ENOTFOUND) {
        free(norm);
        return NULL;
    }
    if (rc == WIZ_ENOTFOUND)
        e.mode = 0644;
    plan->v[plan->n] = e;
    return &plan->v[plan->n++];
}

void wiz_plan_note_refusal(wiz_session *s)
{
    if (!s->refused[0])
        snprintf(s->refused, sizeof s->refused, "%s", s->errmsg);
}

struct wiz_plan_entry *wiz_plan_entry_for(wiz_session *s, const char *rel)
{
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    struct wiz_plan_entry *e = entry_get(&ctx, s->root, s->plan, rel);
    if (!e) {
        wiz_session_fail(s, ctx.rc == WIZ_EWRITE ? WIZ_PLUGIN_EREFUSED : WIZ_PLUGIN_ERR, "%s", wiz_errmsg(&ctx));
        if (ctx.rc == WIZ_EWRITE)
            wiz_plan_note_refusal(s);
    }
    return e;
}

int wiz_plan_set_text(wiz_session *s, struct wiz_plan_entry *e, const char *text, size_t len, const char *why)
{
    size_t total = len;
    for (size_t i = 0; i < s->plan->n; i++)
        if (&s->plan->v[i] != e && s->plan->v[i].text)
            total += s->plan->v[i].len;
    if (total > PLAN_MAX_BYTES) {
        wiz_session_fail(s, WIZ_PLUGIN_EREFUSED, "the plan would hold %zu bytes of new text (at most %u MiB): refused",
                         total, PLAN_MAX_BYTES >> 20);
        wiz_plan_note_refusal(s);
        return WIZ_PLUGIN_EREFUSED;
    }
    char *t = malloc(len + 1);
    if (!t)
        return wiz_session_fail(s, WIZ_PLUGIN_ENOMEM, "out of memory");
    memcpy(t, text, len);
    t[len] = '\0';
    free(e->text);
    e->text = t;
    e->len = len;
    e->skip = false;
    if (why) {
        /* several edits of one file: keep every reason */
        char *w = e->why ? wiz_asprintf("%s; %s", e->why, why) : wiz_strdup(why);
        free(e->why);
        e->why = w;
    }
    return WIZ_PLUGIN_OK;
}

static bool unchanged(const struct wiz_plan_entry *e)
{
    if (e->skip || !e->text)
        return true;
    return e->old && e->old_len == e->len && memcmp(e->old, e->text, e->len) == 0;
}

size_t wiz_plan_changes(const struct wiz_plan *plan)
{
    size_t n = 0;
    for (size_t i = 0; i < plan->n; i++)
        n += !unchanged(&plan->v[i]);
    return n;
}

/* Is rel ignored? git decides in a repository (g: its answer, -1 for none); otherwise
 * the .gitignore text is read. */
static bool ignored(int g, const char *gitignore, const char *rel)
{
    if (g >= 0)
        return g == 1;
    if (!gitignore)
        return false;
    const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
    const char *p = gitignore;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char line[512];
        if (n < sizeof line) {
            memcpy(line, p, n);
            line[n] = '\0';
            while (n && (line[n - 1] == '\r' || line[n - 1] == ' '))
                line[--n] = '\0';
            const char *pat = line[0] == '/' ? line + 1 : line;
            size_t pn = strlen(pat);
            char dir[512];
            snprintf(dir, sizeof dir, "%s", pat);
            if (pn && dir[pn - 1] == '/')
                dir[pn - 1] = '\0';
            if (line[0] && line[0] != '#' && line[0] != '!' &&
                (fnmatch(pat, rel, 0) == 0 || (line[0] != '/' && fnmatch(pat, base, 0) == 0) ||
                 (dir[0] && strncmp(rel, dir, strlen(dir)) == 0 && rel[strlen(dir)] == '/')))
                return true;
        }
        p += n + (nl ? 1 : 0);
    }
    return false;
}

enum wiz_rc wiz_plan_finish(struct wiz_app *app, const char *root, struct wiz_plan *plan)
{
    if (wiz_plan_changes(plan) == 0)
        return WIZ_OK;
    struct wiz_plan_entry *gi = entry_get(&app->ctx, root, plan, ".gitignore");
    if (!gi)
        return app->ctx.rc;
    const char *cur = gi->text ? gi->text : gi->old;
    const char *lines[64];
    char *owned[64] = {0};
    size_t n = 0;
    /* one git process for all the paths (the run records live outside the project: ledger.c) */
    const char *rels[64];
    bool git_says[64];
    size_t nrel = 0;
    for (size_t i = 0; i < plan->nignore && nrel < 64; i++)
        rels[nrel++] = plan->ignore[i];
    bool git = nrel && wiz_git_ignored_many(root, rels, nrel, git_says) == 0;
    for (size_t i = 0; i < plan->nignore && n < 63; i++) {
        int g = !git ? -1 : i < nrel ? git_says[i] : wiz_git_ignored(root, plan->ignore[i]);
        if (ignored(g, cur, plan->ignore[i]))
            continue;
        owned[n] = wiz_asprintf("/%s", plan->ignore[i]);
        if (owned[n])
            lines[n] = owned[n], n++;
    }
    int r = 0;
    char *out = NULL;
    if (n)
        r = wiz_edit_gitignore(cur, lines, n, &out);
    for (size_t i = 0; i < n; i++)
        free(owned[i]);
    if (r < 0)
        return wiz_fail(&app->ctx, WIZ_EINTERNAL, "out of memory");
    if (out) {
        free(gi->text);
        gi->text = out;
        gi->len = strlen(out);
        free(gi->why);
        gi->why = wiz_strdup("git-ignore the env files");
    }
    return WIZ_OK;
}

void wiz_plan_print_diff(const struct wiz_plan *plan, void *file, bool colour)
{
    FILE *f = file;
    for (size_t i = 0; i < plan->n; i++) {
        const struct wiz_plan_entry *e = &plan->v[i];
        if (e->skip) {
            fprintf(f, "# skip %s: %s\n", e->path, e->why ? e->why : "");
            continue;
        }
        if (unchanged(e))
            continue;
        if (e->why)
            fprintf(f, "# %s: %s\n", e->path, e->why);
        wiz_diff_print(f, e->path, e->old, e->old ? e->old_len : 0, e->text, e->len, colour);
    }
}
