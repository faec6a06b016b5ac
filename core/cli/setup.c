/* setup (engine not built yet) */
#include "cli.h"

static enum wiz_rc run_setup(struct wiz_app *app)
{
    return wiz_fail(&app->ctx, WIZ_ERR, "'setup' is not available yet in this build");
}

const struct wiz_cmd wiz_cmd_setup = {
    .name = "setup",
    .summary = "(not built yet)",
    .usage = "setup",
    .run = run_setup,
};
