/* The Data API orgs query, parsed with jansson into plain structs. */
#include "userinfo.h"

#include "../http/http.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char ORGS_QUERY[] =
    "{\"query\":\"query orgs { orgs { id name user { id firstName lastName email } workspaces { id name "
    "environments { name rank app { id apiKey } } } } }\"}";

void wiz_orgs_clear(struct wiz_orgs *o)
{
    if (!o)
        return;
    wiz_user_clear(&o->user);
    for (size_t i = 0; i < o->n_orgs; i++) {
        struct wiz_org *org = &o->orgs[i];
        for (size_t j = 0; j < org->n_projects; j++) {
            struct wiz_project *p = &org->projects[j];
            for (size_t k = 0; k < p->n_envs; k++) {
                free(p->envs[k].name);
                free(p->envs[k].app_id);
                free(p->envs[k].api_key);
            }
            free(p->envs);
            free(p->id);
            free(p->name);
        }
        free(org->projects);
        free(org->id);
        free(org->name);
    }
    free(o->orgs);
    memset(o, 0, sizeof *o);
}

/* A string or integer JSON value as an owned string; NULL if absent/null/other.
 * *oom set on allocation failure. returns owned string: free() */
static char *str_of(json_t *v, bool *oom)
{
    char *s = NULL;
    if (json_is_string(v)) {
        s = wiz_strdup(json_string_value(v));
        for (char *c = s; c && *c; c++) /* names, ids: never a control character */
            if ((unsigned char)*c < 0x20 || *c == 0x7f)
                *c = '?';
    }
    else if (json_is_integer(v))
        s = wiz_asprintf("%lld", (long long)json_integer_value(v));
    else
        return NULL;
    if (!s)
        *oom = true;
    return s;
}

static enum wiz_rc parse_envs(struct wiz_ctx *ctx, json_t *arr, struct wiz_project *p, bool *oom)
{
    if (!json_is_array(arr))
        return WIZ_OK; /* a project without environments is legal */
    p->envs = calloc(json_array_size(arr) + 1, sizeof *p->envs);
    if (!p->envs)
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    size_t i;
    json_t *e;
    json_array_foreach(arr, i, e) {
        if (!json_is_object(e))
            continue;
        struct wiz_env *env = &p->envs[p->n_envs++];
        env->name = str_of(json_object_get(e, "name"), oom);
        json_t *r = json_object_get(e, "rank");
        env->rank = json_is_integer(r) ? (long)json_integer_value(r) : 1000000L;
        json_t *app = json_object_get(e, "app");
        env->app_id = str_of(json_object_get(app, "id"), oom);
        env->api_key = str_of(json_object_get(app, "apiKey"), oom);
        if (env->api_key && env->api_key[0] && !wiz_api_key_is_amplitude(env->api_key)) {
            /* it goes into .env files and source: a line break or quote would add its own */
            wiz_warn(ctx, "ignored the API key of environment %s: not in the form of an Amplitude key",
                     env->app_id ? env->app_id : "?");
            env->api_key[0] = '\0';
        }
        if (env->api_key && !env->api_key[0]) {
            free(env->api_key);
            env->api_key = NULL;
        }
    }
    return WIZ_OK;
}

static enum wiz_rc parse_org(struct wiz_ctx *ctx, json_t *o, struct wiz_org *org, bool *oom)
{
    org->id = str_of(json_object_get(o, "id"), oom);
    org->name = str_of(json_object_get(o, "name"), oom);
    json_t *ws = json_object_get(o, "workspaces");
    if (!json_is_array(ws))
        return WIZ_OK;
    org->projects = calloc(json_array_size(ws) + 1, sizeof *org->projects);
    if (!org->projects)
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    size_t i;
    json_t *w;
    json_array_foreach(ws, i, w) {
        if (!json_is_object(w))
            continue;
        struct wiz_project *p = &org->projects[org->n_projects++];
        p->id = str_of(json_object_get(w, "id"), oom);
        p->name = str_of(json_object_get(w, "name"), oom);
        enum wiz_rc rc = parse_envs(ctx, json_object_get(w, "environments"), p, oom);
        if (rc)
            return rc;
    }
    return WIZ_OK;
}

static enum wiz_rc parse_user(struct wiz_ctx *ctx, json_t *u, enum wiz_zone zone, struct wiz_user *out, bool *oom)
{
    if (!json_is_object(u))
        return wiz_fail(ctx, WIZ_ENET, "user info: the first org has no user");
    out->id = str_of(json_object_get(u, "id"), oom);
    out->first_name = str_of(json_object_get(u, "firstName"), oom);
    out->last_name = str_of(json_object_get(u, "lastName"), oom);
    out->email = str_of(json_object_get(u, "email"), oom);
    out->zone = zone;
    if (!*oom && (!out->id || !out->id[0]))
        return wiz_fail(ctx, WIZ_ENET, "user info: the user has no id");
    /* Missing names are stored as "" (the file's shape always has them). */
    if (!out->first_name && !*oom)
        *oom = !(out->first_name = wiz_strdup(""));
    if (!out->last_name && !*oom)
        *oom = !(out->last_name = wiz_strdup(""));
    if (!out->email && !*oom)
        *oom = !(out->email = wiz_strdup(""));
    return WIZ_OK;
}

