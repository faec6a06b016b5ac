/* logout: removes the stored logins of one zone, or of all zones. */
#include "cli.h"
#include "store_text.h"
#include "../ui/ui.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

static enum wiz_rc run_logout(struct wiz_app *app)
{
    struct wiz_ctx *ctx = &app->ctx;
    struct wiz_store st = wiz_app_store(app);
    const enum wiz_zone *zone = app->opts.zone_set ? &app->opts.zone : NULL;
    char **removed = NULL;
    enum wiz_rc rc = wiz_store_logout(ctx, &st, zone, &removed);
    if (rc)
        return rc;
    if (app->opts.json || wiz_ui_mode(app) == WIZ_UI_AGENT) {
        /* the entry keys removed and the file, as one object (agent: a result event) */
        json_t *list = json_array();
        for (char **k = removed; list && *k; k++)
            json_array_append_new(list, json_string(*k));
        json_t *o = json_pack("{s:o, s:s}", "removed", list, "file", app->config_path);
        char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
        json_decref(o);
        if (text)
            wiz_ui_result(app, "logout", removed[0] ? "logged out" : "not logged in: nothing to remove", text);
        else
            rc = wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
        free(text);
        wiz_store_free_list(removed);
        return rc;
    }
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
    .usage = "logout [--zone us|eu] [--json]",
    .details = "Removes the User entries (real users and a pending signup) of the zone given with\n"
               "--zone, or of every zone without it, and lists the entries removed. Every other\n"
               "key of the credential file stays as it is. Nothing is sent over the network.\n"
               "--json prints {\"removed\": [keys], \"file\"}; --agent, the same in a result event.\n"
               "Exit 14 if another process holds the credential file's lock.",
    .run = run_logout,
};
