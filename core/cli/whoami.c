/* whoami: the stored user of a zone, offline (no network). */
#include "cli.h"
#include "store_text.h"
#include "../ui/ui.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>

static enum wiz_rc run_whoami(struct wiz_app *app)
{
    struct wiz_ctx *ctx = &app->ctx;
    struct wiz_store st = wiz_app_store(app);
    enum wiz_zone zone = app->opts.zone;
    struct wiz_user u;
    enum wiz_rc rc = wiz_store_get_user(ctx, &st, zone, &u);
    if (rc == WIZ_ENOTFOUND || (rc == WIZ_OK && wiz_user_is_pending(&u))) {
        /* the pending sentinel holds tokens but no identity: not a login */
        wiz_user_clear(&u);
        return wiz_fail(ctx, WIZ_EAUTH, "not logged in (zone %s); run 'ampli-wizard login%s'",
                        wiz_zone_name(zone), zone == WIZ_ZONE_US ? "" : " --zone eu");
    }
    if (rc)
        return rc;
    char *name = wiz_user_display_name(&u);
    if (!name) {
        wiz_user_clear(&u);
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    }
    if (app->opts.json || wiz_ui_mode(app) == WIZ_UI_AGENT) {
        json_t *o = json_pack("{s:{s:s?, s:s, s:s?}, s:s}", "user", "id", u.id, "name", name, "email", u.email,
                              "zone", wiz_zone_name(u.zone));
        char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
        json_decref(o);
        if (text)
            wiz_ui_result(app, "whoami", "signed in", text);
        else
            rc = wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
        free(text);
        free(name);
        wiz_user_clear(&u);
        return rc;
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
               "--json prints {\"user\": {\"id\", \"name\", \"email\"}, \"zone\"}; --agent puts the same\n"
               "object in an NDJSON result event (kind whoami).",
    .run = run_whoami,
};
