/* login: sign in (reusing a stored session of the zone when there is one) and show
 * the user and the organizations, projects and environments the account sees. */
#include "cli.h"

#include "../auth/endpoints.h"
#include "../auth/session.h"
#include "../ui/ui.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

static const char *orz(const char *s)
{
    return s ? s : "";
}

static void print_text(const struct wiz_signin *s)
{
    const struct wiz_user *u = &s->user;
    printf("Signed in as %s %s <%s> (user %s, zone %s)%s\n", orz(u->first_name), orz(u->last_name), orz(u->email),
           orz(u->id), wiz_zone_name(u->zone), s->fresh ? "" : " [stored session]");
    for (size_t i = 0; i < s->orgs.n_orgs; i++) {
        const struct wiz_org *o = &s->orgs.orgs[i];
        printf("org %s (%s)\n", orz(o->name), orz(o->id));
        for (size_t j = 0; j < o->n_projects; j++) {
            const struct wiz_project *p = &o->projects[j];
            printf("  project %s (%s)\n", orz(p->name), orz(p->id));
            for (size_t k = 0; k < p->n_envs; k++)
                printf("    env %s: app %s, rank %ld, %s\n", orz(p->envs[k].name),
                       p->envs[k].app_id ? p->envs[k].app_id : "-", p->envs[k].rank,
                       p->envs[k].api_key ? "API key visible" : "API key hidden (not an org admin)");
        }
    }
}

/* --json, or in agent mode the value of a result event (kind login) */
static enum wiz_rc print_json(struct wiz_app *app, const struct wiz_signin *s)
{
    struct wiz_ctx *ctx = &app->ctx;
    const struct wiz_user *u = &s->user;
    json_t *orgs = json_array();
    for (size_t i = 0; orgs && i < s->orgs.n_orgs; i++) {
        const struct wiz_org *o = &s->orgs.orgs[i];
        json_t *projects = json_array();
        for (size_t j = 0; projects && j < o->n_projects; j++) {
            const struct wiz_project *p = &o->projects[j];
            json_t *envs = json_array();
            for (size_t k = 0; envs && k < p->n_envs; k++)
                json_array_append_new(envs, json_pack("{s:s?, s:s?, s:I, s:b}", "name", p->envs[k].name, "app_id",
                                                      p->envs[k].app_id, "rank", (json_int_t)p->envs[k].rank,
                                                      "api_key_visible", p->envs[k].api_key != NULL));
            json_array_append_new(projects, json_pack("{s:s?, s:s?, s:o?}", "id", p->id, "name", p->name,
                                                      "environments", envs));
        }
        json_array_append_new(orgs, json_pack("{s:s?, s:s?, s:o?}", "id", o->id, "name", o->name, "projects",
                                              projects));
    }
    json_t *root = json_pack("{s:{s:s?, s:s?, s:s?, s:s?}, s:s, s:b, s:o?}", "user", "id", u->id, "first_name",
                             u->first_name, "last_name", u->last_name, "email", u->email, "zone",
                             wiz_zone_name(u->zone), "stored_session", !s->fresh, "orgs", orgs);
    char *txt = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    if (!txt)
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    wiz_ui_result(app, "login", "signed in", txt);
    free(txt);
    return WIZ_OK;
}

static enum wiz_rc run_login(struct wiz_app *app)
{
    struct wiz_endpoints ep;
    enum wiz_rc rc = wiz_signin_first_run(app); /* a new user: the region, then sign in or create */
    if (rc)
        return rc;
    rc = wiz_endpoints_get(&app->ctx, app->server, app->opts.zone, &ep);
    if (rc)
        return rc;
    struct wiz_signin s;
    struct wiz_signin_opts o = {.need_orgs = true, .allow_login = true, .signup = app->opts.signup};
    rc = wiz_signin_get(app, &ep, &o, &s);
    if (!rc) {
        if (app->opts.json || wiz_ui_mode(app) == WIZ_UI_AGENT)
            rc = print_json(app, &s);
        else
            print_text(&s);
    }
    wiz_signin_clear(&s);
    wiz_endpoints_clear(&ep);
    return rc;
}

static const char *const login_flags[] = {"no-browser", "login-timeout", "signup", "email", "full-name", "accept-tos", NULL};

const struct wiz_cmd wiz_cmd_login = {
    .name = "login",
    .summary = "sign in to Amplitude (browser, PKCE) and show your organizations",
    .usage = "login [--zone us|eu] [--no-browser] [--login-timeout S]\n"
             "       [--signup --email E [--full-name N] [--accept-tos]]",
    .details = "Reuses the stored session of the zone when there is one (refreshing it when due);\n"
               "otherwise opens $BROWSER (or xdg-open) on Amplitude's sign-in page and waits for the\n"
               "redirect on http://localhost:13222..13232/callback. The URL is always printed.\n"
               "--signup creates an Amplitude account instead (when no session is stored).",
    .flags = login_flags,
    .auto_agent = true,
    .run = run_login,
};
