/* login (engine not built yet) */
#include "cli.h"

static enum wiz_rc run_login(struct wiz_app *app)
{
    return wiz_fail(&app->ctx, WIZ_ERR, "'login' is not available yet in this build");
}

const struct wiz_cmd wiz_cmd_login = {
    .name = "login",
    .summary = "(not built yet)",
    .usage = "login",
    .run = run_login,
};
