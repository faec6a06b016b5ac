/* POST /t/agentic/signup/v1: direct signup. The reply `type` follows --signup-reply;
 * an `oauth` reply carries a code that the token endpoint exchanges without PKCE. */
#include "standin.h"

#include <stdlib.h>
#include <string.h>

static void fail_reply(struct wiz_si_reply *r, unsigned status, const char *code, const char *msg)
{
    wiz_si_reply_json(r, status, json_pack("{s:s, s:s, s:s}", "type", "error", "code", code, "message", msg));
}

static bool given(json_t *v)
{
    if (json_is_string(v))
        return json_string_length(v) > 0;
    return v && !json_is_null(v) && !json_is_false(v);
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
    case WIZ_SI_SIGNUP_REQUIRES_AUTH:
        wiz_si_reply_json(r, 200,
                          json_pack("{s:s, s:s}", "type", "requires_auth", "message",
                                    "An account with this email already exists. Please log in."));
        return;
    case WIZ_SI_SIGNUP_ERROR:
        fail_reply(r, 200, "SIGNUP_FAILED", "Sign-up is not available right now (stand-in --signup-reply error).");
        return;
    case WIZ_SI_SIGNUP_NEEDS_INFO: {
        /* ask only for what is still missing, so calling again with it succeeds */
        json_t *required = json_array();
        if (!given(json_object_get(b, "full_name")))
            json_array_append_new(required, json_string("full_name"));
        if (!given(json_object_get(b, "terms_acceptance")))
            json_array_append_new(required, json_string("terms_acceptance"));
        if (json_array_size(required) > 0) {
            wiz_si_reply_json(r, 200, json_pack("{s:s, s:o}", "type", "needs_information", "required", required));
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
        wiz_si_reply_json(r, 200, json_pack("{s:s, s:s, s:s}", "type", "oauth", "code", code, "dashboard_url", dash));
    else
        fail_reply(r, 500, "INTERNAL", "out of memory");
    free(scope);
    free(code);
    free(dash);
}