enum wiz_rc wiz_userinfo_parse(struct wiz_ctx *ctx, const char *body, size_t len, enum wiz_zone zone,
                               struct wiz_orgs *out)
{
    memset(out, 0, sizeof *out);
    json_t *j = json_loadb(body, len, 0, NULL);
    if (!json_is_object(j)) {
        json_decref(j);
        return wiz_fail(ctx, WIZ_ENET, "user info reply is not a JSON object");
    }
    enum wiz_rc rc = WIZ_OK;
    json_t *errs = json_object_get(j, "errors");
    json_t *orgs = json_object_get(json_object_get(j, "data"), "orgs");
    if (json_is_array(errs) && json_array_size(errs) > 0 && !json_is_array(orgs)) {
        const char *m = json_string_value(json_object_get(json_array_get(errs, 0), "message"));
        rc = wiz_fail(ctx, WIZ_ENET, "user info query failed: %.200s", m ? m : "unknown GraphQL error");
    } else if (!json_is_array(orgs)) {
        rc = wiz_fail(ctx, WIZ_ENET, "user info reply has no data.orgs");
    } else if (json_array_size(orgs) == 0) {
        rc = wiz_fail(ctx, WIZ_ENET, "this Amplitude account belongs to no organization");
    }
    if (rc) {
        json_decref(j);
        return rc;
    }
    bool oom = false;
    out->orgs = calloc(json_array_size(orgs), sizeof *out->orgs);
    if (!out->orgs)
        rc = wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    else
        rc = parse_user(ctx, json_object_get(json_array_get(orgs, 0), "user"), zone, &out->user, &oom);
    size_t i;
    json_t *o;
    json_array_foreach(orgs, i, o) {
        if (rc)
            break;
        if (!json_is_object(o))
            continue;
        rc = parse_org(ctx, o, &out->orgs[out->n_orgs++], &oom);
    }
    json_decref(j);
    if (!rc && oom)
        rc = wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    if (rc)
        wiz_orgs_clear(out);
    return rc;
}

/* idempotent: the orgs query is a read; the HTTP layer retries its 5xx and resets. The
 * fresh-sign-in path (below) has its own schedule from the reference instead. */
static enum wiz_rc fetch_once(struct wiz_ctx *ctx, const struct wiz_endpoints *ep, const char *id_token,
                              struct wiz_orgs *out, bool idempotent)
{
    memset(out, 0, sizeof *out);
    if (!id_token)
        return wiz_fail(ctx, WIZ_EAUTH, "the session has no id token");
    struct wiz_http_req req = {.method = "POST", .url = ep->graphql, .content_type = "application/json",
                               .body = ORGS_QUERY, .authorization = id_token, .idempotent = idempotent};
    struct wiz_http_resp resp;
    enum wiz_rc rc = wiz_http_request(ctx, &req, &resp);
    if (rc)
        return rc;
    if (resp.status == 401 || resp.status == 403) {
        rc = wiz_fail(ctx, WIZ_EAUTH, "user info: the server refused the session (HTTP %ld)", resp.status);
    } else if (resp.status != 200) {
        char *host = wiz_http_host_of(ep->graphql);
        if (resp.status >= 500 || resp.status == 429)
            rc = wiz_fail(ctx, WIZ_ENET,
                          "user info: %s answered HTTP %ld%s; Amplitude's service may be busy or down: try again "
                          "in a few minutes",
                          host ? host : ep->graphql, resp.status, resp.tries > 1 ? " to every try" : "");
        else
            rc = wiz_fail(ctx, WIZ_ENET, "user info: %s answered HTTP %ld", host ? host : ep->graphql, resp.status);
        free(host);
    } else {
        rc = wiz_userinfo_parse(ctx, resp.body, resp.len, ep->zone, out);
    }
    wiz_http_resp_clear(&resp);
    return rc;
}

enum wiz_rc wiz_userinfo_fetch(struct wiz_ctx *ctx, const struct wiz_endpoints *ep, const char *id_token,
                               struct wiz_orgs *out)
{
    return fetch_once(ctx, ep, id_token, out, true);
}

enum wiz_rc wiz_userinfo_fetch_retry(struct wiz_ctx *ctx, const struct wiz_endpoints *ep, const char *id_token,
                                     struct wiz_orgs *out)
{
    static const long delays_ms[] = {500, 1000, 2000};
    enum wiz_rc rc = fetch_once(ctx, ep, id_token, out, false);
    for (size_t i = 0; rc != WIZ_OK && rc != WIZ_EINTERNAL && i < sizeof delays_ms / sizeof delays_ms[0]; i++) {
        if (i == 0) /* said once */
            wiz_warn(ctx, "your account is not ready yet (%s); trying again for a few seconds", wiz_errmsg(ctx));
        wiz_debug(ctx, "user info not ready (%s); retrying in %ld ms", wiz_errmsg(ctx), delays_ms[i]);
        struct timespec ts = {.tv_sec = delays_ms[i] / 1000, .tv_nsec = (delays_ms[i] % 1000) * 1000000L};
        nanosleep(&ts, NULL);
        rc = fetch_once(ctx, ep, id_token, out, false);
    }
    return rc;
}
