/* whoami: the stored user of a zone, offline (no network). */
#include "cli.h"
#include "store_text.h"
#include "../ui/ui.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>

/* --json / --agent: Amplitude's wizard's whoami (src/commands/whoami.ts): data.event
 * "whoami" with loggedIn, email, firstName, lastName, region, tokenExpiresAt, or
 * loggedIn false and the loginCommand; exit 0 either way, as there. */
static enum wiz_rc whoami_json(struct wiz_app *app, const struct wiz_user *u, const char *expires)
{
    json_t *d = u ? json_pack("{s:b, s:s, s:s, s:s, s:s, s:s, s:s}", "loggedIn", 1, "email", u->email ? u->email : "",
                              "firstName", u->first_name ? u->first_name : "", "lastName",
                              u->last_name ? u->last_name : "", "region", wiz_zone_name(u->zone), "tokenExpiresAt",
                              expires, "id", u->id)
                  : app->opts.zone == WIZ_ZONE_EU
                  ? json_pack("{s:b, s:[s,s,s,s]}", "loggedIn", 0, "loginCommand", "ampli-wizard", "login", "--zone", "eu")
                  : json_pack("{s:b, s:[s,s]}", "loggedIn", 0, "loginCommand", "ampli-wizard", "login");
    if (!d)
        return wiz_fail(&app->ctx, WIZ_EINTERNAL, "out of memory");
    char *msg = wiz_asprintf("whoami: %s", u ? (u->email ? u->email : u->id) : "not logged in");
    if (wiz_ui_mode(app) == WIZ_UI_AGENT) {
        char *text = json_dumps(d, JSON_COMPACT);
        wiz_ui_result(app, "whoami", msg ? msg : "whoami", text ? text : "{}");
        free(text);
        json_decref(d);
    } else {
        wiz_ui_envelope(app, WIZ_AEV_whoami, msg ? msg : "whoami", d, stdout);
    }
    free(msg);
    return WIZ_OK;
}

static enum wiz_rc run_whoami(struct wiz_app *app)
{
    struct wiz_ctx *ctx = &app->ctx;
    struct wiz_store st = wiz_app_store(app);
    enum wiz_zone zone = app->opts.zone;
    bool as_json = app->opts.json || wiz_ui_mode(app) == WIZ_UI_AGENT;
    struct wiz_user u;
    struct wiz_tokens t;
    enum wiz_rc rc = wiz_store_get_token(ctx, &st, zone, NULL, &u, &t);
    char expires[32] = "";
    if (rc == WIZ_OK)
        wiz_time_format_iso(expires, t.expires_at);
    wiz_tokens_clear(&t);
    if (rc == WIZ_ENOTFOUND || (rc == WIZ_OK && wiz_user_is_pending(&u))) {
        /* the pending sentinel holds tokens but no identity: not a login */
        wiz_user_clear(&u);
        if (as_json) {
            ctx->rc = WIZ_OK;
            return whoami_json(app, NULL, NULL);
        }
        return wiz_fail(ctx, WIZ_EAUTH, "not logged in (zone %s); run 'ampli-wizard login%s'",
                        wiz_zone_name(zone), zone == WIZ_ZONE_US ? "" : " --zone eu");
    }
    if (rc)
        return rc;
    if (as_json) {
        rc = whoami_json(app, &u, expires);
        wiz_user_clear(&u);
        return rc;
    }
    char *name = wiz_user_display_name(&u);
    if (!name) {
        wiz_user_clear(&u);
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    }
    fputs("name:  ", stdout);
    wiz_fputs_safe(stdout, name);
    fputs("\nemail: ", stdout);
    wiz_fputs_safe(stdout, u.email);
    printf("\nzone:  %s\n", wiz_zone_name(u.zone));
    free(name);
    wiz_user_clear(&u);
    return WIZ_OK;
}

const struct wiz_cmd wiz_cmd_whoami = {
    .name = "whoami",
    .summary = "show the signed-in user (from the credential file, offline)",
    .usage = "whoami [--zone us|eu] [--json]",
    .details = "Prints the name, email and zone of the user stored for the zone (default us) in\n"
               "the credential file. Nothing is sent over the network.\n"
               "Exit 3 (not logged in) when the zone has no stored user; a signup that is still\n"
               "pending (tokens without a user) does not count as a login.\n"
               "--json prints the one NDJSON line Amplitude's wizard prints: a result event whose\n"
               "data is {\"event\": \"whoami\", \"loggedIn\", \"email\", \"firstName\", \"lastName\",\n"
               "\"region\", \"tokenExpiresAt\", \"id\"}, or {\"loggedIn\": false, \"loginCommand\"}; exit 0\n"
               "either way, as there. --agent: the same data in the run's event stream.",
    .run = run_whoami,
};
