/* Token endpoint: authorization_code exchange and refresh_token rotation. */
#include "oauth.h"

#include "../http/http.h"
#include "pkce.h"

#include <jansson.h>
#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>

#define SEVEN_DAYS (7L * 24 * 3600)

json_t *wiz_jwt_claims(const char *jwt)
{
    const char *dot1 = jwt ? strchr(jwt, '.') : NULL;
    const char *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
    if (!dot2)
        return NULL;
    size_t n = 0;
    unsigned char *payload = wiz_base64url_decode(dot1 + 1, (size_t)(dot2 - dot1 - 1), &n);
    json_t *j = payload ? json_loadb((const char *)payload, n, 0, NULL) : NULL;
    free(payload);
    if (j && !json_is_object(j)) {
        json_decref(j);
        j = NULL;
    }
    return j;
}

/* The exp claim of a JWT's payload (signature not verified: we only need the expiry
 * the server chose). 0 if absent or malformed. */
static time_t jwt_exp(const char *jwt)
{
    json_t *j = wiz_jwt_claims(jwt);
    time_t exp = 0;
    json_t *e = json_object_get(j, "exp");
    if (json_is_integer(e))
        exp = (time_t)json_integer_value(e);
    else if (json_is_real(e) && json_real_value(e) > 0 && json_real_value(e) < 253402300800.0)
        exp = (time_t)json_real_value(e); /* in range (before year 10000): the conversion is defined */
    json_decref(j);
    return exp;
}

time_t wiz_oauth_expiry(time_t now, const char *id_token, long expires_in)
{
    time_t exp = jwt_exp(id_token);
    if (exp >= now + 30 && exp <= now + SEVEN_DAYS)
        return exp;
    if (expires_in > 0 && expires_in <= SEVEN_DAYS)
        return now + expires_in;
    return now + 3600;
}

static enum wiz_rc dup_field(struct wiz_ctx *ctx, json_t *obj, const char *key, char **out)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return WIZ_OK;
    if (!json_is_string(v) || json_string_length(v) == 0)
        return wiz_fail(ctx, WIZ_ENET, "token reply: '%s' is not a non-empty string", key);
    *out = wiz_strdup(json_string_value(v));
    return *out ? WIZ_OK : wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
}

enum wiz_rc wiz_oauth_parse_token_reply(struct wiz_ctx *ctx, time_t now, const char *body, size_t len,
                                        struct wiz_tokens *out)
{
    memset(out, 0, sizeof *out);
    json_t *j = json_loadb(body, len, 0, NULL);
    if (!json_is_object(j)) {
        json_decref(j);
        return wiz_fail(ctx, WIZ_ENET, "token reply is not a JSON object");
    }
    enum wiz_rc rc = dup_field(ctx, j, "access_token", &out->access_token);
    if (!rc)
        rc = dup_field(ctx, j, "id_token", &out->id_token);
    if (!rc)
        rc = dup_field(ctx, j, "refresh_token", &out->refresh_token);
    if (!rc && !out->access_token)
        rc = wiz_fail(ctx, WIZ_ENET, "token reply has no access_token");
    json_t *ei = json_object_get(j, "expires_in");
    /* a real outside long's range (1e300, NaN) is undefined to convert: treat it as absent */
    double eir = json_is_real(ei) ? json_real_value(ei) : 0;
    long expires_in = json_is_integer(ei) ? (long)json_integer_value(ei)
                      : eir > -1e15 && eir < 1e15 ? (long)eir : 0;
    if (!rc)
        out->expires_at = wiz_oauth_expiry(now, out->id_token, expires_in);
    json_decref(j);
    if (rc)
        wiz_tokens_clear(out);
    return rc;
}

/* POSTs form to the token endpoint. *oauth_error gets the reply's "error" (owned,
 * may stay NULL). */
