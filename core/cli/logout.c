/* logout: removes the stored logins of one zone, or of all zones. */
#include "cli.h"
#include "store_text.h"

#include <stdio.h>

static enum wiz_rc run_logout(struct wiz_app *app)
{
    struct wiz_ctx *ctx = &app->ctx;
    struct wiz_store st = wiz_app_store(app);
    const enum wiz_zone *zone = app->opts.zone_set ? &app->opts.zone : NULL;
    char **removed = NULL;
    enum wiz_rc rc = wiz_store_logout(ctx, &st, zone, &removed);
    if (rc)
        return rc;
    if (!removed[0]) {
        printf("not logged in%s%s: nothing to remove\n", zone ? " in zone " : "", zone ? wiz_zone_name(*zone) : "");
    } else {
        for (char **k = removed; *k; k++) {
            fputs("removed ", stdout);
            wiz_fputs_safe(stdout, *k);
            fputs(" from ", stdout);
            wiz_fputs_safe(stdout, app->config_path);
            fputc('\n', stdout);
        }
    }
    wiz_store_free_list(removed);
    return WIZ_OK;
}

const struct wiz_cmd wiz_cmd_logout = {
    .name = "logout",
    .summary = "remove stored logins from the credential file",
    .usage = "logout [--zone us|eu]",
    .details = "Removes the User entries (real users and a pending signup) of the zone given with\n"
               "--zone, or of every zone without it, and lists the entries removed. Every other\n"
               "key of the credential file stays as it is. Nothing is sent over the network.\n"
               "Exit 14 if another process holds the credential file's lock.",
    .run = run_logout,
};
