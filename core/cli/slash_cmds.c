/* The engine's slash commands. Each reuses the command or policy it stands for
 * (the session policy of core/auth/session.c for /login, the store for /logout and
 * /whoami, the ledger for /undo) and reports through wiz_ui_* calls. */
#include "slash_cmds.h"

#include "../auth/endpoints.h"
#include "../auth/session.h"
#include "../plugin/host.h"
#include "../ui/slash.h"
#include "../ui/ui.h"
#include "store_text.h"

#include <stdio.h>
#include <stdlib.h>

void wiz_slash_show_header(struct wiz_app *app, const struct wiz_user *u, enum wiz_zone zone)
{
    char *name = wiz_user_display_name(u);
    char *who = wiz_asprintf("%s <%s>", name ? name : "?", u->email ? u->email : "");
    wiz_ui_header(app, who ? who : name, zone);
    free(who);
    free(name);
}

/* /login: re-authenticate now: refresh when the stored session allows it, else the
 * browser; wiz_signin_get makes the one bundled store write either way. */
static enum wiz_rc slash_login(struct wiz_app *app, const char *args, void *ud)
{
    (void)args;
    struct wiz_slash_run *run = ud;
    struct wiz_endpoints ep;
    enum wiz_rc rc = wiz_endpoints_get(&app->ctx, app->server, app->opts.zone, &ep);
    if (rc)
        return rc;
    struct wiz_signin s;
    struct wiz_signin_opts o = {.allow_login = true, .renew = true};
    rc = wiz_signin_get(app, &ep, &o, &s);
    if (!rc) {
        wiz_ui_status(app, "%s (session valid until the token expires; stored in %s)",
                      s.fresh ? "Signed in again through the browser" : "Session refreshed", app->config_path);
        wiz_slash_show_header(app, &s.user, ep.zone);
        if (run) { /* the account signed in now is the one the rest of the run uses */
            run->session_changed = true;
            wiz_ui_question_stale(app);
            snprintf(run->user_id, sizeof run->user_id, "%s", s.user.id ? s.user.id : "");
        }
    }
    wiz_signin_clear(&s);
    wiz_endpoints_clear(&ep);
    return rc;
}

static enum wiz_rc slash_logout(struct wiz_app *app, const char *args, void *ud)
{
    (void)args;
    struct wiz_slash_run *run = ud;
    struct wiz_store st = wiz_app_store(app);
    char **removed = NULL;
    enum wiz_rc rc = wiz_store_logout(&app->ctx, &st, &app->opts.zone, &removed);
    if (rc)
        return rc;
    if (!removed[0])
        wiz_ui_status(app, "not signed in in zone %s: nothing to remove", wiz_zone_name(app->opts.zone));
    for (char **k = removed; *k; k++)
        wiz_ui_status(app, "removed %s from %s", *k, app->config_path);
    wiz_store_free_list(removed);
    if (run && !run->key_chosen) { /* the session ends for the rest of the run: sign in again to go on */
        run->session_changed = true;
        run->user_id[0] = '\0';
        wiz_ui_question_stale(app);
        wiz_ui_status(app, "signed out: the run signs in again before it chooses the project");
    }
    return WIZ_OK;
}

static enum wiz_rc slash_whoami(struct wiz_app *app, const char *args, void *ud)
{
    (void)args;
    (void)ud;
    struct wiz_store st = wiz_app_store(app);
    struct wiz_user u;
    enum wiz_rc rc = wiz_store_get_user(&app->ctx, &st, app->opts.zone, &u);
    if (rc == WIZ_ENOTFOUND || (rc == WIZ_OK && wiz_user_is_pending(&u))) {
        if (rc == WIZ_OK)
            wiz_user_clear(&u);
        wiz_ui_header(app, NULL, app->opts.zone);
        return WIZ_OK;
    }
    if (rc)
        return rc;
    wiz_slash_show_header(app, &u, app->opts.zone);
    wiz_user_clear(&u);
    return WIZ_OK;
}

/* /region: the zone for the rest of the run, as long as no project key was chosen
 * (setup signs in again in the new zone); afterwards it is too late. */
static enum wiz_rc slash_region(struct wiz_app *app, const char *args, void *ud)
{
    struct wiz_slash_run *run = ud;
    if (!args[0]) {
        wiz_ui_status(app, "zone: %s (switch with /region us or /region eu)", wiz_zone_name(app->opts.zone));
        return WIZ_OK;
    }
    enum wiz_zone z;
    if (wiz_zone_parse(&z, args) != 0) {
        wiz_ui_status(app, "'%s' is not a zone: use us or eu", args);
        return WIZ_OK;
    }
    if (!run || run->key_chosen) {
        if (z != app->opts.zone)
            wiz_ui_status(app, "too late to switch: the project key of zone %s is already chosen; run setup "
                          "again with --zone %s", wiz_zone_name(app->opts.zone), wiz_zone_name(z));
        else
            wiz_ui_status(app, "zone: %s", wiz_zone_name(z));
        return WIZ_OK;
    }
    if (z != app->opts.zone)
        wiz_ui_question_stale(app);
    app->opts.zone = z;
    app->opts.zone_set = true;
    wiz_ui_status(app, "zone: %s (used for the rest of this run)", wiz_zone_name(z));
    return WIZ_OK;
}

/* /undo: the last run of this project not undone yet (as `ampli-wizard undo`). */
static enum wiz_rc slash_undo(struct wiz_app *app, const char *args, void *ud)
{
    (void)ud;
    char *root = wiz_pfs_root(&app->ctx, app->opts.install_dir);
    if (!root)
        return app->ctx.rc;
    enum wiz_rc rc = wiz_ledger_undo(app, root, args[0] ? args : NULL, false);
    free(root);
    return rc;
}

enum wiz_rc wiz_slash_cmds_register(struct wiz_app *app, struct wiz_slash_run *run)
{
    enum wiz_rc rc = wiz_ui_slash_register(app, "login", NULL, slash_login, run);
    if (!rc)
        rc = wiz_ui_slash_register(app, "logout", NULL, slash_logout, run);
    if (!rc)
        rc = wiz_ui_slash_register(app, "whoami", NULL, slash_whoami, run);
    if (!rc)
        rc = wiz_ui_slash_register(app, "region", NULL, slash_region, run);
    if (!rc)
        rc = wiz_ui_slash_register(app, "undo", "revert the last applied setup of this project (or /undo RUN-ID)",
                                   slash_undo, run);
    return rc;
}
