/* auth status (engine not built yet) */
#include "cli.h"

static enum wiz_rc run_auth_status(struct wiz_app *app)
{
    return wiz_fail(&app->ctx, WIZ_ERR, "'auth status' is not available yet in this build");
}

const struct wiz_cmd wiz_cmd_auth_status = {
    .name = "auth status",
    .summary = "(not built yet)",
    .usage = "auth status",
    .run = run_auth_status,
};
