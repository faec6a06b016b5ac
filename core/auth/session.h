/* "Get me a usable session for this zone": the one policy every command uses.
 * stored tokens -> finish a pending signup -> refresh when < 5 min left -> else
 * browser login or direct signup. Each path ends in ONE bundled store write. */
#ifndef WIZ_AUTH_SESSION_H
#define WIZ_AUTH_SESSION_H

#include "../cli/cli.h"
#include "../store/credstore.h"
#include "endpoints.h"
#include "userinfo.h"

#define WIZ_REFRESH_MARGIN_S 300

struct wiz_signin {
    struct wiz_user user;
    struct wiz_tokens tokens;
    struct wiz_orgs orgs; /* filled when need_orgs was asked */
    bool have_orgs;
    bool fresh;           /* true when this run signed in (browser or signup) */
};

struct wiz_signin_opts {
    bool need_orgs;   /* fetch the org tree (key selection, login's listing) */
    bool allow_login; /* may start a browser login / signup when nothing usable is stored */
    bool signup;      /* no stored session: direct signup instead of browser login */
    bool renew;       /* /login: refresh now even when not due; a browser login when that
                         fails or nothing is stored (needs allow_login) */
    const char *user_id; /* this stored user when there (the account /login chose), else
                            the usual pick; may be NULL */
};

/* out: caller wiz_signin_clear()s. Missing credentials without a way to sign in ->
 * WIZ_EAUTH whose message names the reason (no_stored_credentials, refresh_failed). */
enum wiz_rc wiz_signin_get(struct wiz_app *app, const struct wiz_endpoints *ep, const struct wiz_signin_opts *o,
                           struct wiz_signin *out);
void wiz_signin_clear(struct wiz_signin *s);

/* The first run at a terminal, as Amplitude's wizard has it (its RegionSelectScreen comes
 * first, so the right OAuth host is known before a browser opens): when no session is
 * stored in either zone and the command line does not answer it, asks the data region
 * (sets opts.zone; --region skips it) and, interactive only, whether to sign in or create
 * an account (sets opts.signup; --signup skips it). Nothing asked in CI or agent mode. */
enum wiz_rc wiz_signin_first_run(struct wiz_app *app);

/* The direct signup path of wiz_signin_get (asks the email at a terminal when
 * app->opts.email is not set). */
enum wiz_rc wiz_signin_signup(struct wiz_app *app, const struct wiz_endpoints *ep, struct wiz_signin *out);

#endif
