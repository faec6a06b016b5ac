/* detect (engine not built yet) */
#include "cli.h"

static enum wiz_rc run_detect(struct wiz_app *app)
{
    return wiz_fail(&app->ctx, WIZ_ERR, "'detect' is not available yet in this build");
}

const struct wiz_cmd wiz_cmd_detect = {
    .name = "detect",
    .summary = "(not built yet)",
    .usage = "detect",
    .run = run_detect,
};
