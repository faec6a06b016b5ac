/* Classic front end: plain numbered questions on stdout, answers read a line at a time
 * from stdin, so it works through any pipe, an IDE console or expect. Slash commands
 * are accepted wherever an answer is. No colours, no cursor movement. */
#include "ui_priv.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Reads an answer line; runs slash commands in place (returns NULL with *rc set when
 * one ends the run). NULL with *rc == WIZ_OK: end of input. returns owned: free() */
static char *answer_line(struct wiz_app *app, struct wiz_ui *ui, enum wiz_rc *rc, bool *was_slash)
{
    *rc = WIZ_OK;
    *was_slash = false;
    fflush(ui->out);
    char *line = ui->pending ? ui->pending : wiz_ui_read_line(ui->in);
    ui->pending = NULL;
    if (!line)
        return NULL;
    bool handled = false;
    enum wiz_rc r = wiz_slash_run(ui->slash, app, line, &handled);
    if (handled) {
        free(line);
        *was_slash = true;
        if (r == WIZ_ECANCEL) {
            *rc = r;
            return NULL;
        }
        if (r != WIZ_OK)
            fprintf(ui->out, "error: %s\n", wiz_errmsg(&app->ctx));
        return wiz_strdup(""); /* ask again */
    }
    return line;
}

static bool parse_choice(const struct wiz_ui_q *q, const char *s, int *idx)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end != s && !*end && v >= 1 && v <= q->n) {
        *idx = (int)v - 1;
        return true;
    }
    for (int i = 0; i < q->n; i++)
        if (strcasecmp(s, q->labels[i]) == 0) {
            *idx = i;
            return true;
        }
    return false;
}

enum wiz_rc wiz_ui_classic_ask(struct wiz_app *app, const struct wiz_ui_q *q, int *idx, char **text)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    fprintf(ui->out, "\n%d. %s\n", ui->questions, q->text);
    if (q->kind == WIZ_Q_CHOICE)
        for (int i = 0; i < q->n; i++)
            fprintf(ui->out, "   %d) %s\n", i + 1, q->labels[i]);
    for (;;) {
        if (q->kind == WIZ_Q_CHOICE && q->default_idx >= 0)
            fprintf(ui->out, "Answer 1-%d [%d]: ", q->n, q->default_idx + 1);
        else if (q->kind == WIZ_Q_CHOICE)
            fprintf(ui->out, "Answer 1-%d: ", q->n);
        else if (q->kind == WIZ_Q_CONFIRM)
            fprintf(ui->out, "Answer %s: ", q->default_yes ? "[Y/n]" : "[y/N]");
        else
            fprintf(ui->out, "Answer: ");
        enum wiz_rc rc;
        bool slash;
        char *line = answer_line(app, ui, &rc, &slash);
        if (!line) {
            if (rc != WIZ_OK)
                return rc;
            /* end of input is no answer, never a yes: nothing is written on a guess */
            fputc('\n', ui->out);
            if (q->resume_flag)
                return wiz_fail(&app->ctx, WIZ_EINPUT, "%s: the input ended before an answer; pass %s", q->text,
                                q->resume_flag);
            return wiz_fail(&app->ctx, WIZ_EINPUT, "%s: the input ended before an answer%s", q->text,
                            q->kind == WIZ_Q_CONFIRM ? " (--yes answers yes)" : "");
        }
        if (slash) {
            free(line);
            continue;
        }
        bool ok = false;
        if (q->kind == WIZ_Q_CHOICE) {
            if (!line[0] && q->default_idx >= 0) {
                *idx = q->default_idx;
                ok = true;
            } else {
                ok = parse_choice(q, line, idx);
            }
            if (!ok)
                fprintf(ui->out, "Please answer with a number from 1 to %d.\n", q->n);
        } else if (q->kind == WIZ_Q_CONFIRM) {
            if (!line[0]) {
                *idx = q->default_yes;
                ok = true;
            } else if (strcasecmp(line, "y") == 0 || strcasecmp(line, "yes") == 0 || strcasecmp(line, "n") == 0 ||
                       strcasecmp(line, "no") == 0) {
                *idx = line[0] == 'y' || line[0] == 'Y';
                ok = true;
            } else {
                fprintf(ui->out, "Please answer y or n.\n");
            }
        } else if (line[0]) {
            *text = line;
            return WIZ_OK;
        }
        free(line);
        if (ok)
            return WIZ_OK;
    }
}

void wiz_ui_classic_emit(struct wiz_app *app, const struct wiz_ui_ev *ev)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    FILE *o = ui->out;
    switch (ev->kind) {
    case WIZ_EV_STATUS: fprintf(o, "%s\n", ev->msg); break;
    case WIZ_EV_LOG: fprintf(o, "%s%s\n", ev->level == 0 ? "error: " : ev->level == 1 ? "warning: " : "", ev->msg); break;
    case WIZ_EV_HEADER: fprintf(o, "ampli-wizard %s: %s\n", WIZ_VERSION, ev->msg); break;
    case WIZ_EV_URL: fprintf(o, "%s:\n%s\n", ev->a, ev->b); break;
    case WIZ_EV_DIFF:
        fprintf(o, "%s:\n%s", ev->a, ev->b);
        if (ev->b[0] && ev->b[strlen(ev->b) - 1] != '\n')
            fputc('\n', o);
        break;
    case WIZ_EV_FILE: fprintf(o, "  %s %s\n", ev->b, ev->a); break;
    case WIZ_EV_DIAG: fprintf(o, "%s[%s] %s\n", ev->level <= 1 ? "warning: " : "", ev->a, ev->msg); break;
    case WIZ_EV_SUMMARY:
        fprintf(o, "\n%s\n", ev->msg);
        if (ev->list && ev->list[0])
            fprintf(o, "Next steps:\n");
        for (const char *const *s = ev->list; s && *s; s++)
            fprintf(o, "  - %s\n", *s);
        break;
    case WIZ_EV_PROG_BEGIN: fprintf(o, "%s...\n", ev->msg); break;
    case WIZ_EV_PROG_END: fprintf(o, "%s: %s\n", ev->msg, ev->ok ? "done" : "failed"); break;
    case WIZ_EV_ERROR: /* main prints the error on stderr */
    case WIZ_EV_END: break;
    }
    fflush(o);
}

enum wiz_rc wiz_ui_classic_prompt(struct wiz_app *app, const char *hint)
{
    struct wiz_ui *ui = wiz_ui_state(app);
    if (hint)
        fprintf(ui->out, "%s\n", hint);
    for (;;) {
        fprintf(ui->out, "> ");
        enum wiz_rc rc;
        bool slash;
        char *line = answer_line(app, ui, &rc, &slash);
        if (!line) {
            fputc('\n', ui->out);
            return rc;
        }
        if (slash) {
            free(line);
            continue;
        }
        /* one line per prompt: an answer typed here belongs to the next question */
        if (line[0])
            ui->pending = line;
        else
            free(line);
        return WIZ_OK;
    }
}
