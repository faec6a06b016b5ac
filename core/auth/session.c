/* The session policy: reuse, recover, refresh, or sign in; then one bundled write. */
#include "session.h"

#include "../ui/ui.h"
#include "browser.h"
#include "oauth.h"

#include <ctype.h>
#include <jansson.h>
#include <string.h>

void wiz_signin_clear(struct wiz_signin *s)
{
    if (!s)
        return;
    wiz_user_clear(&s->user);
    wiz_tokens_clear(&s->tokens);
    wiz_orgs_clear(&s->orgs);
    memset(s, 0, sizeof *s);
}

/* The host of an https://host[:port]/... URL into out (lower case); false if none. */
static bool url_host(const char *url, char *out, size_t cap)
{
    const char *p = url ? strstr(url, "://") : NULL;
    if (!p)
        return false;
    p += 3;
    size_t n = strcspn(p, ":/?#");
    if (n == 0 || n >= cap)
        return false;
    for (size_t i = 0; i < n; i++)
        out[i] = (char)tolower((unsigned char)p[i]);
    out[n] = '\0';
    return true;
}

/* Is a stored id token this zone's, as Amplitude's wizard decides: an iss naming another
 * host than the zone's OAuth server, or an aud without the zone's client id (the older
 * Ampli CLI's tokens, say), is not. A token without those claims is given the benefit. */
static bool token_is_ours(const char *id_token, const void *ud)
{
    const struct wiz_endpoints *ep = ud;
    json_t *c = wiz_jwt_claims(id_token);
    if (!c)
        return true;
    bool ours = true;
    const char *iss = json_string_value(json_object_get(c, "iss"));
    char h1[256], h2[256];
    if (iss && url_host(iss, h1, sizeof h1) && url_host(ep->auth_base, h2, sizeof h2) && strcmp(h1, h2) != 0)
        ours = false;
    json_t *aud = json_object_get(c, "aud");
    if (json_is_string(aud) && strcmp(json_string_value(aud), ep->client_id) != 0)
        ours = false;
    if (json_is_array(aud)) {
        bool found = false;
        size_t i;
        json_t *v;
        json_array_foreach(aud, i, v) found |= json_is_string(v) && strcmp(json_string_value(v), ep->client_id) == 0;
        ours &= found;
    }
    json_decref(c);
    return ours;
}

static struct wiz_store store_of(const struct wiz_app *app, const struct wiz_endpoints *ep)
{
    struct wiz_store st = {.path = app->config_path, .lock_timeout_ms = 0, .ours = ep ? token_is_ours : NULL,
                           .ours_ud = ep};
    return st;
}

/* Fetches the org tree (and so the user) with out->tokens into out->orgs. show: a
 * progress step (not for `auth token`, whose stdout is the token alone). */
static enum wiz_rc fetch_orgs(struct wiz_app *app, const struct wiz_endpoints *ep, struct wiz_signin *out, bool retry,
                              bool show)
{
    wiz_orgs_clear(&out->orgs);
    out->have_orgs = false;
    if (show)
        wiz_ui_progress_begin(app, "Fetching your Amplitude account");
    enum wiz_rc rc = retry ? wiz_userinfo_fetch_retry(&app->ctx, ep, out->tokens.id_token, &out->orgs)
                           : wiz_userinfo_fetch(&app->ctx, ep, out->tokens.id_token, &out->orgs);
    if (show)
        wiz_ui_progress_end(app, rc == WIZ_OK);
    if (!rc)
        out->have_orgs = true;
    return rc;
}

/* The real user of a fresh sign-in becomes out->user; then the one bundled write. */
static enum wiz_rc persist_fetched_user(struct wiz_app *app, struct wiz_signin *out)
{
    wiz_user_clear(&out->user);
    enum wiz_rc rc = wiz_user_copy(&app->ctx, &out->user, &out->orgs.user);
    if (rc)
        return rc;
    struct wiz_store st = store_of(app, NULL); /* a write: no lookup to filter */
    return wiz_store_put(&app->ctx, &st, &out->user, &out->tokens);
}

