/* libmicrohttpd glue: collect the (bounded) body, parse query/form/JSON, log,
 * delay, route under the state mutex, send. One thread per connection, so a
 * --delay-ms reply never holds up another client. */
#include "standin.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

struct conn_state {
    char *buf;
    size_t len;
    bool too_big;
};

static enum MHD_Result collect_kv(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    json_object_set_new(cls, key, json_string(value ? value : ""));
    return MHD_YES;
}

static enum MHD_Result form_iter(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                                 const char *content_type, const char *transfer_encoding, const char *data,
                                 uint64_t off, size_t size)
{
    /* long values arrive in pieces: append to what came before */
    const char *prev = off ? json_string_value(json_object_get(cls, key)) : NULL;
    size_t plen = prev ? strlen(prev) : 0;
    char *v = malloc(plen + size + 1);
    if (!v)
        return MHD_NO;
    memcpy(v, prev ? prev : "", plen);
    memcpy(v + plen, data, size);
    v[plen + size] = '\0';
    json_object_set_new(cls, key, json_string(v));
    free(v);
    return MHD_YES;
}

/* returns owned object, or NULL when the body is not form-encoded */
static json_t *parse_form(struct MHD_Connection *conn, const char *body, size_t len)
{
    const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    if (!ct || strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0)
        return NULL;
    json_t *form = json_object();
    struct MHD_PostProcessor *pp = form ? MHD_create_post_processor(conn, 4096, form_iter, form) : NULL;
    if (!pp) {
        json_decref(form);
        return NULL;
    }
    MHD_post_process(pp, body, len);
    MHD_destroy_post_processor(pp); /* flushes the last value */
    return form;
}

static const struct route {
    const char *method, *path;
    void (*fn)(struct wiz_si_server *, const struct wiz_si_req *, struct wiz_si_reply *);
} routes[] = {
    {"GET", "/oauth2/auth", wiz_si_oauth_authorize},
    {"POST", "/oauth2/token", wiz_si_oauth_token},
    {"POST", "/graphql", wiz_si_graphql},
    {"POST", "/t/agentic/signup/v1", wiz_si_signup},
    {"POST", "/wizard/projects", wiz_si_projects},
    {"POST", "/2/httpapi", wiz_si_ingest},
};

static bool is_control(const char *path)
{
    return strncmp(path, "/__stand-in/", 12) == 0;
}

/* Picks the handler; with srv->mu held. */
static void route(struct wiz_si_server *srv, const struct wiz_si_req *req, bool too_big, struct wiz_si_reply *r)
{
    bool path_known = false;
    if (too_big) {
        wiz_si_reply_json(r, 413, json_pack("{s:i, s:s}", "code", 413, "error", "Payload too large"));
        r->cors = strcmp(req->path, "/2/httpapi") == 0;
        return;
    }
    if (is_control(req->path)) {
        wiz_si_inspect(srv, req, r);
        return;
    }
    if (strcmp(req->method, "OPTIONS") == 0 && strcmp(req->path, "/2/httpapi") == 0) {
        r->status = 204; /* CORS preflight: browsers post events from pages on other ports */
        r->cors = true;
        return;
    }
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        if (strcmp(req->path, routes[i].path) != 0)
            continue;
        path_known = true;
        if (strcmp(req->method, routes[i].method) == 0) {
            routes[i].fn(srv, req, r);
            return;
        }
    }
    if (path_known)
        wiz_si_reply_json(r, 405, json_pack("{s:s}", "error", "method not allowed"));
    else
        wiz_si_reply_json(r, 404, json_pack("{s:s}", "error", "not found"));
}

static enum MHD_Result send_reply(struct MHD_Connection *conn, const struct wiz_si_reply *r,
                                  const struct wiz_si_req *req)
{
    char *text = r->json ? json_dumps(r->json, JSON_COMPACT) : NULL;
    size_t len = text ? strlen(text) : 0;
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, text ? text : (void *)"",
                                                                text ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (!resp) {
        free(text);
        return MHD_NO;
    }
    if (text)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
    if (r->location)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_LOCATION, r->location);
    if (r->retry_after)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, r->retry_after);
    if (r->cors) {
        const char *asked = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Access-Control-Request-Headers");
        MHD_add_response_header(resp, "Access-Control-Allow-Origin", "*");
        MHD_add_response_header(resp, "Access-Control-Allow-Methods", "POST, OPTIONS");
        MHD_add_response_header(resp, "Access-Control-Allow-Headers", asked ? asked : "Content-Type, Accept");
        MHD_add_response_header(resp, "Access-Control-Max-Age", "600");
    }
    if (strncmp(req->path, "/oauth2/", 8) == 0)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store"); /* RFC 6749 5.1 */
    enum MHD_Result ok = MHD_queue_response(conn, r->status, resp);
    MHD_destroy_response(resp);
    return ok;
}

