/* auth status: whether a zone has a stored login, its expiry and whether a refresh is
 * due, offline. Never prints a token. */
#include "cli.h"
#include "store_text.h"
#include "../ui/ui.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

/* Refresh when less than this remains (services reference). */
#define REFRESH_MARGIN_S 300

struct status {
    bool logged_in, pending, refresh_due;
    struct wiz_user user; /* valid when logged_in */
    time_t expires_at;    /* valid when logged_in */
};

static enum wiz_rc gather(struct wiz_ctx *ctx, const struct wiz_store *st, enum wiz_zone zone, struct status *s)
{
    struct wiz_tokens t;
    enum wiz_rc rc = wiz_store_get_token(ctx, st, zone, NULL, &s->user, &t);
    if (rc == WIZ_OK && !wiz_user_is_pending(&s->user)) {
        s->logged_in = true;
        s->expires_at = t.expires_at;
        s->refresh_due = t.expires_at - wiz_now(ctx) < REFRESH_MARGIN_S;
    }
    wiz_tokens_clear(&t);
    if (rc != WIZ_OK && rc != WIZ_ENOTFOUND)
        return rc;
    struct wiz_tokens pt;
    rc = wiz_store_get_token(ctx, st, zone, WIZ_PENDING_USER_ID, NULL, &pt);
    wiz_tokens_clear(&pt);
    s->pending = rc == WIZ_OK;
    return rc == WIZ_ENOTFOUND ? WIZ_OK : rc;
}

/* --json (and agent mode: a result event with the same members): the fields of Amplitude's
 * wizard's `auth status --json` (src/lib/agent-ops.ts AuthStatusResult: loggedIn, user
 * {email, firstName, lastName, zone}, tokenExpiresAt), then ours (id, zone, refreshDue,
 * pending). */
static enum wiz_rc print_json(struct wiz_app *app, const struct status *s, enum wiz_zone zone)
{
    struct wiz_ctx *ctx = &app->ctx;
    char iso[32];
    json_t *user = json_null();
    if (s->logged_in) {
        user = json_pack("{s:s, s:s, s:s, s:s, s:s}", "email", s->user.email ? s->user.email : "", "firstName",
                         s->user.first_name ? s->user.first_name : "", "lastName",
                         s->user.last_name ? s->user.last_name : "", "zone", wiz_zone_name(s->user.zone), "id",
                         s->user.id);
        wiz_time_format_iso(iso, s->expires_at);
    }
    json_t *o = json_pack("{s:b, s:o, s:o, s:s, s:b, s:b}", "loggedIn", s->logged_in, "user", user, "tokenExpiresAt",
                          s->logged_in ? json_string(iso) : json_null(), "zone", wiz_zone_name(zone), "refreshDue",
                          s->refresh_due, "pending", s->pending);
    char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    if (!text)
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    wiz_ui_result(app, "auth_status", s->logged_in ? "signed in" : "not signed in", text);
    free(text);
    return WIZ_OK;
}

static void print_text(const struct status *s, enum wiz_zone zone, time_t now)
{
    printf("logged in:   %s\n", s->logged_in ? "yes" : "no");
    if (s->logged_in) {
        char *name = wiz_user_display_name(&s->user);
        fputs("user:        ", stdout);
        wiz_fputs_safe(stdout, name ? name : s->user.id);
        fputs(" <", stdout);
        wiz_fputs_safe(stdout, s->user.email);
        fputs(">\n", stdout);
        free(name);
    }
    printf("zone:        %s\n", wiz_zone_name(zone));
    if (s->logged_in) {
        char iso[32];
        wiz_time_format_iso(iso, s->expires_at);
        long left = (long)(s->expires_at - now);
        if (left >= 0)
            printf("expires:     %s (in %ldh %02ldm)\n", iso, left / 3600, left % 3600 / 60);
        else
            printf("expires:     %s (expired; the next run refreshes it)\n", iso);
        printf("refresh due: %s\n", s->refresh_due ? "yes" : "no");
    }
    if (s->pending)
        printf("pending:     a signup is waiting to be completed; the next login or setup finishes it\n");
}

static enum wiz_rc run_auth_status(struct wiz_app *app)
{
    struct wiz_ctx *ctx = &app->ctx;
    struct wiz_store st = wiz_app_store(app);
    enum wiz_zone zone = app->opts.zone;
    struct status s = {0};
    bool as_json = app->opts.json || wiz_ui_mode(app) == WIZ_UI_AGENT;
    enum wiz_rc rc = gather(ctx, &st, zone, &s);
    if (rc == WIZ_OK) {
        if (as_json)
            rc = print_json(app, &s, zone);
        else
            print_text(&s, zone, wiz_now(ctx));
    }
    wiz_user_clear(&s.user);
    /* exit 3 when not logged in, also after the JSON (as Amplitude's wizard does) */
    if (rc == WIZ_OK && !s.logged_in)
        rc = wiz_fail(ctx, WIZ_EAUTH, "not logged in (zone %s)", wiz_zone_name(zone));
    return rc;
}

const struct wiz_cmd wiz_cmd_auth_status = {
    .name = "auth status",
    .summary = "show whether you are signed in and when the session expires",
    .usage = "auth status [--zone us|eu] [--json]",
    .details = "Reads the credential file (offline) and reports, for the zone (default us): whether\n"
               "a user is logged in, who, the token expiry, whether a refresh is due (less than\n"
               "5 minutes left) and whether a signup is pending. Tokens are never printed.\n"
               "--json prints one object with the fields of Amplitude's wizard: {\"loggedIn\",\n"
               "\"user\": {\"email\", \"firstName\", \"lastName\", \"zone\", \"id\"}, \"tokenExpiresAt\",\n"
               "\"zone\", \"refreshDue\", \"pending\"} (user and tokenExpiresAt are null when not\n"
               "logged in). Exit 0 when logged in, 3 when not (also with --json). --agent: the\n"
               "same members in an NDJSON result event (data.event auth_status).",
    .run = run_auth_status,
};
