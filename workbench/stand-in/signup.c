/* POST /t/agentic/signup/v1: direct signup. The reply `type` follows --signup-reply;
 * an `oauth` reply carries a code that the token endpoint exchanges without PKCE. The
 * shapes are the real endpoint's (amplitude/wizard src/utils/direct-signup.ts, and the
 * reference's "Direct signup"): each reply nests its payload under a key named like its
 * type, and needs_information is a JSON schema naming the documents to accept. */
#include "standin.h"

#include <stdlib.h>
#include <string.h>

#define TOS_URL "https://amplitude.com/terms"
#define PRIVACY_URL "https://amplitude.com/privacy"

static void fail_reply(struct wiz_si_reply *r, unsigned status, const char *code, const char *msg)
{
    wiz_si_reply_json(r, status, json_pack("{s:s, s:{s:s, s:s}}", "type", "error", "error", "code", code, "message", msg));
}

static bool given(json_t *v)
{
    return json_is_string(v) && json_string_length(v) > 0;
}

/* terms_acceptance as the real endpoint wants it: both documents, by the URLs it named, accepted */
static bool accepted(json_t *t)
{
    json_t *tos = json_object_get(t, "terms_of_service"), *pp = json_object_get(t, "privacy_policy");
    const char *tu = json_string_value(json_object_get(tos, "url")), *pu = json_string_value(json_object_get(pp, "url"));
    return json_is_true(json_object_get(tos, "accepted")) && json_is_true(json_object_get(pp, "accepted")) && tu &&
           pu && strcmp(tu, TOS_URL) == 0 && strcmp(pu, PRIVACY_URL) == 0;
}

/* returns owned string: free(); the requested scopes, space-separated */
static char *scopes_of(json_t *arr)
{
    if (!json_is_array(arr) || json_array_size(arr) == 0)
        return wiz_strdup("openid offline");
    size_t i, n = 1;
    json_t *v;
    json_array_foreach(arr, i, v) n += json_string_length(v) + 1;
    char *out = calloc(1, n);
    json_array_foreach(arr, i, v)
    {
        if (out && json_is_string(v)) {
            if (*out)
                strcat(out, " ");
            strcat(out, json_string_value(v));
        }
    }
    return out;
}

void wiz_si_signup(struct wiz_si_server *srv, const struct wiz_si_req *req, struct wiz_si_reply *r)
{
    json_t *b = req->json;
    if (!json_is_object(b)) {
        fail_reply(r, 400, "INVALID_REQUEST", "Expected a JSON object body.");
        return;
    }
    const char *email = wiz_si_field(b, "email");
    const char *client_id = wiz_si_field(b, "client_id");
    const char *redirect_uri = wiz_si_field(b, "redirect_uri");
    if (!email || !strchr(email, '@')) {
        fail_reply(r, 400, "INVALID_EMAIL", "A valid email is required.");
        return;
    }
    if (!wiz_si_client_known(client_id)) {
        fail_reply(r, 400, "INVALID_CLIENT", "Unknown client_id.");
        return;
    }
    if (!wiz_si_redirect_allowed(redirect_uri)) {
        fail_reply(r, 400, "INVALID_REDIRECT_URI", "redirect_uri is not allowed for this client.");
        return;
    }
    switch (srv->set.signup_reply) {
    case WIZ_SI_SIGNUP_REQUIRES_AUTH: {
        char *login = wiz_asprintf("%s/login", srv->issuer);
        wiz_si_reply_json(r, 200,
                          json_pack("{s:s, s:{s:s, s:{s:s}}}", "type", "requires_auth", "requires_auth", "type",
                                    "redirect", "redirect", "url", login ? login : ""));
        free(login);
        return;
    }
    case WIZ_SI_SIGNUP_ERROR:
        fail_reply(r, 200, "SIGNUP_FAILED", "Sign-up is not available right now (stand-in --signup-reply error).");
        return;
    case WIZ_SI_SIGNUP_NEEDS_INFO: {
        /* ask only for what is still missing, so calling again with it succeeds */
        json_t *required = json_array();
        if (!given(json_object_get(b, "full_name")))
            json_array_append_new(required, json_string("full_name"));
        if (!accepted(json_object_get(b, "terms_acceptance")))
            json_array_append_new(required, json_string("terms_acceptance"));
        if (json_array_size(required) > 0) {
            json_t *props = json_pack(
                "{s:{s:s, s:s}, s:{s:s, s:[{s:s, s:s}, {s:s, s:s}]}}", "full_name", "type", "string", "description",
                "Your full name", "terms_acceptance", "type", "object", "documents", "kind", "terms_of_service",
                "url", TOS_URL, "kind", "privacy_policy", "url", PRIVACY_URL);
            wiz_si_reply_json(r, 200,
                              json_pack("{s:s, s:{s:{s:s, s:o, s:o}}}", "type", "needs_information",
                                        "needs_information", "schema", "type", "object", "properties", props,
                                        "required", required));
            return;
        }
        json_decref(required);
        break;
    }
    case WIZ_SI_SIGNUP_OAUTH:
        break;
    }
    char *scope = scopes_of(json_object_get(b, "scopes"));
    char *code = scope ? wiz_si_code_issue(srv, client_id, redirect_uri, NULL, scope) : NULL;
    char *dash = wiz_asprintf("%s/analytics/stand-in-org", srv->issuer);
    if (code && dash)
        wiz_si_reply_json(r, 200,
                          json_pack("{s:s, s:{s:s}, s:s}", "type", "oauth", "oauth", "code", code, "dashboard_url", dash));
    else
        fail_reply(r, 500, "INTERNAL", "out of memory");
    free(scope);
    free(code);
    free(dash);
}
