/* /oauth2/auth and /oauth2/token, imitating Ory Hydra for a public client:
 * authorization code with PKCE S256 only, single-use codes, refresh token rotation. */
#include "standin.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

/* returns owned string: free(); base plus escaped query pairs (NULL values skipped) */
static char *url_with(const char *base, const char *const *pairs, size_t n)
{
    CURLU *u = curl_url();
    char *out = NULL, *tmp = NULL;
    if (!u || curl_url_set(u, CURLUPART_URL, base, 0) != CURLUE_OK)
        goto done;
    for (size_t i = 0; i + 1 < n; i += 2) {
        if (!pairs[i + 1])
            continue;
        char *kv = wiz_asprintf("%s=%s", pairs[i], pairs[i + 1]);
        CURLUcode uc =
            kv ? curl_url_set(u, CURLUPART_QUERY, kv, CURLU_APPENDQUERY | CURLU_URLENCODE) : CURLUE_OUT_OF_MEMORY;
        free(kv);
        if (uc != CURLUE_OK)
            goto done;
    }
    if (curl_url_get(u, CURLUPART_URL, &tmp, 0) == CURLUE_OK)
        out = wiz_strdup(tmp);
done:
    curl_free(tmp);
    curl_url_cleanup(u);
    return out;
}

/* RFC 6749 4.1.2.1: once client and redirect URI are trusted, errors go back by redirect */
static void redirect_error(struct wiz_si_reply *r, const char *redirect_uri, const char *error, const char *desc,
                           const char *state)
{
    const char *pairs[] = {"error", error, "error_description", desc, "state", state};
    r->status = 302;
    r->location = url_with(redirect_uri, pairs, 6);
    if (!r->location)
        wiz_si_reply_oauth_error(r, 500, "server_error", "could not build the redirect");
}

static bool scope_ok(const char *scope)
{
    /* the scopes the wizard's client is registered for */
    char *copy = wiz_strdup(scope), *save = NULL;
    bool ok = copy != NULL;
    for (char *t = copy ? strtok_r(copy, " ", &save) : NULL; t; t = strtok_r(NULL, " ", &save))
        if (strcmp(t, "openid") && strcmp(t, "offline") && strcmp(t, "offline_access"))
            ok = false;
    free(copy);
    return ok;
}

