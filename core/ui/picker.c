/* The interactive picker and line editor. Inline (no alternate screen): the picker
 * redraws its own block by moving the cursor up over it, and leaves one line,
 * "question · answer", in the scrollback. Every drawn line is cut to the terminal
 * width so the cursor arithmetic stays exact in narrow terminals. */
#include "iv.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FILTER_MAX 128

struct pick {
    const struct wiz_ui_q *q;
    char filter[FILTER_MAX];
    int *match;   /* indexes into q->labels that pass the filter */
    int nmatch;
    int sel;      /* position in match */
    int top;      /* first visible position */
    int drawn;    /* lines drawn last time (cursor is on the last one) */
};

static void refilter(struct pick *p, int keep_label)
{
    p->nmatch = 0;
    p->sel = 0;
    for (int i = 0; i < p->q->n; i++) {
        if (p->filter[0] && !strcasestr(p->q->labels[i], p->filter))
            continue;
        if (i == keep_label)
            p->sel = p->nmatch;
        p->match[p->nmatch++] = i;
    }
    p->top = 0;
}

static void erase_block(struct wiz_tty *t, int drawn)
{
    if (drawn > 1)
        fprintf(t->out, "\033[%dA", drawn - 1);
    fputs("\r\033[J", t->out);
}

static void draw(struct wiz_tty *t, struct pick *p)
{
    int cols = wiz_tty_cols(t), rows = wiz_tty_rows(t);
    int visible = rows - 4;
    if (visible > 10)
        visible = 10;
    if (visible < 1)
        visible = 1;
    if (p->sel < p->top)
        p->top = p->sel;
    if (p->sel >= p->top + visible)
        p->top = p->sel - visible + 1;
    erase_block(t, p->drawn);
    const char *b = wiz_tty_sgr(t, "\033[1m"), *dim = wiz_tty_sgr(t, "\033[2m"), *cy = wiz_tty_sgr(t, "\033[36m"),
               *r = wiz_tty_sgr(t, "\033[0m");
    fprintf(t->out, "%s?%s %s", cy, r, b);
    wiz_tty_put_trunc(t, p->q->text, cols - 3);
    fputs(r, t->out);
    char info[FILTER_MAX + 96];
    if (p->filter[0])
        snprintf(info, sizeof info, "filter: %s  (%d of %d)", p->filter, p->nmatch, p->q->n);
    else
        snprintf(info, sizeof info, "type to filter, up/down to move, enter to choose, / for commands");
    fprintf(t->out, "\r\n  %s", dim);
    wiz_tty_put_trunc(t, info, cols - 3);
    fputs(r, t->out);
    int lines = 2;
    if (p->nmatch == 0) {
        fprintf(t->out, "\r\n    %s(no match)%s", dim, r);
        lines++;
    }
    for (int k = p->top; k < p->nmatch && k < p->top + visible; k++) {
        bool on = k == p->sel;
        fprintf(t->out, "\r\n%s%s ", on ? cy : "", on ? (t->utf8 ? "\u276f" : ">") : " ");
        wiz_tty_put_trunc(t, p->q->labels[p->match[k]], cols - 3);
        fputs(on ? r : "", t->out);
        lines++;
    }
    p->drawn = lines;
    fflush(t->out);
}

static void done_line(struct wiz_tty *t, const char *question, const char *answer, bool ok)
{
    fprintf(t->out, "%s%s%s %s %s%s%s %s\r\n", wiz_tty_sgr(t, ok ? "\033[32m" : "\033[31m"),
            ok ? (t->utf8 ? "\u2714" : "+") : (t->utf8 ? "\u2718" : "x"), wiz_tty_sgr(t, "\033[0m"), question,
            wiz_tty_sgr(t, "\033[2m"), t->utf8 ? "\u00b7" : "-", wiz_tty_sgr(t, "\033[0m"), answer);
    fflush(t->out);
}

enum wiz_rc wiz_ui_iv_cancelled(struct wiz_app *app, struct wiz_tty *t, const char *question)
{
    done_line(t, question, "cancelled", false);
    return wiz_fail(&app->ctx, WIZ_ECANCEL, "cancelled");
}

