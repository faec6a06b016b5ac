/* plugins new (engine not built yet) */
#include "cli.h"

static enum wiz_rc run_plugins_new(struct wiz_app *app)
{
    return wiz_fail(&app->ctx, WIZ_ERR, "'plugins new' is not available yet in this build");
}

const struct wiz_cmd wiz_cmd_plugins_new = {
    .name = "plugins new",
    .summary = "(not built yet)",
    .usage = "plugins new",
    .run = run_plugins_new,
};