static bool scope_has(const char *scope, const char *want)
{
    size_t n = strlen(want);
    for (const char *p = scope; p && (p = strstr(p, want)); p += n)
        if ((p == scope || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return true;
    return false;
}

char *wiz_si_code_issue(struct wiz_si_server *srv, const char *client_id, const char *redirect_uri,
                        const char *challenge, const char *scope)
{
    char *hex = wiz_si_random_hex(32);
    char *code = hex ? wiz_asprintf("ory_ac_%s", hex) : NULL;
    free(hex);
    json_t *rec = json_pack("{s:s, s:s, s:s?, s:s, s:s, s:I}", "client_id", client_id, "redirect_uri", redirect_uri,
                            "challenge", challenge, "scope", scope, "sub", srv->set.user_id, "exp",
                            (json_int_t)time(NULL) + WIZ_SI_CODE_TTL);
    if (!code || !rec || json_object_set_new(srv->codes, code, rec) != 0) {
        free(code);
        return NULL;
    }
    return code;
}

void wiz_si_oauth_authorize(struct wiz_si_server *srv, const struct wiz_si_req *req, struct wiz_si_reply *r)
{
    const char *client_id = wiz_si_field(req->query, "client_id");
    const char *redirect_uri = wiz_si_field(req->query, "redirect_uri");
    const char *state = wiz_si_field(req->query, "state");
    const char *rtype = wiz_si_field(req->query, "response_type");
    const char *challenge = wiz_si_field(req->query, "code_challenge");
    const char *method = wiz_si_field(req->query, "code_challenge_method");
    const char *scope = wiz_si_field(req->query, "scope");

    /* without a trusted client and redirect URI there is nowhere safe to redirect to */
    if (!wiz_si_client_known(client_id)) {
        wiz_si_reply_oauth_error(r, 401, "invalid_client", "The requested OAuth 2.0 Client does not exist.");
        return;
    }
    if (!wiz_si_redirect_allowed(redirect_uri)) {
        wiz_si_reply_oauth_error(r, 400, "invalid_request",
                                 "The 'redirect_uri' parameter does not match any of the OAuth 2.0 "
                                 "Client's pre-registered redirect urls.");
        return;
    }
    if (!rtype || strcmp(rtype, "code") != 0) {
        redirect_error(r, redirect_uri, "unsupported_response_type",
                       "The authorization server does not support obtaining a token using this method.", state);
        return;
    }
    if (!state || strlen(state) < 8) {
        redirect_error(r, redirect_uri, "invalid_state",
                       "The state is missing or does not have enough characters and is therefore "
                       "considered too weak.",
                       state);
        return;
    }
    if (!challenge || !*challenge) {
        redirect_error(r, redirect_uri, "invalid_request",
                       "Clients must include a code_challenge when performing the authorize code flow, "
                       "but it is missing.",
                       state);
        return;
    }
    if (!method || strcmp(method, "S256") != 0) {
        redirect_error(r, redirect_uri, "invalid_request",
                       "Clients must use code_challenge_method=S256, plain is not allowed.", state);
        return;
    }
    if (!wiz_si_pkce_wellformed(challenge)) {
        redirect_error(r, redirect_uri, "invalid_request", "The code_challenge is malformed.", state);
        return;
    }
    if (!scope || !scope_ok(scope)) {
        redirect_error(r, redirect_uri, "invalid_scope", "The OAuth 2.0 Client is not allowed to request this scope.",
                       state);
        return;
    }

    char *code = wiz_si_code_issue(srv, client_id, redirect_uri, challenge, scope);
    if (!code) {
        wiz_si_reply_oauth_error(r, 500, "server_error", "out of memory");
        return;
    }
    const char *pairs[] = {"code", code, "scope", scope, "state", state};
    r->status = 302;
    r->location = url_with(redirect_uri, pairs, 6);
    free(code);
    if (!r->location)
        wiz_si_reply_oauth_error(r, 500, "server_error", "could not build the redirect");
}

/* returns owned string: free() */
static char *opaque(const char *prefix)
{
    char *hex = wiz_si_random_hex(32);
    char *t = hex ? wiz_asprintf("%s%s", prefix, hex) : NULL;
    free(hex);
    return t;
}

/* Mints access (+ id + refresh, by scope) tokens for sub and records them. */
static void issue_tokens(struct wiz_si_server *srv, struct wiz_si_reply *r, const char *client_id, const char *sub,
                         const char *scope, const char *grant)
{
    time_t now = time(NULL);
    json_int_t exp = (json_int_t)now + srv->set.token_ttl;
    char *access = opaque("ory_at_"), *refresh = NULL, *id = NULL, *jti = wiz_si_random_hex(16);
    if (scope_has(scope, "offline") || scope_has(scope, "offline_access"))
        refresh = opaque("ory_rt_");
    if (scope_has(scope, "openid") && jti) {
        json_t *claims =
            json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:s, s:s, s:s, s:s}", "iss", srv->issuer, "aud", client_id, "sub",
                      sub, "exp", exp, "iat", (json_int_t)now, "auth_time", (json_int_t)now, "jti", jti, "email",
                      srv->set.email, "given_name", srv->set.first_name, "family_name", srv->set.last_name);
        id = claims ? wiz_si_jwt_make(srv, claims) : NULL;
        json_decref(claims);
    }
    json_t *out = access ? json_pack("{s:s, s:s, s:I, s:s}", "access_token", access, "token_type", "bearer",
                                     "expires_in", (json_int_t)srv->set.token_ttl, "scope", scope)
                         : NULL;
    bool ok = out != NULL;
    ok = ok && !json_object_set_new(srv->access_tokens, access,
                                    json_pack("{s:s, s:s, s:I}", "sub", sub, "client_id", client_id, "exp", exp));
    if (ok && id)
        ok = !json_object_set_new(out, "id_token", json_string(id)) &&
             !json_object_set_new(srv->id_tokens, id, json_pack("{s:s, s:I}", "sub", sub, "exp", exp));
    if (ok && refresh)
        ok = !json_object_set_new(out, "refresh_token", json_string(refresh)) &&
             !json_object_set_new(srv->refresh_tokens, refresh,
                                  json_pack("{s:s, s:s, s:s, s:s}", "sub", sub, "client_id", client_id, "scope", scope,
                                            "grant", grant ? grant : "-"));
    if (ok && scope_has(scope, "openid") && !id)
        ok = false;
    if (ok)
        wiz_si_reply_json(r, 200, out);
    else {
        json_decref(out);
        wiz_si_reply_oauth_error(r, 500, "server_error", "could not mint tokens");
    }
    free(access);
    free(refresh);
    free(id);
    free(jti);
}

