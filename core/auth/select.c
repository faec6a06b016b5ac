/* Key selection over the org -> project -> environment tree. */
#include "select.h"

#include "../ui/ui.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A filter matches by name (case-insensitive) or by id. */
static bool matches(const char *filter, const char *name, const char *id)
{
    if (!filter)
        return true;
    return (name && strcasecmp(filter, name) == 0) || (id && strcmp(filter, id) == 0);
}

static const char *orz(const char *s)
{
    return s ? s : "?";
}

static enum wiz_rc no_keys(struct wiz_app *app)
{
    return wiz_fail(&app->ctx, WIZ_EAUTH,
                    "no project environment with a visible API key: only organization admins can see API keys. "
                    "Ask an admin for the key and pass it with --api-key, or ask to be made an admin");
}

static enum wiz_rc by_app_id(struct wiz_app *app, const struct wiz_orgs *orgs, struct wiz_choice *out)
{
    for (size_t i = 0; i < orgs->n_orgs; i++)
        for (size_t j = 0; j < orgs->orgs[i].n_projects; j++) {
            const struct wiz_project *p = &orgs->orgs[i].projects[j];
            for (size_t k = 0; k < p->n_envs; k++) {
                if (!p->envs[k].app_id || strcmp(p->envs[k].app_id, app->opts.app_id) != 0)
                    continue;
                if (!p->envs[k].api_key)
                    return no_keys(app);
                *out = (struct wiz_choice){&orgs->orgs[i], p, &p->envs[k], "flag", false};
                return WIZ_OK;
            }
        }
    return wiz_fail(&app->ctx, WIZ_EUSAGE, "--app-id %s: no such app in your Amplitude organizations",
                    app->opts.app_id);
}

