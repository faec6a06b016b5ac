/* detect [--json]: which plugin claims the project and why; no sign-in, no writes. */
#include "cli.h"
#include "../plugin/flow.h"
#include "../ui/ui.h"

static enum wiz_rc run_detect(struct wiz_app *app)
{
    struct wiz_flow *flow = NULL;
    enum wiz_rc rc = wiz_flow_detect(app, &flow);
    if (rc)
        return rc;
    wiz_flow_report(app, flow, app->opts.json || wiz_ui_mode(app) == WIZ_UI_AGENT);
    wiz_flow_free(flow);
    return WIZ_OK;
}

static const char *const detect_flags[] = {"framework", NULL};

const struct wiz_cmd wiz_cmd_detect = {
    .name = "detect",
    .summary = "show which framework plugin claims the project (no sign-in, no writes)",
    .usage = "detect [--install-dir DIR] [--json]",
    .details = "Runs every plugin's detection on the project, in priority order, and prints the\n"
               "first that claims it, the evidence it found, and the package manager (by lockfile).\n"
               "Exit 2 when no plugin recognises the project (--agent: a needs_input event naming\n"
               "--framework with the installed frameworks, exit 12).",
    .flags = detect_flags,
    .run = run_detect,
};
