/* Process-level settings derived from the environment. */
#include "cli.h"
#include "../store/migrate.h"

#include <stdio.h>
#include <stdlib.h>

enum wiz_rc wiz_app_config_path(struct wiz_app *app)
{
    /* Our own settings use the AMPLI_WIZARD_ prefix: Amplitude's wizard maps every
     * AMPLITUDE_WIZARD_* variable to a flag of its own and refuses the ones it does not
     * know (bin.ts: yargs .env('AMPLITUDE_WIZARD') + .strict()), so a variable of ours under
     * that prefix would break it in the same shell. AMPLITUDE_WIZARD_CONFIG is still read
     * (older scripts set it), after the new name. */
    const char *p = getenv("AMPLI_WIZARD_CONFIG");
    if (!p || !p[0])
        p = getenv("AMPLITUDE_WIZARD_CONFIG");
    if (p && p[0]) {
        app->config_path = p;
        return WIZ_OK;
    }
    const char *home = getenv("HOME");
    if (!home || !home[0])
        return wiz_fail(&app->ctx, WIZ_ERR, "HOME is not set; set AMPLI_WIZARD_CONFIG to the credential file");
    enum wiz_rc rc = wiz_store_session_path(&app->ctx, home, app->config_buf, sizeof app->config_buf);
    if (rc)
        return rc;
    app->config_path = app->config_buf;
    return WIZ_OK;
}
