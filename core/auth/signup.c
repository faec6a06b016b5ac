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
    free(r->tos_url);
    free(r->privacy_url);
    free(r->redirect_url);
    free(r->unsupported);
    free(r->error_code);
    free(r->error_message);
    memset(r, 0, sizeof *r);
}

static char *dupstr(json_t *obj, const char *key)
{
    const char *s = json_string_value(json_object_get(obj, key));
    return s ? wiz_strdup(s) : NULL;
}

/* needs_information.schema: what required asks for, and the documents to accept. Only
 * full_name and terms_acceptance are known; anything else, or terms without both
 * documents, cannot be answered (the caller falls back to the browser). */
static enum wiz_rc parse_needs(struct wiz_ctx *ctx, json_t *schema, struct wiz_signup_reply *out)
{
    json_t *req = json_object_get(schema, "required");
    if (!json_is_array(req) || json_array_size(req) == 0)
        return wiz_fail(ctx, WIZ_ENET, "signup asks for information but names none (needs_information.schema.required)");
    size_t i;
    json_t *v;
    json_array_foreach(req, i, v) {
        const char *f = json_string_value(v);
        if (f && strcmp(f, "full_name") == 0)
            out->need_full_name = true;
        else if (f && strcmp(f, "terms_acceptance") == 0)
            out->need_terms = true;
        else
            return wiz_fail(ctx, WIZ_ENET, "signup asks for '%.40s', which this wizard cannot give", f ? f : "?");
    }
    if (!out->need_terms)
        return WIZ_OK;
    json_t *docs = json_object_get(json_object_get(json_object_get(schema, "properties"), "terms_acceptance"),
                                   "documents");
    json_array_foreach(docs, i, v) {
        const char *kind = json_string_value(json_object_get(v, "kind"));
        const char *url = json_string_value(json_object_get(v, "url"));
        char **slot = !kind || !url ? NULL : strcmp(kind, "terms_of_service") == 0 ? &out->tos_url
                                          : strcmp(kind, "privacy_policy") == 0 ? &out->privacy_url : NULL;
        if (slot && !*slot)
            *slot = wiz_strdup(url);
    }
    if (!out->tos_url || !out->privacy_url)
        return wiz_fail(ctx, WIZ_ENET, "signup asks to accept terms but does not name both documents");
    return WIZ_OK;
}

enum wiz_rc wiz_signup_parse(struct wiz_ctx *ctx, const char *body, size_t len, struct wiz_signup_reply *out)
{
    memset(out, 0, sizeof *out);
    json_t *j = json_loadb(body, len, 0, NULL);
    const char *type = json_string_value(json_object_get(j, "type"));
    json_t *payload = type ? json_object_get(j, type) : NULL;
    enum wiz_rc rc = WIZ_OK;
    if (!type) {
        rc = wiz_fail(ctx, WIZ_ENET, "signup reply has no 'type'");
    } else if (strcmp(type, "oauth") == 0) {
        out->kind = WIZ_SIGNUP_OAUTH;
        out->code = dupstr(payload, "code");
        out->dashboard_url = dupstr(j, "dashboard_url");
        if (out->dashboard_url && !out->dashboard_url[0]) { /* "" is "none", as Amplitude reads it */
            free(out->dashboard_url);
            out->dashboard_url = NULL;
        }
        if (!out->code || !out->code[0])
            rc = wiz_fail(ctx, WIZ_ENET, "signup reply of type oauth has no oauth.code");
    } else if (strcmp(type, "needs_information") == 0) {
        out->kind = WIZ_SIGNUP_NEEDS_INFORMATION;
        struct wiz_ctx why;
        wiz_ctx_init(&why);
        if (parse_needs(&why, json_object_get(payload, "schema"), out)) {
            out->unsupported = wiz_strdup(wiz_errmsg(&why)); /* a well-formed reply we cannot answer */
            if (!out->unsupported)
                rc = wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
        }
    } else if (strcmp(type, "requires_auth") == 0) {
        out->kind = WIZ_SIGNUP_REQUIRES_AUTH;
        out->redirect_url = dupstr(json_object_get(payload, "redirect"), "url");
    } else if (strcmp(type, "error") == 0) {
        out->kind = WIZ_SIGNUP_ERROR;
        out->error_code = dupstr(payload, "code");
        out->error_message = dupstr(payload, "message");
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
    if (b && req->accept_tos) /* the accepted documents, by the URLs the server named */
        json_object_set_new(b, "terms_acceptance",
                            json_pack("{s:{s:s, s:b}, s:{s:s, s:b}}", "terms_of_service", "url",
                                      req->tos_url ? req->tos_url : WIZ_SIGNUP_TOS_URL, "accepted", 1,
                                      "privacy_policy", "url",
                                      req->privacy_url ? req->privacy_url : WIZ_SIGNUP_PRIVACY_URL, "accepted", 1));
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
    if (rc && resp.status == 429)
        rc = wiz_fail(ctx, WIZ_ENET, "signup is rate limited (HTTP 429 from %s): try again in a while", ep->signup);
    else if (rc && resp.status != 200)
        rc = wiz_fail(ctx, resp.status >= 500 ? WIZ_ENET : WIZ_ERR, "signup: %s answered HTTP %ld", ep->signup,
                      resp.status);
    wiz_http_resp_clear(&resp);
    return rc;
}
