/* POST /wizard/projects: the App API's project creation. Bearer access token,
 * Idempotency-Key replay, NAME_TAKEN within the org. A created project shows up
 * in the orgs query and its key is accepted by ingestion. */
#include "standin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void reply_code(struct wiz_si_reply *r, unsigned status, const char *code, const char *msg)
{
    wiz_si_reply_json(r, status, json_pack("{s:s, s:s}", "code", code, "message", msg));
}

/* borrowed org whose id (string or number) reads as want, or NULL */
static json_t *find_org(json_t *orgs, json_t *want)
{
    char wbuf[64], obuf[64];
    if (json_is_integer(want))
        snprintf(wbuf, sizeof wbuf, "%" JSON_INTEGER_FORMAT, json_integer_value(want));
    else if (json_is_string(want))
        snprintf(wbuf, sizeof wbuf, "%s", json_string_value(want));
    else
        return NULL;
    size_t i;
    json_t *org;
    json_array_foreach(orgs, i, org)
    {
        json_t *id = json_object_get(org, "id");
        if (json_is_integer(id))
            snprintf(obuf, sizeof obuf, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
        else
            snprintf(obuf, sizeof obuf, "%s", json_string_value(id) ? json_string_value(id) : "");
        if (strcmp(wbuf, obuf) == 0)
            return org;
    }
    return NULL;
}

static bool name_taken(json_t *org, const char *name)
{
    size_t i;
    json_t *ws;
    json_array_foreach(json_object_get(org, "workspaces"), i, ws)
    {
        const char *n = wiz_si_field(ws, "name");
        if (n && strcasecmp(n, name) == 0)
            return true;
    }
    return false;
}

/* Decides the answer for a first-time request (auth already checked). */
static void create(struct wiz_si_server *srv, const struct wiz_si_req *req, struct wiz_si_reply *r)
{
    json_t *b = req->json;
    const char *name = wiz_si_field(b, "name");
    json_t *desc = json_object_get(b, "description");
    if (!json_is_object(b) || !name || !*name || (desc && !json_is_string(desc))) {
        reply_code(r, 400, "INVALID_REQUEST", "Expected {orgId, name, description?}.");
        return;
    }
    json_t *org = find_org(srv->set.orgs, json_object_get(b, "orgId"));
    if (!org) {
        reply_code(r, 403, "FORBIDDEN", "You cannot create projects in this organization.");
        return;
    }
    if (name_taken(org, name)) {
        reply_code(r, 409, "NAME_TAKEN", "A project with this name already exists in the organization.");
        return;
    }
    json_t *list = json_object_get(org, "workspaces");
    if (!list) {
        list = json_array();
        json_object_set_new(org, "workspaces", list);
    }
    long app_id = srv->next_app_id++;
    char *key = wiz_si_random_hex(16);
    char wsid[32];
    snprintf(wsid, sizeof wsid, "ws-%ld", app_id);
    json_t *ws = key ? json_pack("{s:s, s:s, s:[{s:s, s:i, s:{s:I, s:s}}]}", "id", wsid, "name", name, "environments",
                                 "name", "Production", "rank", 1, "app", "id", (json_int_t)app_id, "apiKey", key)
                     : NULL;
    if (!ws || !list || json_array_append_new(list, ws) != 0)
        reply_code(r, 500, "INTERNAL", "out of memory");
    else
        wiz_si_reply_json(r, 200,
                          json_pack("{s:I, s:s, s:s}", "appId", (json_int_t)app_id, "apiKey", key, "name", name));
    free(key);
}

void wiz_si_projects(struct wiz_si_server *srv, const struct wiz_si_req *req, struct wiz_si_reply *r)
{
    const char *auth = wiz_si_header(req, "Authorization");
    json_t *tok = (auth && strncmp(auth, "Bearer ", 7) == 0) ? json_object_get(srv->access_tokens, auth + 7) : NULL;
    if (!tok || json_integer_value(json_object_get(tok, "exp")) <= (json_int_t)time(NULL)) {
        reply_code(r, 401, "UNAUTHORIZED", "A valid Bearer access token is required.");
        return;
    }
    const char *key = wiz_si_header(req, "Idempotency-Key");
    if (!key || !*key) {
        reply_code(r, 400, "INVALID_REQUEST", "The Idempotency-Key header is required.");
        return;
    }
    json_t *seen = json_object_get(srv->idempotency, key);
    if (seen) {
        /* a retry gets the first answer again, whatever the body says now */
        wiz_si_reply_json(r, (unsigned)json_integer_value(json_object_get(seen, "status")),
                          json_deep_copy(json_object_get(seen, "body")));
        return;
    }
    create(srv, req, r);
    if (r->status < 500 && r->json)
        json_object_set_new(srv->idempotency, key, json_pack("{s:i, s:O}", "status", (int)r->status, "body", r->json));
}