static enum wiz_rc browser_signin(struct wiz_app *app, const struct wiz_endpoints *ep, struct wiz_signin *out)
{
    wiz_user_clear(&out->user);
    wiz_tokens_clear(&out->tokens);
    wiz_ui_progress_begin(app, "Waiting for the sign-in in the browser");
    enum wiz_rc rc = wiz_browser_login(app, ep, &out->tokens);
    wiz_ui_progress_end(app, rc == WIZ_OK);
    if (rc)
        return rc;
    out->fresh = true;
    /* a user fetch that fails right after the sign-in (a blip, a new account not visible
     * yet) is retried; if it still fails, the tokens are kept under the pending sentinel
     * so the next run finishes without a browser, never thrown away */
    rc = fetch_orgs(app, ep, out, true, true);
    if (rc == WIZ_EINTERNAL)
        return rc;
    if (rc) {
        char why[512];
        snprintf(why, sizeof why, "%s", wiz_errmsg(&app->ctx));
        struct wiz_store st = store_of(app, NULL);
        enum wiz_rc wrc = wiz_store_put_pending(&app->ctx, &st, ep->zone, NULL, &out->tokens);
        if (wrc)
            return wrc;
        return wiz_fail(&app->ctx, rc == WIZ_EAUTH ? WIZ_EAUTH : WIZ_ENET,
                        "signed in, but could not fetch the account (%s); the sign-in is saved and the next run "
                        "finishes it without a browser", why);
    }
    return persist_fetched_user(app, out);
}

static enum wiz_rc no_session(struct wiz_app *app, const struct wiz_signin_opts *o, const struct wiz_endpoints *ep,
                              struct wiz_signin *out)
{
    if (o->allow_login && o->signup)
        return wiz_signin_signup(app, ep, out);
    if (o->allow_login && wiz_browser_login_possible(app))
        return browser_signin(app, ep, out);
    return wiz_ui_fail(app, WIZ_EAUTH, "auth_required", "no_stored_credentials",
                       "not signed in to Amplitude (zone %s; reason: no_stored_credentials): run 'ampli-wizard "
                       "login', or pass --api-key",
                       wiz_zone_name(ep->zone));
}

struct refresh_ud {
    const struct wiz_endpoints *ep;
    const struct wiz_tokens *mine;
    enum wiz_refresh_result res;
};

static enum wiz_rc do_refresh(struct wiz_ctx *ctx, const struct wiz_tokens *cur, void *ud, struct wiz_tokens *fresh)
{
    struct refresh_ud *r = ud;
    return wiz_oauth_refresh(ctx, r->ep, cur ? cur : r->mine, fresh, &r->res);
}

/* Refreshes out->tokens, at most once across every wizard on this file: under the
 * credential file's lock, and not at all when another process rotated them meanwhile
 * (their tokens are taken). Written (user + tokens + real expiry, one write) before the
 * lock is released. *over set when the server says the session is over. */
static enum wiz_rc refresh(struct wiz_app *app, const struct wiz_endpoints *ep, struct wiz_signin *out, bool *over)
{
    struct wiz_tokens fresh;
    struct refresh_ud r = {ep, &out->tokens, WIZ_REFRESH_OK};
    bool did = false;
    *over = false;
    wiz_debug(&app->ctx, "session: refreshing (expires in %lld s)",
              (long long)(out->tokens.expires_at - wiz_now(&app->ctx)));
    struct wiz_store st = store_of(app, NULL);
    enum wiz_rc rc = wiz_store_refresh(&app->ctx, &st, &out->user, out->tokens.refresh_token ? out->tokens.refresh_token : "",
                                       do_refresh, &r, &fresh, &did);
    if (rc) {
        *over = r.res == WIZ_REFRESH_INVALID_GRANT;
        return rc;
    }
    if (!did)
        wiz_debug(&app->ctx, "session: another wizard refreshed the session first; using its tokens");
    wiz_tokens_clear(&out->tokens);
    out->tokens = fresh;
    return WIZ_OK;
}

/* The server refused a stored token that had not expired (revoked, rotated by another
 * client, a clock off): one refresh and its one bundled write, then the fetch again;
 * still refused, or no refresh possible: the session is over. */
static enum wiz_rc rejected(struct wiz_app *app, const struct wiz_signin_opts *o, const struct wiz_endpoints *ep,
                            struct wiz_signin *out, bool refreshed)
{
    struct wiz_ctx *ctx = &app->ctx;
    bool over = false;
    enum wiz_rc rc = WIZ_EAUTH;
    if (!refreshed) {
        wiz_debug(ctx, "session: the server refused the stored token (%s); refreshing once", wiz_errmsg(ctx));
        rc = refresh(app, ep, out, &over);
        if (rc && !over)
            return rc; /* the network, not the session */
        if (!rc) { /* written by the refresh */
            rc = fetch_orgs(app, ep, out, false, true);
            if (rc != WIZ_EAUTH)
                return rc;
        }
    }
    if (o->allow_login && wiz_browser_login_possible(app)) {
        wiz_warn(ctx, "Amplitude refused the stored session; signing in again");
        return browser_signin(app, ep, out);
    }
    return wiz_ui_fail(app, WIZ_EAUTH, "auth_required", over ? "refresh_failed" : "token_expired",
                       "Amplitude refused the stored session (reason: %s): run 'ampli-wizard login'",
                       over ? "refresh_failed" : "token_expired");
}