static void grant_code(struct wiz_si_server *srv, const struct wiz_si_req *req, struct wiz_si_reply *r,
                       const char *client_id)
{
    const char *code = wiz_si_field(req->form, "code");
    const char *redirect_uri = wiz_si_field(req->form, "redirect_uri");
    const char *verifier = wiz_si_field(req->form, "code_verifier");
    json_t *rec = code ? json_object_get(srv->codes, code) : NULL;
    if (!code) {
        wiz_si_reply_oauth_error(r, 400, "invalid_request", "The request is missing the 'code' parameter.");
        return;
    }
    if (!rec || json_integer_value(json_object_get(rec, "exp")) < (json_int_t)time(NULL)) {
        wiz_si_reply_oauth_error(r, 400, "invalid_grant",
                                 "The provided authorization grant is invalid, expired, revoked, or was "
                                 "already used.");
        return;
    }
    if (strcmp(client_id, wiz_si_field(rec, "client_id")) != 0) {
        wiz_si_reply_oauth_error(r, 400, "invalid_grant",
                                 "The OAuth 2.0 Client ID from this request does not match the one from "
                                 "the authorize request.");
        return;
    }
    if (!redirect_uri || strcmp(redirect_uri, wiz_si_field(rec, "redirect_uri")) != 0) {
        wiz_si_reply_oauth_error(r, 400, "invalid_grant",
                                 "The 'redirect_uri' from this request does not match the one from the "
                                 "authorize request.");
        return;
    }
    const char *challenge = wiz_si_field(rec, "challenge");
    if (challenge && !verifier) {
        wiz_si_reply_oauth_error(r, 400, "invalid_grant", "The PKCE code verifier must be provided with this code.");
        return;
    }
    if (challenge && !wiz_si_pkce_matches(verifier, challenge)) {
        wiz_si_reply_oauth_error(r, 400, "invalid_grant", "The PKCE code challenge did not match the code verifier.");
        return;
    }
    json_incref(rec);                  /* survives its removal from the table below */
    json_object_del(srv->codes, code); /* single use */
    char *grant = wiz_si_random_hex(8); /* the grant every rotated refresh token of this login belongs to */
    issue_tokens(srv, r, client_id, wiz_si_field(rec, "sub"), wiz_si_field(rec, "scope"), grant);
    free(grant);
    json_decref(rec);
}

static void grant_refresh(struct wiz_si_server *srv, const struct wiz_si_req *req, struct wiz_si_reply *r,
                          const char *client_id)
{
    const char *token = wiz_si_field(req->form, "refresh_token");
    json_t *rec = token ? json_object_get(srv->refresh_tokens, token) : NULL;
    if (!token) {
        wiz_si_reply_oauth_error(r, 400, "invalid_request", "The request is missing the 'refresh_token' parameter.");
        return;
    }
    const char *spent_grant = token && !rec ? json_string_value(json_object_get(srv->spent_refresh, token)) : NULL;
    if (spent_grant && srv->set.refresh_reply == WIZ_SI_REFRESH_REVOKE_ON_REUSE) {
        /* Ory Hydra: a spent refresh token presented again is taken as theft, and every
         * token of its grant is revoked, the rotated one included */
        const char *k;
        json_t *v;
        void *tmp;
        json_object_foreach_safe(srv->refresh_tokens, tmp, k, v) {
            const char *g = wiz_si_field(v, "grant");
            if (g && strcmp(g, spent_grant) == 0)
                json_object_del(srv->refresh_tokens, k);
        }
        wiz_si_reply_oauth_error(r, 400, "invalid_grant",
                                 "The refresh token was used before: the whole grant has been revoked.");
        return;
    }
    if (srv->set.refresh_reply == WIZ_SI_REFRESH_INVALID_GRANT || !rec) {
        wiz_si_reply_oauth_error(r, 400, "invalid_grant",
                                 "The provided authorization grant is invalid, expired, revoked, or was "
                                 "issued to another client.");
        return;
    }
    if (strcmp(client_id, wiz_si_field(rec, "client_id")) != 0) {
        wiz_si_reply_oauth_error(r, 400, "invalid_grant",
                                 "The OAuth 2.0 Client ID from this request does not match the ID during "
                                 "the initial token issuance.");
        return;
    }
    json_incref(rec);
    json_object_set_new(srv->spent_refresh, token, json_string(wiz_si_field(rec, "grant") ? wiz_si_field(rec, "grant") : "-"));
    json_object_del(srv->refresh_tokens, token); /* rotation: the old one is spent */
    issue_tokens(srv, r, client_id, wiz_si_field(rec, "sub"), wiz_si_field(rec, "scope"), wiz_si_field(rec, "grant"));
    json_decref(rec);
}

void wiz_si_oauth_token(struct wiz_si_server *srv, const struct wiz_si_req *req, struct wiz_si_reply *r)
{
    if (!req->form) {
        wiz_si_reply_oauth_error(r, 400, "invalid_request", "The request must be application/x-www-form-urlencoded.");
        return;
    }
    const char *grant = wiz_si_field(req->form, "grant_type");
    const char *client_id = wiz_si_field(req->form, "client_id");
    if (!wiz_si_client_known(client_id)) {
        wiz_si_reply_oauth_error(r, 401, "invalid_client", "The requested OAuth 2.0 Client does not exist.");
        return;
    }
    if (grant && strcmp(grant, "authorization_code") == 0) {
        grant_code(srv, req, r, client_id);
        return;
    }
    if (grant && strcmp(grant, "refresh_token") == 0) {
        grant_refresh(srv, req, r, client_id);
        return;
    }
    wiz_si_reply_oauth_error(r, 400, "unsupported_grant_type",
                             "The authorization grant type is not supported by the authorization server.");
}