static enum MHD_Result respond(struct wiz_si_server *srv, struct MHD_Connection *conn, const char *url,
                               const char *method, struct conn_state *cs)
{
    struct wiz_si_req req = {
        .method = method, .path = url, .conn = conn, .body = cs->buf ? cs->buf : "", .body_len = cs->len};
    struct wiz_si_reply r = {.status = 500};
    json_t *headers = json_object();
    req.query = json_object();
    if (!headers || !req.query) {
        json_decref(headers);
        json_decref(req.query);
        return MHD_NO;
    }
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_kv, req.query);
    MHD_get_connection_values(conn, MHD_HEADER_KIND, collect_kv, headers);
    if (!cs->too_big && cs->len) {
        /* JSON whatever the Content-Type says (curl -d sends JSON as a "form"), else a form */
        req.json = json_loadb(req.body, req.body_len, JSON_REJECT_DUPLICATES, NULL);
        if (!req.json)
            req.form = parse_form(conn, req.body, req.body_len);
    }

    long delay = 0;
    json_t *logged = NULL;
    pthread_mutex_lock(&srv->mu);
    if (!is_control(url)) {
        logged = wiz_si_log_request(srv, &req, headers);
        delay = srv->set.delay_ms;
    }
    pthread_mutex_unlock(&srv->mu);
    if (delay > 0) {
        struct timespec ts = {.tv_sec = delay / 1000, .tv_nsec = (delay % 1000) * 1000000L};
        while (nanosleep(&ts, &ts) != 0) /* resumes after signals */
            ;
    }
    pthread_mutex_lock(&srv->mu);
    route(srv, &req, cs->too_big, &r);
    if (logged)
        json_object_set_new(logged, "status", json_integer(r.status)); /* what the client got */
    pthread_mutex_unlock(&srv->mu);
    json_decref(logged);

    if (r.status == 500 && !r.json && !r.location)
        r.json = json_pack("{s:s}", "error", "server_error");
    fprintf(stderr, "stand-in: %s %s -> %u\n", method, url, r.status);
    enum MHD_Result ok = send_reply(conn, &r, &req);
    wiz_si_reply_clear(&r);
    json_decref(headers);
    json_decref(req.query);
    json_decref(req.form);
    json_decref(req.json);
    return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    struct conn_state *cs = *con_cls;
    if (!cs) {
        *con_cls = cs = calloc(1, sizeof *cs);
        return cs ? MHD_YES : MHD_NO;
    }
    if (*upload_data_size) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (cs->too_big || cs->len + n > WIZ_SI_MAX_BODY) {
            cs->too_big = true; /* keep reading, answer 413 at the end */
            return MHD_YES;
        }
        char *grown = realloc(cs->buf, cs->len + n + 1);
        if (!grown)
            return MHD_NO;
        memcpy(grown + cs->len, upload_data, n);
        cs->buf = grown;
        cs->len += n;
        cs->buf[cs->len] = '\0';
        return MHD_YES;
    }
    return respond(cls, conn, url, method, cs);
}

static void on_done(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    struct conn_state *cs = *con_cls;
    if (cs) {
        free(cs->buf);
        free(cs);
        *con_cls = NULL;
    }
}

enum wiz_rc wiz_si_http_start(struct wiz_ctx *ctx, struct MHD_Daemon **out, struct wiz_si_server *srv, int port,
                              int *bound)
{
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK); /* never reachable from another host */
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, (uint16_t)port, NULL, NULL,
        on_request, srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_NOTIFY_COMPLETED, on_done, NULL,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)60, MHD_OPTION_END);
    if (!d)
        return wiz_fail(ctx, WIZ_ENET, "could not listen on 127.0.0.1:%d", port);
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    *bound = info ? info->port : port;
    *out = d;
    return WIZ_OK;
}
