/* setup: detect the framework, sign in (or --api-key), choose the project key, and
 * hand the session to the plugin flow. */
#include "cli.h"

#include "../auth/endpoints.h"
#include "../auth/project_create.h"
#include "../auth/select.h"
#include "../auth/session.h"
#include "../plugin/flow.h"
#include "../session.h"
#include "../ui/ui.h"
#include "slash_cmds.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --api-key, else $AMPLITUDE_WIZARD_API_KEY, else NULL. borrowed */
static const char *given_api_key(const struct wiz_app *app)
{
    if (app->opts.api_key)
        return app->opts.api_key;
    const char *k = getenv("AMPLITUDE_WIZARD_API_KEY");
    return k && k[0] ? k : NULL;
}

/* Signs in to the zone of app->opts (the stored session, refreshed when due, else the
 * browser or signup), shows who, and offers the idle prompt (interactive/classic) where
 * /region may switch the zone, /logout end the session and /login sign in as another
 * account: then it signs in again, so the run goes on with what the prompt left. */
static enum wiz_rc sign_in(struct wiz_app *app, struct wiz_endpoints *ep, struct wiz_signin *s,
                           struct wiz_slash_run *run)
{
    for (int round = 0;; round++) {
        if (app->opts.zone != ep->zone) {
            wiz_endpoints_clear(ep);
            enum wiz_rc rc = wiz_endpoints_get(&app->ctx, app->server, app->opts.zone, ep);
            if (rc)
                return rc;
        }
        struct wiz_signin_opts o = {.need_orgs = true, .allow_login = true, .signup = app->opts.signup,
                                    .user_id = run && run->user_id[0] ? run->user_id : NULL};
        enum wiz_rc rc = wiz_signin_get(app, ep, &o, s);
        if (rc)
            return rc;
        wiz_slash_show_header(app, &s->user, ep->zone);
        /* a prompt per zone switch (and no endless back and forth); after /login or
         * /logout the user already pressed Enter: go on with the session they left */
        bool again = run && run->session_changed;
        if (run)
            run->session_changed = false;
        /* interactive: the project picker itself takes commands ('/'), so no prompt before it */
        if (round < 4 && !again && wiz_ui_mode(app) != WIZ_UI_INTERACTIVE)
            rc = wiz_ui_prompt(app, "Press Enter to choose the project, or type a command (/help lists them).");
        if (rc || (app->opts.zone == ep->zone && !(run && run->session_changed)))
            return rc;
        wiz_signin_clear(s);
    }
}

/* Creates project `name` in the org (--org, the only one, or asked interactively) with
 * the signed-in session s, and runs the plugin with its key. */
