/* plugins list (engine not built yet) */
#include "cli.h"

static enum wiz_rc run_plugins_list(struct wiz_app *app)
{
    return wiz_fail(&app->ctx, WIZ_ERR, "'plugins list' is not available yet in this build");
}

const struct wiz_cmd wiz_cmd_plugins_list = {
    .name = "plugins list",
    .summary = "(not built yet)",
    .usage = "plugins list",
    .run = run_plugins_list,
};
