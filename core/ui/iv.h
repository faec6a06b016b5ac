/* Internal to the interactive front end (interactive.c, picker.c). */
#ifndef WIZ_UI_IV_H
#define WIZ_UI_IV_H

#include "term.h"
#include "ui_priv.h"

/* Arrow-key picker with type-to-filter; '/' on an empty filter opens the command line. */
enum wiz_rc wiz_ui_iv_pick(struct wiz_app *app, struct wiz_tty *t, const struct wiz_ui_q *q, int *idx);
/* One edited line after prompt (initial text may be NULL). *out NULL on Ctrl-D at an
 * empty line, and with back_keys on Esc or a Backspace that would leave the line empty
 * of its "/" (the line is wiped: back to the question that opened it); WIZ_ECANCEL on
 * Ctrl-C. *out: caller free()s */
enum wiz_rc wiz_ui_iv_readline(struct wiz_app *app, struct wiz_tty *t, const char *prompt, const char *initial,
                               bool back_keys, char **out);
/* Reads a slash command line (starting with "/") and runs it; WIZ_ECANCEL ends the run. */
enum wiz_rc wiz_ui_iv_slash(struct wiz_app *app, struct wiz_tty *t);
/* Marks a cancelled question in the scrollback and returns WIZ_ECANCEL. */
enum wiz_rc wiz_ui_iv_cancelled(struct wiz_app *app, struct wiz_tty *t, const char *question);

#endif