enum wiz_rc wiz_select_key(struct wiz_app *app, const struct wiz_orgs *orgs, struct wiz_choice *out)
{
    memset(out, 0, sizeof *out);
    if (app->opts.app_id)
        return by_app_id(app, orgs, out);
    const struct wiz_opts *op = &app->opts;
    size_t total = 0;
    for (size_t i = 0; i < orgs->n_orgs; i++)
        for (size_t j = 0; j < orgs->orgs[i].n_projects; j++)
            total += orgs->orgs[i].projects[j].n_envs;
    enum wiz_ui_mode mode = wiz_ui_mode(app);
    bool may_create = mode == WIZ_UI_INTERACTIVE || mode == WIZ_UI_CLASSIC;
    if (total == 0 && may_create) { /* someone to ask: offer to create the first project */
        wiz_ui_status(app, "your Amplitude organization%s %s%s no projects yet", orgs->n_orgs == 1 ? "" : "s",
                      orgs->n_orgs == 1 && orgs->orgs[0].name ? orgs->orgs[0].name : "",
                      orgs->n_orgs == 1 ? " has" : " have");
        out->create = true;
        return WIZ_OK;
    }
    if (total == 0) /* a new organization: nothing to choose from, and no key to find */
        return wiz_fail(&app->ctx, WIZ_EINPUT,
                        "your Amplitude organization%s %s%s no projects yet: create one with --app-name NAME "
                        "(or in Amplitude), then run setup again",
                        orgs->n_orgs == 1 ? "" : "s", orgs->n_orgs == 1 && orgs->orgs[0].name ? orgs->orgs[0].name : "",
                        orgs->n_orgs == 1 ? " has" : " have");
    struct wiz_choice *c = calloc(total + 1, sizeof *c);
    if (!c)
        return wiz_fail(&app->ctx, WIZ_EINTERNAL, "out of memory");
    size_t n = 0, matched = 0;
    for (size_t i = 0; i < orgs->n_orgs; i++) {
        const struct wiz_org *o = &orgs->orgs[i];
        if (!matches(op->org, o->name, o->id))
            continue;
        for (size_t j = 0; j < o->n_projects; j++) {
            const struct wiz_project *p = &o->projects[j];
            if (!matches(op->project, p->name, p->id))
                continue;
            for (size_t k = 0; k < p->n_envs; k++) {
                const struct wiz_env *e = &p->envs[k];
                if (!matches(op->env, e->name, NULL))
                    continue;
                matched++;
                if (!e->api_key)
                    continue;
                /* Insertion keeps server order among equal ranks (stable). */
                size_t at = n;
                while (at > 0 && c[at - 1].env->rank > e->rank) {
                    c[at] = c[at - 1];
                    at--;
                }
                c[at] = (struct wiz_choice){o, p, e, NULL, false};
                n++;
            }
        }
    }
    enum wiz_rc rc = WIZ_OK;
    if (matched == 0 && (op->org || op->project || op->env)) {
        rc = wiz_fail(&app->ctx, WIZ_EUSAGE, "no environment matches%s%s%s%s%s%s", op->org ? " --org " : "",
                      op->org ? op->org : "", op->project ? " --project " : "", op->project ? op->project : "",
                      op->env ? " --env " : "", op->env ? op->env : "");
    } else if (n == 0) {
        rc = no_keys(app);
    } else if (n == 1) {
        *out = c[0];
        out->source = "auto";
    } else if (mode == WIZ_UI_INTERACTIVE) {
        rc = wiz_select_levels(app, c, n, may_create, out);
    } else {
        /* interactive: one more choice, last, creates a project instead */
        size_t extra = may_create ? 1 : 0;
        const char **labels = calloc(n + extra, sizeof *labels);
        const char **values = calloc(n + extra, sizeof *values);
        json_t **metas = calloc(n + extra, sizeof *metas);
        if (!labels || !values || !metas) {
            free(labels);
            free(values);
            free(metas);
            free(c);
            return wiz_fail(&app->ctx, WIZ_EINTERNAL, "out of memory");
        }
        for (size_t i = 0; i < n; i++) {
            values[i] = c[i].env->app_id; /* agent mode lists "--app-id <id>" per choice */
            /* what Amplitude's wizard tells an orchestrator about each environment */
            metas[i] = json_pack("{s:s, s:s*, s:s*, s:s*, s:s*, s:s*, s:s*, s:I}", "description", "", "orgId",
                                 c[i].org->id, "orgName", c[i].org->name, "projectId", c[i].project->id,
                                 "projectName", c[i].project->name, "envName", c[i].env->name, "appId",
                                 c[i].env->app_id, "rank", (json_int_t)c[i].env->rank);
            char *desc = wiz_asprintf("%s > %s > %s", orz(c[i].org->name), orz(c[i].project->name),
                                      orz(c[i].env->name));
            if (metas[i] && desc)
                json_object_set_new(metas[i], "description", json_string(desc));
            free(desc);
        }
        for (size_t i = 0; i < n && rc == WIZ_OK; i++) {
            labels[i] = wiz_asprintf("%s / %s / %s (app %s)", orz(c[i].org->name), orz(c[i].project->name),
                                     orz(c[i].env->name), orz(c[i].env->app_id));
            if (!labels[i])
                rc = wiz_fail(&app->ctx, WIZ_EINTERNAL, "out of memory");
        }
        if (extra && !rc && !(labels[n] = wiz_strdup("Create a new Amplitude project")))
            rc = wiz_fail(&app->ctx, WIZ_EINTERNAL, "out of memory");
        /* the lowest rank (Production at most orgs) is recommended in every mode */
        int idx = 0;
        if (!rc)
            rc = wiz_ui_choose_meta(app, "Which Amplitude project environment should this app send data to?", labels,
                                    values, metas, (int)(n + extra), 0, "--app-id", &idx);
        if (!rc && (size_t)idx == n) {
            out->create = true;
        } else if (!rc) {
            *out = c[idx];
            out->source = wiz_ui_last_auto(app) ? "recommended" : NULL;
        }
        for (size_t i = 0; i < n + extra; i++) {
            free((void *)labels[i]);
            json_decref(metas[i]);
        }
        free(labels);
        free(values);
        free(metas);
    }
    free(c);
    return rc;
}
