/* The interactive project picker in levels, as Amplitude's wizard asks (its AuthScreen:
 * organization, then workspace, then environment, each skipped when it has one choice),
 * with counts and the choice CI would take marked. Classic, CI and agent runs keep the
 * flat list of select.c, whose numbers and --app-id values scripts rely on. */
#include "select.h"

#include "../ui/ui.h"

#include <stdlib.h>
#include <string.h>

static const char *orz(const char *s)
{
    return s ? s : "?";
}

static const void *key_of(const struct wiz_choice *c, int level)
{
    return level == 0 ? (const void *)c->org : (const void *)c->project;
}

/* Groups idx[0..m) by org (level 0) or project (level 1), in first-seen order (so the
 * group holding the best-ranked candidate comes first). first[g]: a member of group g;
 * size[g]: its candidates; sub[g]: distinct projects in it (level 0). Returns the groups. */
static size_t group(const struct wiz_choice *c, const size_t *idx, size_t m, int level, size_t *first, size_t *size,
                    size_t *sub)
{
    size_t ng = 0;
    for (size_t i = 0; i < m; i++) {
        size_t g = 0;
        while (g < ng && key_of(&c[first[g]], level) != key_of(&c[idx[i]], level))
            g++;
        if (g == ng) {
            first[ng] = idx[i];
            size[ng] = 0;
            sub[ng] = 0;
            ng++;
        }
        /* a project not seen earlier in this group */
        bool new_project = true;
        for (size_t j = 0; j < i; j++)
            if (key_of(&c[idx[j]], level) == key_of(&c[idx[i]], level) && c[idx[j]].project == c[idx[i]].project)
                new_project = false;
        size[g]++;
        sub[g] += new_project;
    }
    return ng;
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* Asks one level: labels[0..n) plus "Create a new Amplitude project" when create. *pick
 * is n for that last choice. */
static enum wiz_rc ask(struct wiz_app *app, const char *question, char **labels, size_t n, bool create,
                       const char *flag, size_t *pick)
{
    const char **l = calloc(n + 1, sizeof *l);
    if (!l)
        return wiz_fail(&app->ctx, WIZ_EINTERNAL, "out of memory");
    for (size_t i = 0; i < n; i++)
        l[i] = labels[i];
    if (create)
        l[n] = "Create a new Amplitude project";
    int idx = 0;
    enum wiz_rc rc = wiz_ui_choose(app, question, l, (int)(n + (create ? 1 : 0)), 0, flag, &idx);
    free(l);
    *pick = (size_t)idx;
    return rc;
}

static void free_labels(char **labels, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(labels[i]);
}

enum wiz_rc wiz_select_levels(struct wiz_app *app, const struct wiz_choice *c, size_t n, bool may_create,
                              struct wiz_choice *out)
{
    size_t *idx = calloc(n, sizeof *idx), *first = calloc(n, sizeof *first), *size = calloc(n, sizeof *size),
           *sub = calloc(n, sizeof *sub);
    char **labels = calloc(n, sizeof *labels);
    enum wiz_rc rc = WIZ_OK;
    if (!idx || !first || !size || !sub || !labels) {
        rc = wiz_fail(&app->ctx, WIZ_EINTERNAL, "out of memory");
        goto done;
    }
    size_t m = n;
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    for (int level = 0; level < 3 && m > 1; level++) {
        size_t ng = level < 2 ? group(c, idx, m, level, first, size, sub) : m;
        if (ng == 1)
            continue; /* one organization (or project): nothing to ask */
        char q[512];
        const char *flag;
        for (size_t g = 0; g < ng; g++) {
            const struct wiz_choice *x = &c[level < 2 ? first[g] : idx[g]];
            const char *mark = (level < 2 ? first[g] : idx[g]) == 0 ? ", what --ci picks" : "";
            if (level == 0)
                labels[g] = wiz_asprintf("%s (%zu %s, %zu %s%s)", orz(x->org->name), sub[g],
                                         plural(sub[g], "project", "projects"), size[g],
                                         plural(size[g], "environment", "environments"), mark);
            else if (level == 1)
                labels[g] = wiz_asprintf("%s (%zu %s%s)", orz(x->project->name), size[g],
                                         plural(size[g], "environment", "environments"), mark);
            else
                labels[g] = wiz_asprintf("%s (app %s%s)", orz(x->env->name), orz(x->env->app_id), mark);
            if (!labels[g]) {
                free_labels(labels, g);
                rc = wiz_fail(&app->ctx, WIZ_EINTERNAL, "out of memory");
                goto done;
            }
        }
        const struct wiz_choice *any = &c[idx[0]];
        if (level == 0) {
            snprintf(q, sizeof q, "Which organization? (%zu organizations, %zu environments)", ng, m);
            flag = "--org";
        } else if (level == 1) {
            snprintf(q, sizeof q, "Which project in %s? (%zu projects, %zu environments)", orz(any->org->name), ng, m);
            flag = "--project";
        } else {
            snprintf(q, sizeof q, "Which environment of %s / %s? (%zu environments)", orz(any->org->name),
                     orz(any->project->name), ng);
            flag = "--env";
        }
        /* every level asked ends with "create", so the choice is there wherever one stops */
        size_t pick = 0;
        rc = ask(app, q, labels, ng, may_create, flag, &pick);
        free_labels(labels, ng);
        if (rc)
            goto done;
        if (pick == ng) {
            memset(out, 0, sizeof *out);
            out->create = true;
            out->org = level == 0 ? NULL : any->org; /* the organization already chosen gets it */
            goto done;
        }
        if (level == 2) {
            idx[0] = idx[pick];
            break;
        }
        const void *k = key_of(&c[first[pick]], level);
        size_t w = 0;
        for (size_t i = 0; i < m; i++)
            if (key_of(&c[idx[i]], level) == k)
                idx[w++] = idx[i];
        m = w;
    }
    *out = c[idx[0]];
    out->source = NULL;
done:
    free(idx);
    free(first);
    free(size);
    free(sub);
    free(labels);
    return rc;
}
