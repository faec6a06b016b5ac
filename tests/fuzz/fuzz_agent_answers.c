/* Agent answers read from stdin (core/ui/agent.c): the input is stdin, answering a
 * choice, a text question and a confirmation in turn; output goes nowhere. */
#include "ui/ui.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *in = fmemopen(NULL, size + 1, "w+");
    FILE *out = fopen("/dev/null", "w");
    if (!in || !out) {
        if (in)
            fclose(in);
        if (out)
            fclose(out);
        return 0;
    }
    fwrite(data, 1, size, in);
    rewind(in);
    struct wiz_app app;
    memset(&app, 0, sizeof app);
    wiz_ctx_init(&app.ctx);
    wiz_opts_defaults(&app.opts);
    if (wiz_ui_open(&app, WIZ_UI_AGENT, in, out) == WIZ_OK && wiz_ui_begin(&app) == WIZ_OK) {
        static const char *const labels[] = {"Project A", "Project B", "Project C"};
        static const char *const values[] = {"--app-id 1", "--app-id 2", NULL};
        int idx = -1;
        if (wiz_ui_choose_values(&app, "Which project?", labels, values, 3, -1, "--app-id", &idx) == WIZ_OK &&
            (idx < 0 || idx >= 3))
            abort(); /* an accepted answer is in range */
        char *text = NULL;
        (void)wiz_ui_ask_text(&app, "Your full name?", "--full-name", &text);
        free(text);
        bool yes;
        (void)wiz_ui_confirm(&app, "Apply?", true, &yes);
        (void)wiz_ui_choose(&app, "Zone?", labels, 2, 0, "--zone", &idx);
    }
    (void)wiz_ui_finish(&app, WIZ_OK);
    fclose(in);
    fclose(out);
    return 0;
}
