/* Direct signup (POST {signup}): one call, four kinds of reply. */
#ifndef WIZ_SIGNUP_H
#define WIZ_SIGNUP_H

#include "endpoints.h"

enum wiz_signup_kind { WIZ_SIGNUP_OAUTH, WIZ_SIGNUP_NEEDS_INFORMATION, WIZ_SIGNUP_REQUIRES_AUTH, WIZ_SIGNUP_ERROR };

/* Shapes from amplitude/wizard src/utils/direct-signup.ts (1.18.2), as the reference gives
 * them: replies nest their payload under a key named like their type. */
struct wiz_signup_req {
    const char *email;
    const char *full_name;  /* may be NULL */
    bool accept_tos;        /* sends terms_acceptance with both documents accepted */
    const char *tos_url, *privacy_url; /* the server's documents; NULL: amplitude.com/terms, /privacy */
};

struct wiz_signup_reply {
    enum wiz_signup_kind kind;
    char *code;             /* oauth: oauth.code */
    char *dashboard_url;    /* oauth, may be NULL; may hold a secret: never logged */
    bool need_full_name;    /* needs_information.schema.required */
    bool need_terms;        /* needs_information.schema.required */
    char *tos_url, *privacy_url; /* needs_information: schema.properties.terms_acceptance.documents */
    char *redirect_url;     /* requires_auth.redirect.url, may be NULL */
    char *unsupported;      /* needs_information this wizard cannot answer: why (then sign in with the browser) */
    char *error_code, *error_message; /* error.{code,message} */
};

#define WIZ_SIGNUP_TOS_URL "https://amplitude.com/terms"
#define WIZ_SIGNUP_PRIVACY_URL "https://amplitude.com/privacy"

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
