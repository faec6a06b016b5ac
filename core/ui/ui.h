/* One interface for the four front ends (interactive, classic, CI, agent). The
 * engine asks through these calls and never knows which front end answers.
 * The mode is chosen once, at start (wiz_ui_mode_pick). */
#ifndef WIZ_UI_H
#define WIZ_UI_H

#include "../cli/cli.h"

enum wiz_ui_mode { WIZ_UI_INTERACTIVE, WIZ_UI_CLASSIC, WIZ_UI_CI, WIZ_UI_AGENT };

/* --agent / AMPLITUDE_WIZARD_AGENT=1 -> agent; --ci/--yes -> CI; --classic -> classic;
 * TTY on stdin and stdout -> interactive (TERM=dumb: classic); else agent. */
enum wiz_ui_mode wiz_ui_mode_pick(const struct wiz_opts *opts);
/* static: "interactive", "classic", "ci", "agent" */
const char *wiz_ui_mode_name(enum wiz_ui_mode m);

/* Pick one of n labels. resume_flag names the flag that answers it non-interactively
 * (e.g. "--app-id"). In CI/agent mode without an answer: *out = default_idx when
 * default_idx >= 0, else WIZ_EINPUT naming resume_flag. */
enum wiz_rc wiz_ui_choose(struct wiz_app *app, const char *question, const char *const *labels, int n,
                          int default_idx, const char *resume_flag, int *out);
/* Free-text answer. *out: caller free()s. WIZ_EINPUT in CI/agent naming resume_flag. */
enum wiz_rc wiz_ui_ask_text(struct wiz_app *app, const char *question, const char *resume_flag, char **out);
/* Yes/no; CI and agent answer default_yes. */
enum wiz_rc wiz_ui_confirm(struct wiz_app *app, const char *question, bool default_yes, bool *out);
/* A line of human progress ("Signing in…"); in agent mode a status event. */
void wiz_ui_status(struct wiz_app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
