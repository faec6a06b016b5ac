/* Direct signup request and reply parsing. */
#include "signup.h"

#include "../http/http.h"
#include "pkce.h"

#include <jansson.h>
#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>

void wiz_signup_reply_clear(struct wiz_signup_reply *r)
{
    if (!r)
        return;
    if (r->code) {
        OPENSSL_cleanse(r->code, strlen(r->code));
        free(r->code);
    }
    free(r->dashboard_url);
    free(r->error_code);
    free(r->error_message);
    memset(r, 0, sizeof *r);
}

static char *dupstr(json_t *obj, const char *key)
{
    const char *s = json_string_value(json_object_get(obj, key));
    return s ? wiz_strdup(s) : NULL;
}

enum wiz_rc wiz_signup_parse(struct wiz_ctx *ctx, const char *body, size_t len, struct wiz_signup_reply *out)
{
    memset(out, 0, sizeof *out);
    json_t *j = json_loadb(body, len, 0, NULL);
    const char *type = json_string_value(json_object_get(j, "type"));
    enum wiz_rc rc = WIZ_OK;
    if (!type) {
        rc = wiz_fail(ctx, WIZ_ENET, "signup reply has no 'type'");
    } else if (strcmp(type, "oauth") == 0) {
        out->kind = WIZ_SIGNUP_OAUTH;
        out->code = dupstr(j, "code");
        out->dashboard_url = dupstr(j, "dashboard_url");
        if (!out->code || !out->code[0])
            rc = wiz_fail(ctx, WIZ_ENET, "signup reply of type oauth has no code");
    } else if (strcmp(type, "needs_information") == 0) {
        out->kind = WIZ_SIGNUP_NEEDS_INFORMATION;
        size_t i;
        json_t *v;
        json_array_foreach(json_object_get(j, "required"), i, v) {
            const char *f = json_string_value(v);
            if (f && strcmp(f, "full_name") == 0)
                out->need_full_name = true;
            else if (f && strcmp(f, "terms_acceptance") == 0)
                out->need_terms = true;
        }
        if (!out->need_full_name && !out->need_terms)
            rc = wiz_fail(ctx, WIZ_ENET, "signup asks for information this wizard does not know how to give");
    } else if (strcmp(type, "requires_auth") == 0) {
        out->kind = WIZ_SIGNUP_REQUIRES_AUTH;
    } else if (strcmp(type, "error") == 0) {
        out->kind = WIZ_SIGNUP_ERROR;
        out->error_code = dupstr(j, "code");
        out->error_message = dupstr(j, "message");
    } else {
        rc = wiz_fail(ctx, WIZ_ENET, "signup reply has an unknown type '%.40s'", type);
    }
    json_decref(j);
    if (rc)
        wiz_signup_reply_clear(out);
    return rc;
}

enum wiz_rc wiz_signup_request(struct wiz_ctx *ctx, const struct wiz_endpoints *ep, const struct wiz_signup_req *req,
                               struct wiz_signup_reply *out)
{
    memset(out, 0, sizeof *out);
    char state[37], device[37];
    enum wiz_rc rc = wiz_uuid4(ctx, state);
    if (!rc)
        rc = wiz_uuid4(ctx, device);
    if (rc)
        return rc;
    json_t *b = json_pack("{s:s, s:[s,s], s:s, s:s, s:s, s:s}", "email", req->email, "scopes", "openid", "offline",
                          "state", state, "client_id", ep->client_id, "redirect_uri", WIZ_SIGNUP_REDIRECT_URI,
                          "device_id", device);
    if (b && req->full_name)
        json_object_set_new(b, "full_name", json_string(req->full_name));
    if (b && req->accept_tos)
        json_object_set_new(b, "terms_acceptance", json_true());
    char *body = b ? json_dumps(b, JSON_COMPACT) : NULL;
    json_decref(b);
    if (!body)
        return wiz_fail(ctx, WIZ_EINTERNAL, "cannot build the signup request (is the email valid UTF-8?)");
    struct wiz_http_req hr = {.method = "POST", .url = ep->signup, .content_type = "application/json", .body = body};
    struct wiz_http_resp resp;
    rc = wiz_http_request(ctx, &hr, &resp);
    free(body);
    if (rc)
        return rc;
    /* Error replies may come with a 4xx status; the body's type says what happened. */
    rc = wiz_signup_parse(ctx, resp.body, resp.len, out);
    if (rc && resp.status != 200)
        rc = wiz_fail(ctx, resp.status >= 500 ? WIZ_ENET : WIZ_ERR, "signup: %s answered HTTP %ld", ep->signup,
                      resp.status);
    wiz_http_resp_clear(&resp);
    return rc;
}
