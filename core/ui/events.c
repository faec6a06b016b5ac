/* The event half of the UI interface: each call becomes one struct wiz_ui_ev for the
 * chosen front end (ui.c's emit). Formatting happens here, once, for every mode. */
#include "ui_priv.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#define MSG_MAX 2048

void wiz_ui_status(struct wiz_app *app, const char *fmt, ...)
{
    char buf[MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    struct wiz_ui_ev ev = {.kind = WIZ_EV_STATUS, .level = 2, .msg = buf};
    wiz_ui_emit(app, &ev);
}

void wiz_ui_log(struct wiz_app *app, int level, const char *fmt, ...)
{
    char buf[MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    wiz_ui_log_sink(app, level, buf);
}

void wiz_ui_log_sink(void *ud, int level, const char *msg)
{
    struct wiz_app *app = ud;
    struct wiz_ui *ui = wiz_ui_state(app);
    if (!ui)
        return;
    if (level < 0)
        level = 0;
    if (ui->log)
        wiz_ui_runlog(ui, level, msg);
    if (level >= 3)
        return; /* debug lines go to the run log only */
    struct wiz_ui_ev ev = {.kind = WIZ_EV_LOG, .level = level, .msg = msg};
    wiz_ui_emit(app, &ev);
}

bool wiz_ui_locale_utf8(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_CTYPE", "LANG"};
    for (size_t i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v && v[0])
            return strcasestr(v, "utf-8") || strcasestr(v, "utf8");
    }
    return false;
}

const char *wiz_ui_sep(void)
{
    return wiz_ui_locale_utf8() ? " \u00b7 " : " - ";
}

void wiz_ui_header(struct wiz_app *app, const char *user, enum wiz_zone zone)
{
    char buf[MSG_MAX];
    snprintf(buf, sizeof buf, "%s%s%szone %s", user ? "signed in as " : "not signed in", user ? user : "",
             wiz_ui_sep(), wiz_zone_name(zone));
    struct wiz_ui_ev ev = {.kind = WIZ_EV_HEADER, .level = 2, .msg = buf, .a = user, .b = wiz_zone_name(zone)};
    wiz_ui_emit(app, &ev);
}

void wiz_ui_progress_begin(struct wiz_app *app, const char *step)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    if (!ui)
        return;
    free(ui->progress_step);
    ui->progress_step = wiz_strdup(step);
    struct wiz_ui_ev ev = {.kind = WIZ_EV_PROG_BEGIN, .level = 2, .msg = step};
    wiz_ui_emit(app, &ev);
}

void wiz_ui_progress_end(struct wiz_app *app, bool ok)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    if (!ui || !ui->progress_step)
        return;
    struct wiz_ui_ev ev = {.kind = WIZ_EV_PROG_END, .level = ok ? 2 : 0, .msg = ui->progress_step, .ok = ok};
    wiz_ui_emit(app, &ev);
    free(ui->progress_step);
    ui->progress_step = NULL;
}

void wiz_ui_url(struct wiz_app *app, const char *label, const char *url)
{
    struct wiz_ui_ev ev = {.kind = WIZ_EV_URL, .level = 2, .msg = label, .a = label, .b = url};
    wiz_ui_emit(app, &ev);
}

void wiz_ui_diff(struct wiz_app *app, const char *title, const char *unified_diff)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    if (!ui)
        return;
    if (ui->plan != unified_diff) {
        char *copy = wiz_strdup(unified_diff ? unified_diff : "");
        if (copy) {
            free(ui->plan);
            ui->plan = copy;
        }
    }
    struct wiz_ui_ev ev = {.kind = WIZ_EV_DIFF, .level = 2, .msg = title, .a = title,
                           .b = unified_diff ? unified_diff : ""};
    wiz_ui_emit(app, &ev);
}

void wiz_ui_file_change(struct wiz_app *app, const char *path, const char *action)
{
    char buf[MSG_MAX];
    snprintf(buf, sizeof buf, "%s %s", action, path);
    struct wiz_ui_ev ev = {.kind = WIZ_EV_FILE, .level = 2, .msg = buf, .a = path, .b = action};
    wiz_ui_emit(app, &ev);
}

void wiz_ui_diagnostic(struct wiz_app *app, int level, const char *code, const char *fmt, ...)
{
    char buf[MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    struct wiz_ui_ev ev = {.kind = WIZ_EV_DIAG, .level = level, .msg = buf, .a = code};
    wiz_ui_emit(app, &ev);
}

void wiz_ui_summary(struct wiz_app *app, const char *title, const char *const *next_steps)
{
    struct wiz_ui_ev ev = {.kind = WIZ_EV_SUMMARY, .level = 2, .msg = title, .list = next_steps};
    wiz_ui_emit(app, &ev);
}

void wiz_ui_result(struct wiz_app *app, const char *kind, const char *message, const char *json_text)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    if (!ui)
        return;
    if (ui->log)
        wiz_ui_runlog(ui, 2, message);
    if (ui->mode == WIZ_UI_AGENT) {
        wiz_ui_agent_result(app, kind, message, json_text);
        return;
    }
    FILE *out = ui->out == stderr ? stdout : ui->out; /* CI --json logs to stderr */
    fprintf(out, "%s\n", json_text ? json_text : "null");
    fflush(out);
}

const char *wiz_ui_run_id(struct wiz_app *app)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    return ui ? ui->run_id : "";
}

const char *wiz_ui_log_path(struct wiz_app *app)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    return ui ? ui->log_path : NULL;
}

void wiz_ui_timestamp(char *buf, size_t cap)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    struct tm tm;
    time_t s = tv.tv_sec;
    gmtime_r(&s, &tm);
    char base[32];
    strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf, cap, "%s.%03ldZ", base, (long)(tv.tv_usec / 1000));
}

char *wiz_ui_read_line(FILE *f)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = getline(&line, &cap, f);
    if (n < 0) {
        free(line);
        return NULL;
    }
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    return line;
}
