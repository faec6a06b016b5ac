/* `--signup`: direct account creation, then the same single bundled write as a login
 * (or the pending sentinel when the new account is not visible yet). */
#include "session.h"

#include "../ui/ui.h"
#include "browser.h"
#include "oauth.h"
#include "signup.h"

#include <stdio.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static bool can_ask(const struct wiz_app *app)
{
    enum wiz_ui_mode m = wiz_ui_mode_pick(&app->opts);
    return m == WIZ_UI_INTERACTIVE || m == WIZ_UI_CLASSIC;
}

/* Only the interactive front end asks; CI, agent and classic runs give everything up
 * front (the reference, from Amplitude's wizard). */
static bool interactive(const struct wiz_app *app)
{
    return wiz_ui_mode_pick(&app->opts) == WIZ_UI_INTERACTIVE;
}

/* The documents of a needs_information reply, kept across rounds (the reply is freed). */
struct docs {
    char *tos, *privacy;
};

/* Fills what needs_information asked for, interactively (only reached there: other modes
 * sent everything with the first call). */
static enum wiz_rc collect(struct wiz_app *app, const struct wiz_signup_reply *r, struct wiz_signup_req *req,
                           char **name_buf, struct docs *d)
{
    free(d->tos), free(d->privacy);
    d->tos = r->tos_url ? wiz_strdup(r->tos_url) : NULL;
    d->privacy = r->privacy_url ? wiz_strdup(r->privacy_url) : NULL;
    req->tos_url = d->tos;
    req->privacy_url = d->privacy;
    bool need_name = r->need_full_name && !(req->full_name && req->full_name[0]);
    bool need_tos = r->need_terms && !req->accept_tos;
    if (!need_name && !need_tos)
        return wiz_fail(&app->ctx, WIZ_ERR, "signup keeps asking for information that was already given");
    if (!interactive(app))
        return wiz_fail(&app->ctx, WIZ_EINPUT, "signup needs more information: pass %s%s%s",
                        need_name ? "--full-name NAME" : "", need_name && need_tos ? " and " : "",
                        need_tos ? "--accept-tos" : "");
    if (need_name) {
        enum wiz_rc rc = wiz_ui_ask_text(app, "Your full name", "--full-name", name_buf);
        if (rc)
            return rc;
        if (!(*name_buf)[0])
            return wiz_fail(&app->ctx, WIZ_EINPUT, "a full name is required to sign up (--full-name)");
        req->full_name = *name_buf;
    }
    if (need_tos) {
        char q[1200];
        snprintf(q, sizeof q, "Do you accept Amplitude's terms of service (%s) and privacy policy (%s)?",
                 d->tos ? d->tos : WIZ_SIGNUP_TOS_URL, d->privacy ? d->privacy : WIZ_SIGNUP_PRIVACY_URL);
        bool yes = false;
        enum wiz_rc rc = wiz_ui_confirm(app, q, false, &yes);
        if (rc)
            return rc;
        if (!yes)
            return wiz_fail(&app->ctx, WIZ_ECANCEL, "the terms of service must be accepted to sign up");
        req->accept_tos = true;
    }
    return WIZ_OK;
}

/* "Ada Byron Lovelace" -> first "Ada", last "Byron Lovelace" (the pending sentinel's names).
 * first/last: free() */
static void split_name(const char *full, char **first, char **last)
{
    *first = *last = NULL;
    if (!full)
        return;
    while (*full == ' ' || *full == '\t')
        full++;
    size_t n = strcspn(full, " \t");
    *first = strndup(full, n);
    const char *rest = full + n;
    while (*rest == ' ' || *rest == '\t')
        rest++;
    *last = wiz_strdup(rest);
}

/* Code -> tokens -> user (with retries) -> one write; or the pending sentinel. */
static enum wiz_rc finish(struct wiz_app *app, const struct wiz_endpoints *ep, const char *code,
                          const struct wiz_signup_req *req, struct wiz_signin *out)
{
    struct wiz_ctx *ctx = &app->ctx;
    struct wiz_store st = {.path = app->config_path};
    enum wiz_rc rc = wiz_oauth_exchange_code(ctx, ep, code, WIZ_SIGNUP_REDIRECT_URI, NULL, &out->tokens);
    if (rc)
        return rc;
    out->fresh = true;
    rc = wiz_userinfo_fetch_retry(ctx, ep, out->tokens.id_token, &out->orgs);
    if (rc == WIZ_OK) {
        out->have_orgs = true;
        rc = wiz_user_copy(ctx, &out->user, &out->orgs.user);
        return rc ? rc : wiz_store_put(ctx, &st, &out->user, &out->tokens);
    }
    if (rc == WIZ_EINTERNAL)
        return rc;
    char why[256];
    snprintf(why, sizeof why, "%s", wiz_errmsg(ctx));
    struct wiz_user who = {.email = (char *)req->email};
    split_name(req->full_name, &who.first_name, &who.last_name);
    rc = wiz_store_put_pending(ctx, &st, ep->zone, &who, &out->tokens);
    free(who.first_name), free(who.last_name);
    if (rc)
        return rc;
    return wiz_fail(ctx, WIZ_ENET,
                    "your Amplitude account was created, but it is not ready yet (%s); the sign-in is saved and the "
                    "next run will finish it without a browser",
                    why);
}

