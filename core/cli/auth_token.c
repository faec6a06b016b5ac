/* auth token: print a valid access token (refreshed first when due) and nothing else. */
#include "cli.h"

#include "../auth/endpoints.h"
#include "../auth/session.h"
#include "../ui/ui.h"

#include <stdio.h>

static enum wiz_rc run_auth_token(struct wiz_app *app)
{
    /* Amplitude's contract: no token in any agent payload (agent-events.ts) */
    if (wiz_ui_mode(app) == WIZ_UI_AGENT)
        return wiz_fail(&app->ctx, WIZ_EUSAGE, "auth token prints a secret, and secrets never go into the agent "
                                               "event stream: run it without --agent (and without "
                                               "AMPLITUDE_WIZARD_AGENT=1)");
    struct wiz_endpoints ep;
    enum wiz_rc rc = wiz_endpoints_get(&app->ctx, app->server, app->opts.zone, &ep);
    if (rc)
        return rc;
    struct wiz_signin s;
    struct wiz_signin_opts o = {.need_orgs = false, .allow_login = false};
    rc = wiz_signin_get(app, &ep, &o, &s);
    if (!rc) {
        printf("%s\n", s.tokens.access_token);
        if (fflush(stdout) != 0)
            rc = wiz_fail_errno(&app->ctx, WIZ_EIO, "writing the token");
    }
    wiz_signin_clear(&s);
    wiz_endpoints_clear(&ep);
    return rc;
}

const struct wiz_cmd wiz_cmd_auth_token = {
    .name = "auth token",
    .summary = "print a valid access token for scripts (refreshing it first when due)",
    .usage = "auth token [--zone us|eu]",
    .details = "Prints the stored session's OAuth access token on stdout and nothing else. The token is\n"
               "refreshed first when less than 5 minutes remain. Never starts a browser login: without a\n"
               "stored session it exits 3 (run 'ampli-wizard login' first).",
    .run = run_auth_token,
};
