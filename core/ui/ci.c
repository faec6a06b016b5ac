/* CI front end: never asks. Defaults are taken and logged; a question without one
 * fails with WIZ_EINPUT (exit 12) naming the flag to pass. Output: plain log lines
 * "<UTC timestamp> <level> <message>" on stdout (warnings and errors on stderr). */
#include "ui_priv.h"

#include <string.h>

#include <stdarg.h>

static void vline(FILE *f, int level, const char *fmt, va_list ap)
{
    static const char *const names[] = {"error", "warn", "info", "debug"};
    char ts[40];
    wiz_ui_timestamp(ts, sizeof ts);
    fprintf(f, "%s %-5s ", ts, names[level < 0 ? 0 : level > 3 ? 3 : level]);
    vfprintf(f, fmt, ap);
    fputc('\n', f);
    fflush(f);
}

/* A log line: warnings and errors on stderr, so `cmd | consumer` gets only the run's own
 * output; the run's progress (a step that failed included) stays in the stdout log. */
static void line(struct wiz_ui *ui, int level, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void line(struct wiz_ui *ui, int level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vline(level <= 1 && ui->out == stdout ? stderr : ui->out, level, fmt, ap);
    va_end(ap);
}

static void step_line(struct wiz_ui *ui, int level, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void step_line(struct wiz_ui *ui, int level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vline(ui->out, level, fmt, ap);
    va_end(ap);
}

enum wiz_rc wiz_ui_ci_ask(struct wiz_app *app, const struct wiz_ui_q *q, int *idx, char **text)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    (void)text;
    enum wiz_rc rc = wiz_ui_no_answer(app, q, idx);
    if (rc != WIZ_OK)
        return rc;
    if (q->kind == WIZ_Q_CONFIRM)
        line(ui, 2, "%s %s", q->text, *idx ? "yes" : "no");
    else if (q->resume_flag) /* name the flag and how many there were to choose from */
        line(ui, 2, "%s %s (the recommended one of %d; pass %s to choose another)", q->text, q->labels[*idx], q->n,
             q->resume_flag);
    else
        line(ui, 2, "%s %s (the default of %d)", q->text, q->labels[*idx], q->n);
    return WIZ_OK;
}

void wiz_ui_ci_emit(struct wiz_app *app, const struct wiz_ui_ev *ev)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    switch (ev->kind) {
    case WIZ_EV_STATUS:
    case WIZ_EV_LOG:
    case WIZ_EV_HEADER:
    case WIZ_EV_FILE:
        line(ui, ev->level, "%s", ev->msg);
        break;
    case WIZ_EV_URL:
        line(ui, 2, "%s", ev->a ? ev->a : "");
        line(ui, 2, "%s", ev->b ? ev->b : ""); /* whole, on its own line */
        break;
    case WIZ_EV_DIFF:
        line(ui, 2, "%s:", ev->a ? ev->a : "");
        fputs(ev->b, ui->out);
        if (ev->b[0] && ev->b[strlen(ev->b) - 1] != '\n')
            fputc('\n', ui->out);
        fflush(ui->out);
        break;
    case WIZ_EV_DIAG:
        line(ui, ev->level, "[%s] %s", ev->a ? ev->a : "note", ev->msg);
        break;
    case WIZ_EV_SUMMARY:
        line(ui, 2, "%s", ev->msg);
        for (const char *const *s = ev->list; s && *s; s++)
            line(ui, 2, "next: %s", *s);
        break;
    case WIZ_EV_PROG_BEGIN:
        line(ui, 2, "%s ...", ev->msg);
        break;
    case WIZ_EV_PROG_END:
        step_line(ui, ev->ok ? 2 : 0, "%s: %s", ev->msg, ev->ok ? "done" : "failed");
        break;
    case WIZ_EV_ERROR: /* main prints the error on stderr */
    case WIZ_EV_END:
        break;
    }
}
