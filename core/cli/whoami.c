/* whoami (engine not built yet) */
#include "cli.h"

static enum wiz_rc run_whoami(struct wiz_app *app)
{
    return wiz_fail(&app->ctx, WIZ_ERR, "'whoami' is not available yet in this build");
}

const struct wiz_cmd wiz_cmd_whoami = {
    .name = "whoami",
    .summary = "(not built yet)",
    .usage = "whoami",
    .run = run_whoami,
};
