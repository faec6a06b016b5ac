/* OAuth token endpoint calls: code exchange and refresh. They return tokens with
 * the real expiry and never write the credential store (the caller does, once). */
#ifndef WIZ_OAUTH_H
#define WIZ_OAUTH_H

#include "../store/credstore.h"
#include <jansson.h>
#include "endpoints.h"

/* The expiry to store: the id token's exp claim when 30 s..7 days ahead of now, else
 * now + expires_in when 0 < expires_in <= 7 days, else now + 1 hour. id_token may be
 * NULL; expires_in <= 0 means absent. */
/* The claims of a JWT's payload (not verified), or NULL when it is not a JWT with an
 * object payload. returns a new reference: json_decref() */
json_t *wiz_jwt_claims(const char *jwt);
time_t wiz_oauth_expiry(time_t now, const char *id_token, long expires_in);

/* Parses a token endpoint JSON reply (pure; fuzzable). Needs access_token; id_token and
 * refresh_token are optional here (the caller keeps the old ones on refresh).
 * out: caller wiz_tokens_clear()s. WIZ_ENET on malformed replies. */
enum wiz_rc wiz_oauth_parse_token_reply(struct wiz_ctx *ctx, time_t now, const char *body, size_t len,
                                        struct wiz_tokens *out);

/* grant_type=authorization_code. verifier NULL on the signup path (no PKCE).
 * out: caller wiz_tokens_clear()s. */
enum wiz_rc wiz_oauth_exchange_code(struct wiz_ctx *ctx, const struct wiz_endpoints *ep, const char *code,
                                    const char *redirect_uri, const char *verifier, struct wiz_tokens *out);

enum wiz_refresh_result { WIZ_REFRESH_OK, WIZ_REFRESH_INVALID_GRANT, WIZ_REFRESH_FAILED };

/* grant_type=refresh_token. On WIZ_OK *result is WIZ_REFRESH_OK and out holds the
 * rotated tokens (old id/refresh tokens kept when the reply omits them). invalid_grant
 * -> WIZ_EAUTH with *result WIZ_REFRESH_INVALID_GRANT (the session is over); other
 * failures -> *result WIZ_REFRESH_FAILED. out: caller wiz_tokens_clear()s. */
enum wiz_rc wiz_oauth_refresh(struct wiz_ctx *ctx, const struct wiz_endpoints *ep, const struct wiz_tokens *old,
                              struct wiz_tokens *out, enum wiz_refresh_result *result);

#endif