enum wiz_rc wiz_ui_iv_pick(struct wiz_app *app, struct wiz_tty *t, const struct wiz_ui_q *q, int *idx)
{
    struct pick p = {.q = q};
    struct wiz_ui *ui = wiz_ui_state(app);
    ui->stale = false;
    p.match = calloc((size_t)q->n, sizeof *p.match);
    if (!p.match)
        return wiz_fail(&app->ctx, WIZ_EINTERNAL, "out of memory");
    refilter(&p, q->default_idx);
    enum wiz_rc rc = WIZ_OK;
    if (!wiz_tty_raw(t)) {
        free(p.match);
        return wiz_fail(&app->ctx, WIZ_EIO, "cannot put the terminal in raw mode");
    }
    fputs("\033[?25l", t->out);
    for (;;) {
        draw(t, &p);
        int k = wiz_tty_key(t);
        size_t fl = strlen(p.filter);
        if (k == WIZ_KEY_UP || k == WIZ_KEY_CTRL_P) {
            if (p.sel > 0)
                p.sel--;
        } else if (k == WIZ_KEY_DOWN || k == WIZ_KEY_CTRL_N) {
            if (p.sel + 1 < p.nmatch)
                p.sel++;
        } else if (k == WIZ_KEY_PGUP || k == WIZ_KEY_HOME) {
            p.sel = 0;
        } else if (k == WIZ_KEY_PGDN || k == WIZ_KEY_END) {
            p.sel = p.nmatch > 0 ? p.nmatch - 1 : 0;
        } else if (k == WIZ_KEY_ENTER) {
            if (p.nmatch == 0) {
                fputc('\a', t->out);
                continue;
            }
            *idx = p.match[p.sel];
            erase_block(t, p.drawn);
            done_line(t, q->text, q->labels[*idx], true);
            break;
        } else if (k == WIZ_KEY_CTRL_C || k == WIZ_KEY_EOF) {
            erase_block(t, p.drawn);
            rc = wiz_ui_iv_cancelled(app, t, q->text);
            break;
        } else if (k == WIZ_KEY_BACKSPACE) {
            if (fl > 0) {
                /* drop one whole UTF-8 character */
                while (fl > 0 && ((unsigned char)p.filter[fl - 1] & 0xC0) == 0x80)
                    fl--;
                p.filter[fl > 0 ? fl - 1 : 0] = '\0';
                refilter(&p, -1);
            }
        } else if (k == WIZ_KEY_ESC || k == WIZ_KEY_CTRL_U) {
            p.filter[0] = '\0';
            refilter(&p, -1);
        } else if (k == '/' && fl == 0) {
            erase_block(t, p.drawn);
            p.drawn = 0;
            fputs("\033[?25h", t->out);
            rc = wiz_ui_iv_slash(app, t);
            if (rc == WIZ_ECANCEL)
                break;
            rc = WIZ_OK;
            if (ui->stale) { /* /login, /logout, /region: these choices were for the old account or zone */
                ui->stale = false;
                done_line(t, q->text, "asked again", true);
                rc = WIZ_ESTALE;
                break;
            }
            wiz_tty_raw(t);
            fputs("\033[?25l", t->out);
        } else if (k >= 0x20 && k < 0x100 && k != 0x7f && fl + 1 < sizeof p.filter) {
            p.filter[fl] = (char)k;
            p.filter[fl + 1] = '\0';
            refilter(&p, -1);
        }
    }
    free(p.match);
    wiz_tty_cooked(t);
    return rc;
}

enum wiz_rc wiz_ui_iv_readline(struct wiz_app *app, struct wiz_tty *t, const char *prompt, const char *initial,
                               bool back_keys, char **out)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", initial ? initial : "");
    *out = NULL;
    if (!wiz_tty_raw(t))
        return wiz_fail(&app->ctx, WIZ_EIO, "cannot put the terminal in raw mode");
    enum wiz_rc rc = WIZ_OK;
    for (;;) {
        /* show the tail when the line is wider than the terminal */
        int room = wiz_tty_cols(t) - (int)strlen(prompt) - 2;
        size_t len = strlen(buf);
        const char *shown = buf;
        if (room > 0 && len > (size_t)room)
            shown = buf + len - (size_t)room;
        fprintf(t->out, "\r%s%s\033[K", prompt, shown);
        int k = wiz_tty_key(t);
        if (k == WIZ_KEY_ENTER) {
            *out = wiz_strdup(buf);
            if (!*out)
                rc = wiz_fail(&app->ctx, WIZ_EINTERNAL, "out of memory");
            break;
        }
        if (k == WIZ_KEY_CTRL_C || k == WIZ_KEY_EOF) {
            rc = wiz_fail(&app->ctx, WIZ_ECANCEL, "cancelled");
            break;
        }
        if (k == WIZ_KEY_CTRL_D && !buf[0])
            break;
        /* the command line opened from a question: Esc, or Backspace over its "/", goes
         * back to that question (the line is wiped; nothing typed after is lost) */
        if (back_keys && (k == WIZ_KEY_ESC || (k == WIZ_KEY_BACKSPACE && (len == 0 || strcmp(buf, "/") == 0)))) {
            fputs("\r\033[K", t->out);
            fflush(t->out);
            wiz_tty_cooked(t);
            return WIZ_OK;
        }
        if (k == WIZ_KEY_ESC) {
            buf[0] = '\0'; /* elsewhere Esc clears the line */
        } else if (k == WIZ_KEY_BACKSPACE && len > 0) {
            while (len > 0 && ((unsigned char)buf[len - 1] & 0xC0) == 0x80)
                len--;
            buf[len > 0 ? len - 1 : 0] = '\0';
        } else if (k == WIZ_KEY_CTRL_U) {
            buf[0] = '\0';
        } else if (k >= 0x20 && k < 0x100 && k != 0x7f && len + 1 < sizeof buf) {
            buf[len] = (char)k;
            buf[len + 1] = '\0';
        }
    }
    fputs("\r\n", t->out);
    wiz_tty_cooked(t);
    return rc;
}