static enum wiz_rc create_project(struct wiz_app *app, struct wiz_flow *flow, struct wiz_endpoints *ep,
                                  struct wiz_slash_run *run, const struct wiz_signin *s, const char *name,
                                  const struct wiz_org *chosen)
{
    enum wiz_rc rc = WIZ_OK;
    const struct wiz_org *org = chosen; /* the picker's organization, when it had one */
    for (size_t i = 0; !chosen && i < s->orgs.n_orgs; i++) {
        const struct wiz_org *o = &s->orgs.orgs[i];
        bool named = app->opts.org && ((o->name && strcasecmp(o->name, app->opts.org) == 0) ||
                                       (o->id && strcmp(o->id, app->opts.org) == 0));
        if (named || (!app->opts.org && s->orgs.n_orgs == 1))
            org = o;
    }
    enum wiz_ui_mode m = wiz_ui_mode(app);
    if (!org && !app->opts.org && s->orgs.n_orgs > 1 && (m == WIZ_UI_INTERACTIVE || m == WIZ_UI_CLASSIC)) {
        const char **labels = calloc(s->orgs.n_orgs, sizeof *labels);
        const char **values = calloc(s->orgs.n_orgs, sizeof *values);
        int idx = 0;
        if (!labels || !values)
            rc = wiz_fail(&app->ctx, WIZ_EINTERNAL, "out of memory");
        for (size_t i = 0; !rc && i < s->orgs.n_orgs; i++) {
            labels[i] = s->orgs.orgs[i].name ? s->orgs.orgs[i].name : s->orgs.orgs[i].id;
            values[i] = s->orgs.orgs[i].id;
        }
        if (!rc)
            rc = wiz_ui_choose_values(app, "Which organization gets the new project?", labels, values,
                                      (int)s->orgs.n_orgs, -1, "--org", &idx);
        if (!rc)
            org = &s->orgs.orgs[idx];
        free(labels);
        free(values);
    }
    if (!rc && !org)
        rc = app->opts.org ? wiz_fail(&app->ctx, WIZ_EUSAGE, "--org %s: no such organization", app->opts.org)
                           : wiz_fail(&app->ctx, WIZ_EINPUT, "you belong to %zu organizations: pass --org NAME "
                                                             "to say where --app-name creates the project",
                                      s->orgs.n_orgs);
    if (!rc && app->opts.dry_run) {
        /* a dry run changes nothing, on the server either: the plan shows a placeholder key */
        wiz_ui_status(app, "dry run: the Amplitude project '%s' would be created in %s; nothing was created "
                           "(the plan below shows a placeholder key)", name, org->name ? org->name : org->id);
        struct wiz_session_info info = {.zone = ep->zone, .ingest_url = ep->ingest,
                                        .api_key = "00000000000000000000000000000000", .user_id = s->user.id,
                                        .user_email = s->user.email, .org_id = org->id, .org_name = org->name,
                                        .project_name = name, .app_id = "0", .app_source = "flag"};
        run->key_chosen = true;
        return wiz_flow_run(app, flow, &info);
    }
    struct wiz_created made = {0};
    if (!rc) {
        wiz_ui_project_create(app, 0, org->id, name, NULL, NULL, NULL);
        wiz_ui_progress_begin(app, "Creating the Amplitude project");
        rc = wiz_project_create(&app->ctx, ep, s->tokens.access_token, org->id, name, &made);
        wiz_ui_progress_end(app, rc == WIZ_OK);
        if (rc == WIZ_OK)
            wiz_ui_project_create(app, 1, org->id, made.name ? made.name : name, made.app_id, NULL, NULL);
        else
            wiz_ui_project_create(app, 2, org->id, name, NULL,
                                  rc == WIZ_ENAMETAKEN ? "NAME_TAKEN"
                                  : rc == WIZ_EAUTH    ? "FORBIDDEN"
                                  : rc == WIZ_EUSAGE   ? "INVALID_REQUEST"
                                                       : "INTERNAL",
                                  wiz_errmsg(&app->ctx));
    }
    if (!rc) {
        run->key_chosen = true;
        wiz_ui_status(app, "Created Amplitude project: %s / %s (app %s)", org->name ? org->name : "?",
                      made.name ? made.name : name, made.app_id);
        struct wiz_session_info info = {.zone = ep->zone, .ingest_url = ep->ingest, .api_key = made.api_key,
                                        .user_id = s->user.id, .user_email = s->user.email, .org_id = org->id,
                                        .org_name = org->name, .project_name = made.name, .app_id = made.app_id,
                                        .app_source = "flag"};
        rc = wiz_flow_run(app, flow, &info);
    }
    wiz_created_clear(&made);
    return rc;
}

/* --app-name NAME: sign in, then create_project. */
static enum wiz_rc with_new_project(struct wiz_app *app, struct wiz_flow *flow, struct wiz_endpoints *ep,
                                    struct wiz_slash_run *run)
{
    struct wiz_signin s;
    enum wiz_rc rc = wiz_signin_first_run(app); /* a new user: the region, then sign in or create */
    if (rc)
        return rc;
    rc = sign_in(app, ep, &s, run);
    if (!rc)
        rc = create_project(app, flow, ep, run, &s, app->opts.app_name, NULL);
    wiz_signin_clear(&s);
    return rc;
}