static enum wiz_rc post_token(struct wiz_ctx *ctx, const struct wiz_endpoints *ep, const char *form,
                              struct wiz_tokens *out, char **oauth_error)
{
    *oauth_error = NULL;
    char *url = wiz_asprintf("%s/oauth2/token", ep->auth_base);
    if (!url)
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    struct wiz_http_req req = {.method = "POST", .url = url, .content_type = "application/x-www-form-urlencoded",
                               .body = form};
    struct wiz_http_resp resp;
    enum wiz_rc rc = wiz_http_request(ctx, &req, &resp);
    if (rc) {
        free(url);
        return rc;
    }
    if (resp.status == 200) {
        rc = wiz_oauth_parse_token_reply(ctx, wiz_now(ctx), resp.body, resp.len, out);
    } else {
        json_t *j = json_loadb(resp.body, resp.len, 0, NULL);
        const char *err = json_string_value(json_object_get(j, "error"));
        const char *desc = json_string_value(json_object_get(j, "error_description"));
        if (err)
            *oauth_error = wiz_strdup(err);
        rc = wiz_fail(ctx, resp.status >= 500 ? WIZ_ENET : WIZ_EAUTH, "token endpoint %s answered %ld%s%.80s%s%.200s",
                      url, resp.status, err ? ": " : "", err ? err : "", desc ? " - " : "", desc ? desc : "");
        json_decref(j);
    }
    wiz_http_resp_clear(&resp);
    free(url);
    return rc;
}

static void free_form(char *form)
{
    if (form) {
        OPENSSL_cleanse(form, strlen(form));
        free(form);
    }
}

enum wiz_rc wiz_oauth_exchange_code(struct wiz_ctx *ctx, const struct wiz_endpoints *ep, const char *code,
                                    const char *redirect_uri, const char *verifier, struct wiz_tokens *out)
{
    memset(out, 0, sizeof *out);
    const char *pairs[] = {"grant_type", "authorization_code", "code", code, "redirect_uri", redirect_uri,
                           "client_id", ep->client_id, "code_verifier", verifier};
    char *form = wiz_http_form(pairs, sizeof pairs / sizeof pairs[0] / 2);
    if (!form)
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    char *oerr = NULL;
    enum wiz_rc rc = post_token(ctx, ep, form, out, &oerr);
    free_form(form);
    free(oerr);
    if (rc == WIZ_OK && !out->refresh_token) {
        wiz_tokens_clear(out);
        return wiz_fail(ctx, WIZ_ENET, "token reply has no refresh_token (was scope 'offline' granted?)");
    }
    return rc;
}

enum wiz_rc wiz_oauth_refresh(struct wiz_ctx *ctx, const struct wiz_endpoints *ep, const struct wiz_tokens *old,
                              struct wiz_tokens *out, enum wiz_refresh_result *result)
{
    memset(out, 0, sizeof *out);
    *result = WIZ_REFRESH_FAILED;
    if (!old->refresh_token)
        return wiz_fail(ctx, WIZ_EAUTH, "the stored session has no refresh token");
    const char *pairs[] = {"grant_type", "refresh_token", "refresh_token", old->refresh_token, "client_id",
                           ep->client_id};
    char *form = wiz_http_form(pairs, 3);
    if (!form)
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    char *oerr = NULL;
    enum wiz_rc rc = post_token(ctx, ep, form, out, &oerr);
    free_form(form);
    if (rc) {
        if (oerr && strcmp(oerr, "invalid_grant") == 0) {
            *result = WIZ_REFRESH_INVALID_GRANT;
            rc = wiz_fail(ctx, WIZ_EAUTH, "the stored session is over (refresh refused: invalid_grant); sign in again");
        }
        free(oerr);
        return rc;
    }
    free(oerr);
    /* The server rotates refresh and id tokens; keep the old ones only if it did not. */
    if (!out->refresh_token)
        out->refresh_token = wiz_strdup(old->refresh_token);
    if (!out->id_token && old->id_token) {
        out->id_token = wiz_strdup(old->id_token);
    }
    if (!out->refresh_token || (old->id_token && !out->id_token)) {
        wiz_tokens_clear(out);
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    }
    *result = WIZ_REFRESH_OK;
    return WIZ_OK;
}
