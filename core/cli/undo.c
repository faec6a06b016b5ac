/* undo (engine not built yet) */
#include "cli.h"

static enum wiz_rc run_undo(struct wiz_app *app)
{
    return wiz_fail(&app->ctx, WIZ_ERR, "'undo' is not available yet in this build");
}

const struct wiz_cmd wiz_cmd_undo = {
    .name = "undo",
    .summary = "(not built yet)",
    .usage = "undo",
    .run = run_undo,
};
