/* Interactive front end: an inline terminal UI on stdout (what it prints stays in the
 * scrollback). Pickers and the prompt line are in picker.c, the terminal in term.c. */
#include "iv.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum wiz_rc wiz_ui_iv_open(struct wiz_app *app, struct wiz_ui *ui)
{
    (void)app;
    ui->tty = wiz_tty_new(fileno(ui->in), ui->out);
    if (!ui->tty)
        return WIZ_EIO;
    ui->color = ui->tty->color;
    return WIZ_OK;
}

void wiz_ui_iv_close(struct wiz_ui *ui)
{
    wiz_tty_free(ui->tty);
    ui->tty = NULL;
}

enum wiz_rc wiz_ui_iv_slash(struct wiz_app *app, struct wiz_tty *t)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    char *line = NULL;
    enum wiz_rc rc = wiz_ui_iv_readline(app, t, "", "/", true, &line);
    if (rc != WIZ_OK || !line)
        return rc;
    bool handled = false;
    rc = wiz_slash_run(ui->slash, app, line, &handled);
    free(line);
    if (rc != WIZ_OK && rc != WIZ_ECANCEL) {
        wiz_tty_printf(t, "%serror:%s %s\n", wiz_tty_sgr(t, "\033[31m"), wiz_tty_sgr(t, "\033[0m"),
                       wiz_errmsg(&app->ctx));
        rc = WIZ_OK;
    }
    return rc;
}

static enum wiz_rc confirm(struct wiz_app *app, struct wiz_tty *t, const struct wiz_ui_q *q, int *yes)
{
    const char *hint = q->default_yes ? "[Y/n]" : "[y/N]";
    for (;;) {
        fprintf(t->out, "%s?%s %s%s%s %s ", wiz_tty_sgr(t, "\033[36m"), wiz_tty_sgr(t, "\033[0m"),
                wiz_tty_sgr(t, "\033[1m"), q->text, wiz_tty_sgr(t, "\033[0m"), hint);
        if (!wiz_tty_raw(t))
            return wiz_fail(&app->ctx, WIZ_EIO, "cannot put the terminal in raw mode");
        int k = wiz_tty_key(t);
        wiz_tty_cooked(t);
        if (k == WIZ_KEY_CTRL_C || k == WIZ_KEY_EOF) {
            fputs("\r\033[K", t->out);
            return wiz_ui_iv_cancelled(app, t, q->text);
        }
        if (k == '/') {
            fputs("\r\033[K", t->out);
            enum wiz_rc rc = wiz_ui_iv_slash(app, t);
            if (rc != WIZ_OK)
                return rc;
            continue;
        }
        if (k == WIZ_KEY_ENTER || k == 'y' || k == 'Y' || k == 'n' || k == 'N') {
            *yes = k == WIZ_KEY_ENTER ? q->default_yes : (k == 'y' || k == 'Y');
            fprintf(t->out, "%s\r\n", *yes ? "yes" : "no");
            fflush(t->out);
            return WIZ_OK;
        }
        fputs("\a\r\033[K", t->out);
    }
}

enum wiz_rc wiz_ui_iv_ask(struct wiz_app *app, const struct wiz_ui_q *q, int *idx, char **text)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    struct wiz_tty *t = ui->tty;
    wiz_tty_spin_stop(t); /* a question ends any step in progress */
    if (q->kind == WIZ_Q_CHOICE)
        return wiz_ui_iv_pick(app, t, q, idx);
    if (q->kind == WIZ_Q_CONFIRM)
        return confirm(app, t, q, idx);
    for (;;) {
        char prompt[512];
        snprintf(prompt, sizeof prompt, "%s?%s %s: ", wiz_tty_sgr(t, "\033[36m"), wiz_tty_sgr(t, "\033[0m"), q->text);
        char *line = NULL;
        enum wiz_rc rc = wiz_ui_iv_readline(app, t, prompt, NULL, false, &line);
        if (rc != WIZ_OK)
            return rc;
        if (!line)
            return wiz_ui_iv_cancelled(app, t, q->text);
        bool handled = false;
        if (line[0] == '/') {
            rc = wiz_slash_run(ui->slash, app, line, &handled);
            free(line);
            if (rc == WIZ_ECANCEL)
                return rc;
            continue;
        }
        if (line[0]) {
            *text = line;
            return WIZ_OK;
        }
        free(line);
    }
}

static void put_diff(struct wiz_tty *t, const char *title, const char *diff)
{
    wiz_tty_printf(t, "%s%s%s\n", wiz_tty_sgr(t, "\033[1m"), title, wiz_tty_sgr(t, "\033[0m"));
    const char *p = diff;
    while (*p) {
        size_t n = strcspn(p, "\n");
        const char *c = "";
        if (strncmp(p, "+++", 3) == 0 || strncmp(p, "---", 3) == 0)
            c = "\033[1m";
        else if (strncmp(p, "@@", 2) == 0)
            c = "\033[36m";
        else if (p[0] == '+')
            c = "\033[32m";
        else if (p[0] == '-')
            c = "\033[31m";
        wiz_tty_printf(t, "%s%.*s%s\n", wiz_tty_sgr(t, c), (int)n, p, c[0] ? wiz_tty_sgr(t, "\033[0m") : "");
        p += n;
        if (*p == '\n')
            p++;
    }
}