enum wiz_rc wiz_signin_get(struct wiz_app *app, const struct wiz_endpoints *ep, const struct wiz_signin_opts *o,
                           struct wiz_signin *out)
{
    struct wiz_ctx *ctx = &app->ctx;
    memset(out, 0, sizeof *out);
    struct wiz_store st = store_of(app, ep);
    enum wiz_rc rc = o->user_id ? wiz_store_get_token(ctx, &st, ep->zone, o->user_id, &out->user, &out->tokens)
                                : WIZ_ENOTFOUND;
    if (rc == WIZ_ENOTFOUND) {
        ctx->rc = WIZ_OK;
        rc = wiz_store_get_token(ctx, &st, ep->zone, NULL, &out->user, &out->tokens);
    }
    if (rc == WIZ_ENOTFOUND)
        return no_session(app, o, ep, out);
    if (rc)
        return rc;

    bool refreshed = false;
    if (o->renew || out->tokens.expires_at - wiz_now(ctx) < WIZ_REFRESH_MARGIN_S) {
        bool over;
        rc = refresh(app, ep, out, &over);
        if (rc && o->renew && o->allow_login && wiz_browser_login_possible(app)) {
            /* /login: any failed refresh falls back to the browser */
            wiz_warn(ctx, "could not refresh the session (%s); signing in again", wiz_errmsg(ctx));
            return browser_signin(app, ep, out);
        }
        if (rc && over) {
            if (o->allow_login && wiz_browser_login_possible(app)) {
                wiz_warn(ctx, "the stored Amplitude session has ended; signing in again");
                return browser_signin(app, ep, out);
            }
            return wiz_ui_fail(app, WIZ_EAUTH, "auth_required", "refresh_failed",
                               "the stored Amplitude session has ended (reason: refresh_failed): run "
                               "'ampli-wizard login'");
        }
        if (rc)
            return rc;
        refreshed = true;
    }

    if (wiz_user_is_pending(&out->user)) {
        /* A signup whose user fetch failed last time: finish it without a browser. */
        wiz_debug(ctx, "session: finishing a pending signup");
        rc = fetch_orgs(app, ep, out, true, o->allow_login);
        if (rc) {
            /* a refresh has written the rotated tokens under the sentinel already */
            return wiz_fail(ctx, rc == WIZ_EINTERNAL ? rc : WIZ_ENET,
                            "the Amplitude account is not ready yet (%s); run the command again in a moment",
                            wiz_errmsg(ctx));
        }
        return persist_fetched_user(app, out);
    }

    /* a refresh wrote the rotated tokens + real expiry + the user, in one write, already */
    if (o->need_orgs) {
        rc = fetch_orgs(app, ep, out, false, true);
        if (rc == WIZ_EAUTH)
            rc = rejected(app, o, ep, out, refreshed);
        if (rc)
            return rc;
    }
    return WIZ_OK;
}

enum wiz_rc wiz_signin_first_run(struct wiz_app *app)
{
    enum wiz_ui_mode m = wiz_ui_mode(app);
    if ((m != WIZ_UI_INTERACTIVE && m != WIZ_UI_CLASSIC) || app->opts.zone_set || app->opts.signup ||
        (app->opts.email && app->opts.email[0]))
        return WIZ_OK;
    struct wiz_store st = store_of(app, NULL);
    static const enum wiz_zone zones[] = {WIZ_ZONE_US, WIZ_ZONE_EU};
    for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++) {
        struct wiz_user u;
        enum wiz_rc rc = wiz_store_get_user(&app->ctx, &st, zones[i], &u);
        if (rc == WIZ_OK) {
            wiz_user_clear(&u);
            return WIZ_OK; /* a returning user: their zone is known */
        }
        if (rc != WIZ_ENOTFOUND)
            return rc; /* an unreadable file: said by the store, never papered over */
        app->ctx.rc = WIZ_OK;
    }
    static const char *const regions[] = {"United States (app.amplitude.com)", "Europe (app.eu.amplitude.com)"};
    int idx = 0;
    enum wiz_rc rc = wiz_ui_choose(app, "Select your data region: where your Amplitude data is stored", regions, 2, 0,
                                   "--region", &idx);
    if (rc)
        return rc;
    app->opts.zone = idx == 1 ? WIZ_ZONE_EU : WIZ_ZONE_US;
    app->opts.zone_set = true;
    if (m != WIZ_UI_INTERACTIVE) /* classic: a new account's questions need the flags (signup_flow.c) */
        return WIZ_OK;
    static const char *const how[] = {"Sign in with your browser", "Create a new Amplitude account"};
    idx = 0;
    rc = wiz_ui_choose(app, "Sign in to Amplitude, or create an account", how, 2, 0, "--signup", &idx);
    if (rc)
        return rc;
    app->opts.signup = idx == 1;
    return WIZ_OK;
}
