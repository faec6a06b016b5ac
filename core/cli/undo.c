/* undo [RUN-ID]: restore the files a setup run changed. */
#include "cli.h"
#include "../plugin/host.h"

#include <stdlib.h>

static enum wiz_rc run_undo(struct wiz_app *app)
{
    if (app->opts.argc > 1)
        return wiz_fail(&app->ctx, WIZ_EUSAGE, "undo takes at most one RUN-ID");
    char *root = wiz_pfs_root(&app->ctx, app->opts.install_dir);
    if (!root)
        return app->ctx.rc;
    enum wiz_rc rc = wiz_ledger_undo(app, root, app->opts.argc ? app->opts.argv[0] : NULL, app->opts.force);
    free(root);
    return rc;
}

static const char *const undo_flags[] = {"force", NULL};

const struct wiz_cmd wiz_cmd_undo = {
    .name = "undo",
    .summary = "revert the files a setup run changed (the last run by default)",
    .usage = "undo [RUN-ID] [--install-dir DIR] [--force]",
    .details = "Restores every file from the run's ledger and deletes the files the run created.\n"
               "Ledgers live outside the project, in ~/.amplitude/wizard/runs/<project hash>/undo/\n"
               "(or $AMPLITUDE_WIZARD_CACHE_DIR/runs/...), so only runs this user's wizard recorded\n"
               "for this directory are undone. A file changed since the run is not touched (it is\n"
               "named, and nothing is undone) unless --force is given; a symbolic link in the way is\n"
               "refused, never followed.",
    .flags = undo_flags,
    .run = run_undo,
};
