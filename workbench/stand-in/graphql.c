/* POST /graphql: the Data API's `orgs` query, authenticated by the raw id token. */
#include "standin.h"

#include <string.h>

static void gql_error(struct wiz_si_reply *r, unsigned status, const char *code, const char *msg)
{
    wiz_si_reply_json(r, status,
                      json_pack("{s:[{s:s, s:{s:s}}]}", "errors", "message", msg, "extensions", "code", code));
}

void wiz_si_graphql(struct wiz_si_server *srv, const struct wiz_si_req *req, struct wiz_si_reply *r)
{
    /* the first N calls fail, whatever they carry: a provisioning account looks like this */
    if (srv->set.fail_userinfo > 0) {
        srv->set.fail_userinfo--;
        gql_error(r, 500, "INTERNAL_SERVER_ERROR", "stand-in: failing as told (--fail-userinfo)");
        return;
    }
    const char *auth = wiz_si_header(req, "Authorization");
    json_t *rec = auth ? json_object_get(srv->id_tokens, auth) : NULL;
    if (!rec) {
        gql_error(r, 401, "UNAUTHENTICATED", "Missing or unknown id token in Authorization.");
        return;
    }
    if (json_integer_value(json_object_get(rec, "exp")) <= (json_int_t)time(NULL)) {
        gql_error(r, 401, "UNAUTHENTICATED", "The id token has expired.");
        return;
    }
    const char *query = req->json ? wiz_si_field(req->json, "query") : NULL;
    if (!query) {
        gql_error(r, 400, "BAD_USER_INPUT", "Expected a JSON body with a \"query\" string.");
        return;
    }
    if (!strstr(query, "orgs")) {
        gql_error(r, 400, "GRAPHQL_VALIDATION_FAILED", "The stand-in answers the orgs query only.");
        return;
    }
    /* the user is whoever is configured now, so run-time config changes show up */
    json_t *orgs = json_deep_copy(srv->set.orgs);
    json_t *user = json_pack("{s:s, s:s, s:s, s:s}", "id", srv->set.user_id, "firstName", srv->set.first_name,
                             "lastName", srv->set.last_name, "email", srv->set.email);
    size_t i;
    json_t *org;
    bool ok = orgs && user;
    json_array_foreach(orgs, i, org)
    {
        ok = ok && json_object_set(org, "user", user) == 0;
        if (ok && !json_object_get(org, "workspaces"))
            ok = json_object_set_new(org, "workspaces", json_array()) == 0;
    }
    json_decref(user);
    if (!ok) {
        json_decref(orgs);
        gql_error(r, 500, "INTERNAL_SERVER_ERROR", "out of memory");
        return;
    }
    wiz_si_reply_json(r, 200, json_pack("{s:{s:o}}", "data", "orgs", orgs));
}
