/* The apps: discovery (<root>/<dir>/<app>/.wizard-ci/expect.json), selection by name,
 * and the stable shard split. */
#include "ci.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int by_id(const void *a, const void *b)
{
    return strcmp(((const struct ci_app *)a)->id, ((const struct ci_app *)b)->id);
}

static enum wiz_rc add(struct wiz_ctx *ctx, struct ci_apps *out, size_t *cap, const char *root, const char *dir,
                       const char *app)
{
    char *ex = wiz_asprintf("%s/%s/%s/.wizard-ci/expect.json", root, dir, app);
    bool has = ex && access(ex, R_OK) == 0;
    free(ex);
    if (!has)
        return WIZ_OK;
    if (out->n == *cap) {
        size_t nc = *cap ? *cap * 2 : 32;
        struct ci_app *v = realloc(out->v, nc * sizeof *v);
        if (!v)
            return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
        out->v = v, *cap = nc;
    }
    struct ci_app *a = &out->v[out->n];
    memset(a, 0, sizeof *a);
    a->id = wiz_asprintf("%s/%s", dir, app);
    a->src = wiz_asprintf("%s/%s/%s", root, dir, app);
    if (!a->id || !a->src) {
        free(a->id), free(a->src);
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    }
    out->n++;
    return WIZ_OK;
}

static bool is_dir(const char *root, const char *a, const char *b)
{
    char *p = b ? wiz_asprintf("%s/%s/%s", root, a, b) : wiz_asprintf("%s/%s", root, a);
    struct stat st;
    bool d = p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
    free(p);
    return d;
}

enum wiz_rc ci_apps_discover(struct wiz_ctx *ctx, const char *root, struct ci_apps *out)
{
    memset(out, 0, sizeof *out);
    size_t cap = 0;
    DIR *top = opendir(root);
    if (!top)
        return wiz_fail_errno(ctx, WIZ_EUSAGE, "cannot open %s", root);
    enum wiz_rc rc = WIZ_OK;
    struct dirent *d;
    while (!rc && (d = readdir(top))) {
        if (d->d_name[0] == '.' || !is_dir(root, d->d_name, NULL))
            continue;
        char *sub = wiz_asprintf("%s/%s", root, d->d_name);
        DIR *dd = sub ? opendir(sub) : NULL;
        struct dirent *e;
        while (!rc && dd && (e = readdir(dd)))
            if (e->d_name[0] != '.' && is_dir(root, d->d_name, e->d_name))
                rc = add(ctx, out, &cap, root, d->d_name, e->d_name);
        if (dd)
            closedir(dd);
        free(sub);
    }
    closedir(top);
    if (!rc && out->n)
        qsort(out->v, out->n, sizeof *out->v, by_id);
    return rc;
}

/* Keeps the apps with keep[i] set, in order. */
static void compact(struct ci_apps *apps, const bool *keep)
{
    size_t w = 0;
    for (size_t i = 0; i < apps->n; i++) {
        if (keep[i]) {
            apps->v[w++] = apps->v[i];
        } else {
            free(apps->v[i].id);
            free(apps->v[i].src);
        }
    }
    apps->n = w;
}

enum wiz_rc ci_apps_select(struct wiz_ctx *ctx, struct ci_apps *apps, const char *const *sel, int nsel)
{
    bool *keep = calloc(apps->n + 1, sizeof *keep);
    if (!keep)
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    enum wiz_rc rc = WIZ_OK;
    for (int s = 0; !rc && s < nsel; s++) {
        char name[512];
        snprintf(name, sizeof name, "%s", sel[s]);
        size_t len = strlen(name);
        while (len > 1 && name[len - 1] == '/') /* shell completion leaves a slash */
            name[--len] = '\0';
        bool any = false;
        for (size_t i = 0; i < apps->n; i++) {
            const char *id = apps->v[i].id;
            bool hit = !strcmp(name, "all") || !strcmp(id, name) ||
                       (!strchr(name, '/') && !strncmp(id, name, len) && id[len] == '/');
            keep[i] |= hit;
            any |= hit;
        }
        if (!any)
            rc = wiz_fail(ctx, WIZ_EUSAGE, "no app or app directory named '%s' (see wizard-ci --list all)", sel[s]);
    }
    if (!rc)
        compact(apps, keep);
    free(keep);
    return rc;
}

void ci_apps_shard(struct ci_apps *apps, int k, int n)
{
    if (n <= 1)
        return;
    bool *keep = calloc(apps->n + 1, sizeof *keep);
    if (!keep)
        return;
    for (size_t i = 0; i < apps->n; i++)
        keep[i] = (int)(i % (size_t)n) == k - 1;
    compact(apps, keep);
    free(keep);
}

void ci_result_clear(struct ci_result *r)
{
    free(r->step), free(r->message), free(r->tail), free(r->log);
    memset(r, 0, sizeof *r);
}

void ci_apps_free(struct ci_apps *apps)
{
    for (size_t i = 0; i < apps->n; i++) {
        free(apps->v[i].id), free(apps->v[i].src), free(apps->v[i].work);
        for (int l = 0; l < CI_NLEVELS; l++)
            ci_result_clear(&apps->v[i].lv[l]);
    }
    free(apps->v);
    memset(apps, 0, sizeof *apps);
}
