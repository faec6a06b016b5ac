/* auth token (engine not built yet) */
#include "cli.h"

static enum wiz_rc run_auth_token(struct wiz_app *app)
{
    return wiz_fail(&app->ctx, WIZ_ERR, "'auth token' is not available yet in this build");
}

const struct wiz_cmd wiz_cmd_auth_token = {
    .name = "auth token",
    .summary = "(not built yet)",
    .usage = "auth token",
    .run = run_auth_token,
};