static enum wiz_rc signup_as(struct wiz_app *app, const struct wiz_endpoints *ep, struct wiz_signin *out,
                             const char *email)
{
    struct wiz_ctx *ctx = &app->ctx;
    /* without a screen to ask on, everything goes with the first call: refuse up front,
     * naming every missing flag (agent: Amplitude's signup_input_required event) */
    bool no_email = !email || !email[0];
    bool no_name = !interactive(app) && !(app->opts.full_name && app->opts.full_name[0]);
    bool no_tos = !interactive(app) && !app->opts.accept_tos;
    if (no_email || no_name || no_tos) {
        json_t *missing = json_array();
        if (no_email)
            json_array_append_new(missing, json_pack("{s:s, s:s}", "flag", "--email", "description",
                                                     "the email address of the new account"));
        if (no_name)
            json_array_append_new(missing, json_pack("{s:s, s:s}", "flag", "--full-name", "description",
                                                     "the account holder's full name"));
        if (no_tos)
            json_array_append_new(missing, json_pack("{s:s, s:s, s:s}", "flag", "--accept-tos", "description",
                                                     "accept Amplitude's terms of service and privacy policy", "url",
                                                     WIZ_SIGNUP_TOS_URL));
        json_t *resume = json_pack("[s,s,s]", "ampli-wizard", app->cmd_name ? app->cmd_name : "setup", "--signup");
        if (no_email) {
            json_array_append_new(resume, json_string("--email"));
            json_array_append_new(resume, json_string("<email>"));
        }
        if (no_name) {
            json_array_append_new(resume, json_string("--full-name"));
            json_array_append_new(resume, json_string("<full-name>"));
        }
        if (no_tos)
            json_array_append_new(resume, json_string("--accept-tos"));
        wiz_ui_agent_event(app, WIZ_AEV_signup_input_required, "error", "signup requires additional input",
                           json_pack("{s:o, s:o}", "missing", missing, "resumeCommand", resume));
    }
    if (no_email)
        return wiz_fail(ctx, interactive(app) ? WIZ_EUSAGE : WIZ_EINPUT, "--signup needs --email EMAIL");
    if (no_name)
        return wiz_fail(ctx, WIZ_EINPUT, "--signup without a terminal needs --full-name NAME%s",
                        no_tos ? " and --accept-tos" : "");
    if (no_tos)
        return wiz_fail(ctx, WIZ_EINPUT, "--signup without a terminal needs --accept-tos (Amplitude's terms of "
                                         "service, %s, and privacy policy, %s)", WIZ_SIGNUP_TOS_URL, WIZ_SIGNUP_PRIVACY_URL);
    struct wiz_signup_req req = {.email = email, .full_name = app->opts.full_name,
                                 .accept_tos = app->opts.accept_tos};
    char *name_buf = NULL;
    struct docs d = {0};
    enum wiz_rc rc = WIZ_OK;
    for (int round = 0; round < 3; round++) {
        struct wiz_signup_reply r;
        rc = wiz_signup_request(ctx, ep, &req, &r);
        if (rc)
            break;
        switch (r.kind) {
        case WIZ_SIGNUP_OAUTH:
            rc = finish(app, ep, r.code, &req, out);
            if (!rc && r.dashboard_url) /* it may hold a magic-link secret: shown, never logged */
                wiz_ui_status(app, "Your Amplitude dashboard is ready: open it from the link Amplitude e-mails you");
            break;
        case WIZ_SIGNUP_NEEDS_INFORMATION:
            if (!r.unsupported) {
                rc = collect(app, &r, &req, &name_buf, &d);
                if (!rc) {
                    wiz_signup_reply_clear(&r);
                    continue;
                }
                break;
            }
            /* a question this wizard cannot answer: the browser sign-in can */
            __attribute__((fallthrough));
        case WIZ_SIGNUP_REQUIRES_AUTH:
            if (can_ask(app)) {
                wiz_ui_status(app, "%s: signing in with the browser.",
                              r.unsupported ? r.unsupported : "An Amplitude account already exists for this email");
                wiz_signup_reply_clear(&r);
                free(name_buf);
                free(d.tos), free(d.privacy);
                struct wiz_signin_opts o = {.need_orgs = true, .allow_login = true};
                return wiz_signin_get(app, ep, &o, out);
            }
            rc = r.unsupported ? wiz_fail(ctx, WIZ_EAUTH, "%s: run 'ampli-wizard login' to sign in with the browser",
                                          r.unsupported)
                               : wiz_fail(ctx, WIZ_EAUTH, "an Amplitude account already exists for %s (reason: "
                                                          "requires_auth): run 'ampli-wizard login' to sign in",
                                          req.email);
            break;
        case WIZ_SIGNUP_ERROR:
            rc = wiz_fail(ctx, WIZ_ERR, "signup failed: %.80s%s%.300s", r.error_code ? r.error_code : "error",
                          r.error_message ? ": " : "", r.error_message ? r.error_message : "");
            break;
        }
        wiz_signup_reply_clear(&r);
        free(name_buf);
        free(d.tos), free(d.privacy);
        return rc;
    }
    free(name_buf);
    free(d.tos), free(d.privacy);
    return rc ? rc : wiz_fail(ctx, WIZ_ERR, "signup did not complete after several rounds of questions");
}

enum wiz_rc wiz_signin_signup(struct wiz_app *app, const struct wiz_endpoints *ep, struct wiz_signin *out)
{
    const char *email = app->opts.email;
    char *asked = NULL;
    if ((!email || !email[0]) && interactive(app)) {
        /* the first-run "create an account" choice, or --signup alone at a terminal */
        enum wiz_rc rc = wiz_ui_ask_text(app, "Your work email for the new Amplitude account", "--email", &asked);
        if (rc)
            return rc;
        if (!asked[0] || !strchr(asked, '@')) {
            free(asked);
            return wiz_fail(&app->ctx, WIZ_EUSAGE, "that is not an email address; run again, or pass --email EMAIL");
        }
        email = asked;
    }
    enum wiz_rc rc = signup_as(app, ep, out, email);
    free(asked);
    return rc;
}
