/* /__stand-in/...: what tests and the CI harness look at (requests, events, orgs)
 * and the run-time control (config). These requests are not themselves logged. */
#include "standin.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define RAW_BODY_KEEP 4096 /* unparsed bodies are kept this far, for debugging */

json_t *wiz_si_log_request(struct wiz_si_server *srv, const struct wiz_si_req *req, json_t *headers)
{
    const char *name;
    json_t *val;
    json_object_foreach(headers, name, val)
    {
        if (strcasecmp(name, "Authorization") == 0 && json_is_string(val)) {
            /* enough to tell "Bearer" from a raw JWT, never enough to replay */
            char masked[16];
            snprintf(masked, sizeof masked, "%.6s***", json_string_value(val));
            json_object_set_new(headers, name, json_string(masked));
        }
    }
    json_t *e = json_pack("{s:s, s:s, s:O, s:O, s:I}", "method", req->method, "path", req->path, "query", req->query,
                          "headers", headers, "time", (json_int_t)time(NULL));
    if (!e)
        return NULL;
    if (req->form)
        json_object_set(e, "form", req->form);
    if (req->json)
        json_object_set(e, "json", req->json);
    if (!req->form && !req->json && req->body_len)
        json_object_set_new(e, "body",
                            json_stringn(req->body, req->body_len < RAW_BODY_KEEP ? req->body_len : RAW_BODY_KEEP));
    if (json_array_size(srv->requests) >= WIZ_SI_MAX_LOGGED)
        json_array_remove(srv->requests, 0); /* a long demo or harness run must not grow without bound */
    json_array_append(srv->requests, e);
    return e;
}

static void settings_post(struct wiz_si_server *srv, const struct wiz_si_req *req, struct wiz_si_reply *r)
{
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    if (!req->json) {
        wiz_si_reply_json(r, 400, json_pack("{s:s}", "error", "expected a JSON object of settings"));
        return;
    }
    if (wiz_si_settings_apply(&ctx, &srv->set, req->json) != WIZ_OK) {
        wiz_si_reply_json(r, 400, json_pack("{s:s}", "error", wiz_errmsg(&ctx)));
        return;
    }
    wiz_si_reply_json(r, 200, wiz_si_settings_dump(&srv->set));
}

void wiz_si_inspect(struct wiz_si_server *srv, const struct wiz_si_req *req, struct wiz_si_reply *r)
{
    const char *what = req->path + strlen("/__stand-in/");
    bool get = strcmp(req->method, "GET") == 0, del = strcmp(req->method, "DELETE") == 0;
    bool post = strcmp(req->method, "POST") == 0;
    json_t *list = strcmp(what, "requests") == 0 ? srv->requests : strcmp(what, "events") == 0 ? srv->events : NULL;
    if (list && get)
        wiz_si_reply_json(r, 200, json_deep_copy(list));
    else if (list && del) {
        json_array_clear(list);
        wiz_si_reply_json(r, 200, json_pack("{s:b}", "cleared", 1));
    } else if (strcmp(what, "orgs") == 0 && get)
        wiz_si_reply_json(r, 200, json_deep_copy(srv->set.orgs));
    else if (strcmp(what, "config") == 0 && get)
        wiz_si_reply_json(r, 200, wiz_si_settings_dump(&srv->set));
    else if (strcmp(what, "config") == 0 && post)
        settings_post(srv, req, r);
    else
        wiz_si_reply_json(r, 404, json_pack("{s:s}", "error", "no such stand-in resource or method"));
}
