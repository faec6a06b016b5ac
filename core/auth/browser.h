/* Opening the sign-in URL in a browser, and the whole browser login (PKCE +
 * loopback callback + code exchange). */
#ifndef WIZ_BROWSER_H
#define WIZ_BROWSER_H

#include "../cli/cli.h"
#include "../store/credstore.h"
#include "endpoints.h"

#include <sys/types.h>

/* Starts $BROWSER (a command split on spaces, the URL appended as its last argument)
 * or xdg-open, by argv through posix_spawnp, never a shell; its stdout goes to our
 * stderr. Does not wait. *pid_out = -1 when nothing could be started (a warning is
 * logged; the URL is printed anyway by the caller). */
void wiz_browser_open(struct wiz_ctx *ctx, const char *url, pid_t *pid_out);
/* Reaps the browser process if it has exited, waiting at most a few seconds. */
void wiz_browser_reap(pid_t pid);

/* True when a browser login can happen now: --no-browser (the user opens the URL),
 * $BROWSER set, or an interactive front end. */
bool wiz_browser_login_possible(const struct wiz_app *app);

/* The browser login: listener on the first free callback port, authorize URL shown
 * through the UI (wiz_ui_url; agent mode: also on stderr) (and opened unless --no-browser), wait up to --login-timeout, exchange the
 * code. Writes nothing. out: caller wiz_tokens_clear()s. */
enum wiz_rc wiz_browser_login(struct wiz_app *app, const struct wiz_endpoints *ep, struct wiz_tokens *out);

#endif