void wiz_ui_iv_emit(struct wiz_app *app, const struct wiz_ui_ev *ev)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    struct wiz_tty *t = ui->tty;
    const char *r = wiz_tty_sgr(t, "\033[0m"), *dim = wiz_tty_sgr(t, "\033[2m");
    const char *ok = t->utf8 ? "\u2714" : "+", *bad = t->utf8 ? "\u2718" : "x";
    switch (ev->kind) {
    case WIZ_EV_STATUS:
        wiz_tty_printf(t, "%s\n", ev->msg);
        break;
    case WIZ_EV_LOG:
        if (ev->level <= 1)
            wiz_tty_printf(t, "%s%s%s %s\n", wiz_tty_sgr(t, ev->level ? "\033[33m" : "\033[31m"),
                           ev->level ? "warning:" : "error:", r, ev->msg);
        else
            wiz_tty_printf(t, "%s%s%s\n", dim, ev->msg, r);
        break;
    case WIZ_EV_HEADER:
        wiz_tty_printf(t, "%sampli-wizard %s%s%s%s%s%s\n", wiz_tty_sgr(t, "\033[1;35m"), WIZ_VERSION, r, dim,
                       t->utf8 ? " \u00b7 " : " - ", ev->msg, r);
        break;
    case WIZ_EV_URL:
        /* the URL alone on its line, no colour, no indent: copyable even when wrapped */
        wiz_tty_printf(t, "%s:\n%s\n", ev->a, ev->b);
        break;
    case WIZ_EV_DIFF:
        put_diff(t, ev->a, ev->b);
        break;
    case WIZ_EV_FILE:
        wiz_tty_printf(t, "  %s%s%s %s\n", wiz_tty_sgr(t, "\033[32m"), ev->b, r, ev->a);
        break;
    case WIZ_EV_DIAG:
        wiz_tty_printf(t, "%s%s%s %s %s(%s)%s\n", wiz_tty_sgr(t, ev->level <= 1 ? "\033[33m" : "\033[36m"),
                       ev->level <= 1 ? "!" : "i", r, ev->msg, dim, ev->a, r);
        break;
    case WIZ_EV_SUMMARY:
        wiz_tty_printf(t, "\n%s%s%s\n", wiz_tty_sgr(t, "\033[1m"), ev->msg, r);
        if (ev->list && ev->list[0])
            wiz_tty_printf(t, "next steps:\n");
        for (const char *const *s = ev->list; s && *s; s++)
            wiz_tty_printf(t, "  %s\u2192%s %s\n", dim, r, *s);
        break;
    case WIZ_EV_PROG_BEGIN:
        wiz_tty_spin_start(t, ev->msg);
        break;
    case WIZ_EV_PROG_END:
        wiz_tty_spin_stop(t);
        wiz_tty_printf(t, "%s%s%s %s\n", wiz_tty_sgr(t, ev->ok ? "\033[32m" : "\033[31m"), ev->ok ? ok : bad, r,
                       ev->msg);
        break;
    case WIZ_EV_ERROR:
        wiz_tty_spin_stop(t);
        break; /* main prints the error on stderr */
    case WIZ_EV_END:
        wiz_tty_spin_stop(t);
        break;
    }
}

enum wiz_rc wiz_ui_iv_prompt(struct wiz_app *app, const char *hint)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    struct wiz_tty *t = ui->tty;
    wiz_tty_spin_stop(t);
    if (hint)
        wiz_tty_printf(t, "%s%s%s\n", wiz_tty_sgr(t, "\033[2m"), hint, wiz_tty_sgr(t, "\033[0m"));
    for (;;) {
        char *line = NULL;
        char prompt[64];
        snprintf(prompt, sizeof prompt, "%s>%s ", wiz_tty_sgr(t, "\033[36m"), wiz_tty_sgr(t, "\033[0m"));
        enum wiz_rc rc = wiz_ui_iv_readline(app, t, prompt, NULL, false, &line);
        if (rc != WIZ_OK || !line)
            return rc;
        if (!line[0]) {
            free(line);
            return WIZ_OK;
        }
        bool handled = false;
        rc = wiz_slash_run(ui->slash, app, line, &handled);
        free(line);
        if (rc == WIZ_ECANCEL)
            return rc;
        if (rc != WIZ_OK)
            wiz_tty_printf(t, "%serror:%s %s\n", wiz_tty_sgr(t, "\033[31m"), wiz_tty_sgr(t, "\033[0m"),
                           wiz_errmsg(&app->ctx));
        else if (!handled)
            wiz_tty_printf(t, "type /help for the commands, or press Enter to go on\n");
    }
}