static enum wiz_rc with_session(struct wiz_app *app, struct wiz_flow *flow, struct wiz_endpoints *ep,
                                struct wiz_slash_run *run)
{
    const char *key = given_api_key(app);
    if (key && !wiz_api_key_valid(key))
        return wiz_fail(&app->ctx, WIZ_EUSAGE, "--api-key / AMPLITUDE_WIZARD_API_KEY: not an Amplitude API key "
                                               "(letters, digits, '_', '.', '-'; at most 128)");
    if (key) {
        /* The key says everything plugins need: no OAuth, no network. */
        struct wiz_session_info info = {.zone = ep->zone, .ingest_url = ep->ingest, .api_key = key,
                                        .app_id = app->opts.app_id, .app_source = "flag"};
        run->key_chosen = true;
        return wiz_flow_run(app, flow, &info);
    }
    struct wiz_signin s;
    struct wiz_choice c;
    enum wiz_rc rc;
    if (app->opts.app_name)
        return with_new_project(app, flow, ep, run);
    rc = wiz_signin_first_run(app); /* a new user: the region, then sign in or create */
    if (rc)
        return rc;
    for (int round = 0;; round++) {
        rc = sign_in(app, ep, &s, run);
        if (!rc)
            rc = wiz_select_key(app, &s.orgs, &c);
        if (rc == WIZ_ESTALE && round < 3) { /* a command at the picker changed the account or zone */
            app->ctx.rc = WIZ_OK; /* rc is set again at the top of the loop */
            wiz_signin_clear(&s);
            continue;
        }
        if (rc || (app->opts.zone == ep->zone && !run->session_changed) || round == 3)
            break;
        /* /region, /login or /logout typed at the project question: that choice was for
         * the old zone or account */
        wiz_signin_clear(&s);
    }
    if (!rc && app->opts.zone != ep->zone)
        rc = wiz_fail(&app->ctx, WIZ_EUSAGE, "the zone kept changing; run setup again with --zone");
    if (!rc && c.create) { /* the picker's "create a new project" (interactive) */
        char *name = NULL;
        rc = wiz_ui_ask_text(app, "Name of the new Amplitude project", "--app-name", &name);
        if (!rc && (!name || !name[0]))
            rc = wiz_fail(&app->ctx, WIZ_ECANCEL, "no project name given: nothing was created");
        if (!rc)
            rc = create_project(app, flow, ep, run, &s, name, c.org);
        free(name);
        wiz_signin_clear(&s);
        return rc;
    }
    if (!rc) {
        run->key_chosen = true;
        wiz_ui_status(app, "Using Amplitude project: %s / %s / %s (app %s)", c.org->name ? c.org->name : "?",
                      c.project->name ? c.project->name : "?", c.env->name ? c.env->name : "?",
                      c.env->app_id ? c.env->app_id : "?");
        struct wiz_session_info info = {.zone = ep->zone, .ingest_url = ep->ingest};
        info.api_key = c.env->api_key;
        info.user_id = s.user.id;
        info.user_email = s.user.email;
        info.org_id = c.org->id;
        info.org_name = c.org->name;
        info.project_id = c.project->id;
        info.project_name = c.project->name;
        info.env_name = c.env->name;
        info.app_id = c.env->app_id;
        info.app_source = c.source;
        rc = wiz_flow_run(app, flow, &info);
    }
    wiz_signin_clear(&s);
    return rc;
}

static enum wiz_rc run_setup(struct wiz_app *app)
{
    if (app->opts.signup && given_api_key(app))
        return wiz_fail(&app->ctx, WIZ_EUSAGE, "--signup and --api-key exclude each other");
    if (app->opts.app_name && (given_api_key(app) || app->opts.app_id))
        return wiz_fail(&app->ctx, WIZ_EUSAGE, "--app-name creates a project: it excludes --api-key and --app-id");
    struct wiz_endpoints ep;
    enum wiz_rc rc = wiz_endpoints_get(&app->ctx, app->server, app->opts.zone, &ep);
    if (rc)
        return rc;
    struct wiz_slash_run run = {.key_chosen = false};
    struct wiz_flow *flow = NULL;
    rc = wiz_slash_cmds_register(app, &run);
    if (!rc)
        rc = wiz_flow_detect(app, &flow);
    if (!rc && !given_api_key(app)) /* a plugin that will fail says so before the sign-in */
        rc = wiz_flow_rehearse(app, flow, ep.zone, ep.ingest);
    if (!rc)
        rc = with_session(app, flow, &ep, &run);
    wiz_flow_free(flow);
    wiz_endpoints_clear(&ep);
    (void)wiz_slash_cmds_register(app, NULL); /* the table outlives run: drop the pointer */
    return rc;
}

static const char *const setup_flags[] = {"signup", "email", "full-name", "accept-tos", "no-browser",
                                          "login-timeout", "app-id", "org", "project", "env", "api-key", "app-name",
                                          "framework", "dry-run", "skip-install", "force", NULL};

const struct wiz_cmd wiz_cmd_setup = {
    .name = "setup",
    .summary = "set up Amplitude in the app in --install-dir (sign in, choose a project, wire the SDK)",
    .usage = "setup [--ci|--agent] [--api-key KEY | --app-id ID | --org O --project P --env E | --app-name NAME]\n"
             "       [--signup --email E [--full-name N] [--accept-tos]] [--framework ID] [--dry-run]",
    .details = "Detects the framework, signs in (stored session, refreshed when due; else a browser login,\n"
               "or direct signup with --signup), chooses the project key (--app-id, the name filters, the\n"
               "only environment with a key, or a question; --ci takes the lowest-ranked environment), then\n"
               "runs the framework plugin. --api-key (or AMPLITUDE_WIZARD_API_KEY) skips sign-in entirely.\n"
               "--app-name NAME creates a new project in the organization (--org, or your only one) and\n"
               "uses its key; a name already taken there exits 11.",
    .flags = setup_flags,
    .auto_agent = true,
    .run = run_setup,
};
