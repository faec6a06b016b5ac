/* Minimal line-based front end shared by every mode until the full UIs land:
 * questions on stderr, answers read a line at a time from stdin. */
#include "ui.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum wiz_ui_mode wiz_ui_mode_pick(const struct wiz_opts *opts)
{
    const char *ag = getenv("AMPLITUDE_WIZARD_AGENT");
    if (opts->agent || (ag && strcmp(ag, "1") == 0))
        return WIZ_UI_AGENT;
    if (opts->ci || opts->yes)
        return WIZ_UI_CI;
    if (opts->classic)
        return WIZ_UI_CLASSIC;
    if (isatty(0) && isatty(1)) {
        const char *term = getenv("TERM");
        return (term && strcmp(term, "dumb") == 0) ? WIZ_UI_CLASSIC : WIZ_UI_INTERACTIVE;
    }
    return WIZ_UI_AGENT;
}

const char *wiz_ui_mode_name(enum wiz_ui_mode m)
{
    static const char *const names[] = {"interactive", "classic", "ci", "agent"};
    return names[m];
}

static bool can_ask(const struct wiz_app *app)
{
    enum wiz_ui_mode m = wiz_ui_mode_pick(&app->opts);
    return m == WIZ_UI_INTERACTIVE || m == WIZ_UI_CLASSIC;
}

/* returns owned line without newline: free(); NULL on EOF */
static char *read_line(void)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = getline(&line, &cap, stdin);
    if (n < 0) {
        free(line);
        return NULL;
    }
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    return line;
}

enum wiz_rc wiz_ui_choose(struct wiz_app *app, const char *question, const char *const *labels, int n,
                          int default_idx, const char *resume_flag, int *out)
{
    if (!can_ask(app)) {
        if (default_idx >= 0 && default_idx < n) {
            *out = default_idx;
            return WIZ_OK;
        }
        return wiz_fail(&app->ctx, WIZ_EINPUT, "%s: pass %s", question, resume_flag ? resume_flag : "the answer as a flag");
    }
    for (;;) {
        fprintf(stderr, "%s\n", question);
        for (int i = 0; i < n; i++)
            fprintf(stderr, "  %d) %s\n", i + 1, labels[i]);
        fprintf(stderr, "choose 1-%d%s: ", n, default_idx >= 0 ? " [1]" : "");
        char *line = read_line();
        if (!line)
            return wiz_fail(&app->ctx, WIZ_ECANCEL, "no answer (end of input)");
        if (!line[0] && default_idx >= 0) {
            free(line);
            *out = default_idx;
            return WIZ_OK;
        }
        char *end;
        long v = strtol(line, &end, 10);
        bool ok = end != line && !*end && v >= 1 && v <= n;
        free(line);
        if (ok) {
            *out = (int)v - 1;
            return WIZ_OK;
        }
        fprintf(stderr, "please answer with a number from 1 to %d\n", n);
    }
}

enum wiz_rc wiz_ui_ask_text(struct wiz_app *app, const char *question, const char *resume_flag, char **out)
{
    if (!can_ask(app))
        return wiz_fail(&app->ctx, WIZ_EINPUT, "%s: pass %s", question, resume_flag ? resume_flag : "the answer as a flag");
    fprintf(stderr, "%s: ", question);
    char *line = read_line();
    if (!line)
        return wiz_fail(&app->ctx, WIZ_ECANCEL, "no answer (end of input)");
    *out = line;
    return WIZ_OK;
}

enum wiz_rc wiz_ui_confirm(struct wiz_app *app, const char *question, bool default_yes, bool *out)
{
    if (!can_ask(app) || app->opts.yes) {
        *out = default_yes || app->opts.yes;
        return WIZ_OK;
    }
    fprintf(stderr, "%s %s ", question, default_yes ? "[Y/n]" : "[y/N]");
    char *line = read_line();
    if (!line)
        return wiz_fail(&app->ctx, WIZ_ECANCEL, "no answer (end of input)");
    *out = line[0] ? (line[0] == 'y' || line[0] == 'Y') : default_yes;
    free(line);
    return WIZ_OK;
}

void wiz_ui_status(struct wiz_app *app, const char *fmt, ...)
{
    (void)app;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}
