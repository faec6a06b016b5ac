/* Direct signup (POST {signup}): one call, four kinds of reply. */
#ifndef WIZ_SIGNUP_H
#define WIZ_SIGNUP_H

#include "endpoints.h"

enum wiz_signup_kind { WIZ_SIGNUP_OAUTH, WIZ_SIGNUP_NEEDS_INFORMATION, WIZ_SIGNUP_REQUIRES_AUTH, WIZ_SIGNUP_ERROR };

struct wiz_signup_req {
    const char *email;
    const char *full_name;  /* may be NULL */
    bool accept_tos;        /* sends terms_acceptance: true */
};

struct wiz_signup_reply {
    enum wiz_signup_kind kind;
    char *code;             /* oauth */
    char *dashboard_url;    /* oauth, may be NULL */
    bool need_full_name;    /* needs_information */
    bool need_terms;        /* needs_information */
    char *error_code, *error_message; /* error */
};

/* The redirect_uri the signup path always names (no listener runs on it). */
#define WIZ_SIGNUP_REDIRECT_URI "http://localhost:13222/callback"

void wiz_signup_reply_clear(struct wiz_signup_reply *r);
/* Parses a signup reply (pure; fuzzable). Unknown type / bad shape -> WIZ_ENET.
 * out: caller wiz_signup_reply_clear()s. */
enum wiz_rc wiz_signup_parse(struct wiz_ctx *ctx, const char *body, size_t len, struct wiz_signup_reply *out);
/* Calls the signup endpoint. out: caller wiz_signup_reply_clear()s. */
enum wiz_rc wiz_signup_request(struct wiz_ctx *ctx, const struct wiz_endpoints *ep, const struct wiz_signup_req *req,
                               struct wiz_signup_reply *out);

#endif
