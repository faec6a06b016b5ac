/* logout (engine not built yet) */
#include "cli.h"

static enum wiz_rc run_logout(struct wiz_app *app)
{
    return wiz_fail(&app->ctx, WIZ_ERR, "'logout' is not available yet in this build");
}

const struct wiz_cmd wiz_cmd_logout = {
    .name = "logout",
    .summary = "(not built yet)",
    .usage = "logout",
    .run = run_logout,
};
