/* The stand-in's state: settings (one code path for flags and run-time config),
 * the default org, and the token/code tables. */
#include "standin.h"

#include <errno.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const signup_names[] = {"oauth", "needs_information", "requires_auth", "error"};
static const char *const refresh_names[] = {"ok", "invalid_grant", "revoke_on_reuse"};

static json_t *default_orgs(void)
{
    char *key = wiz_si_random_hex(16); /* 32 hex chars, the shape of a real project key */
    if (!key)
        return NULL;
    json_t *orgs = json_pack("[{s:s, s:s, s:[{s:s, s:s, s:[{s:s, s:i, s:{s:i, s:s}}]}]}]", "id", "36958", "name",
                             "Stand-in Org", "workspaces", "id", "ws-1", "name", "Stand-in Project", "environments",
                             "name", "Production", "rank", 1, "app", "id", 100001, "apiKey", key);
    free(key);
    return orgs;
}

enum wiz_rc wiz_si_server_init(struct wiz_ctx *ctx, struct wiz_si_server *srv)
{
    memset(srv, 0, sizeof *srv);
    int err = pthread_mutex_init(&srv->mu, NULL);
    if (err) {
        errno = err;
        return wiz_fail_errno(ctx, WIZ_EINTERNAL, "pthread_mutex_init");
    }
    struct wiz_si_settings *s = &srv->set;
    s->token_ttl = 3600;
    s->eps_threshold = 30; /* Amplitude's HTTP V2 limit */
    s->user_id = wiz_strdup("12345");
    s->email = wiz_strdup("ada@example.com");
    s->first_name = wiz_strdup("Ada");
    s->last_name = wiz_strdup("Lovelace");
    s->orgs = default_orgs();
    srv->codes = json_object();
    srv->refresh_tokens = json_object();
    srv->spent_refresh = json_object();
    srv->access_tokens = json_object();
    srv->id_tokens = json_object();
    srv->idempotency = json_object();
    srv->requests = json_array();
    srv->events = json_array();
    srv->next_app_id = 200001;
    if (RAND_bytes(srv->jwt_key, sizeof srv->jwt_key) != 1 || !s->user_id || !s->email || !s->first_name ||
        !s->last_name || !s->orgs || !srv->codes || !srv->refresh_tokens || !srv->spent_refresh || !srv->access_tokens || !srv->id_tokens ||
        !srv->idempotency || !srv->requests || !srv->events)
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory setting up the stand-in");
    return WIZ_OK;
}

void wiz_si_server_free(struct wiz_si_server *srv)
{
    struct wiz_si_settings *s = &srv->set;
    free(s->user_id);
    free(s->email);
    free(s->first_name);
    free(s->last_name);
    json_decref(s->orgs);
    json_decref(srv->codes);
    json_decref(srv->refresh_tokens);
    json_decref(srv->spent_refresh);
    json_decref(srv->access_tokens);
    json_decref(srv->id_tokens);
    json_decref(srv->idempotency);
    json_decref(srv->requests);
    json_decref(srv->events);
    json_decref(srv->recent);
    pthread_mutex_destroy(&srv->mu);
}

static enum wiz_rc check_orgs(struct wiz_ctx *ctx, json_t *orgs)
{
    size_t i;
    json_t *org;
    if (!json_is_array(orgs))
        return wiz_fail(ctx, WIZ_EUSAGE, "orgs: expected an array of orgs");
    json_array_foreach(orgs, i, org)
    {
        json_t *id = json_object_get(org, "id"), *ws = json_object_get(org, "workspaces");
        if (!json_is_object(org) || !(json_is_string(id) || json_is_integer(id)) ||
            !json_is_string(json_object_get(org, "name")))
            return wiz_fail(ctx, WIZ_EUSAGE, "orgs[%zu]: needs an \"id\" and a \"name\"", i);
        if (ws && !json_is_array(ws))
            return wiz_fail(ctx, WIZ_EUSAGE, "orgs[%zu].workspaces: expected an array", i);
    }
    return WIZ_OK;
}

static enum wiz_rc pick(struct wiz_ctx *ctx, int *out, json_t *val, const char *key, const char *const *names, int n)
{
    const char *s = json_string_value(val);
    for (int i = 0; s && i < n; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = i;
            return WIZ_OK;
        }
    return wiz_fail(ctx, WIZ_EUSAGE, "%s: unknown value%s%s", key, s ? " " : "", s ? s : "");
}

static enum wiz_rc number(struct wiz_ctx *ctx, long *out, json_t *val, const char *key, long lo, long hi)
{
    if (!json_is_integer(val) || json_integer_value(val) < lo || json_integer_value(val) > hi)
        return wiz_fail(ctx, WIZ_EUSAGE, "%s: expected an integer from %ld to %ld", key, lo, hi);
    *out = (long)json_integer_value(val);
    return WIZ_OK;
}

static enum wiz_rc text(struct wiz_ctx *ctx, char **slot, json_t *val, const char *key, bool commit)
{
    const char *s = json_string_value(val);
    if (!s || !*s)
        return wiz_fail(ctx, WIZ_EUSAGE, "%s: expected a non-empty string", key);
    if (commit) {
        char *dup = wiz_strdup(s);
        if (!dup)
            return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
        free(*slot);
        *slot = dup;
    }
    return WIZ_OK;
}

/* Validates one setting, and stores it when commit is set. */
static enum wiz_rc apply_one(struct wiz_ctx *ctx, struct wiz_si_settings *s, const char *key, json_t *val, bool commit)
{
    long n = 0;
    int e = 0;
    enum wiz_rc rc;
    if (strcmp(key, "token_ttl") == 0) {
        if ((rc = number(ctx, &n, val, key, 1, 400L * 86400)) == WIZ_OK && commit)
            s->token_ttl = n;
    } else if (strcmp(key, "fail_userinfo") == 0) {
        if ((rc = number(ctx, &n, val, key, 0, 1000000)) == WIZ_OK && commit)
            s->fail_userinfo = n;
    } else if (strcmp(key, "delay_ms") == 0) {
        if ((rc = number(ctx, &n, val, key, 0, 600000)) == WIZ_OK && commit)
            s->delay_ms = n;
    } else if (strcmp(key, "eps_threshold") == 0) {
        if ((rc = number(ctx, &n, val, key, 0, 1000000)) == WIZ_OK && commit)
            s->eps_threshold = n;
    } else if (strcmp(key, "signup_reply") == 0) {
        if ((rc = pick(ctx, &e, val, key, signup_names, 4)) == WIZ_OK && commit)
            s->signup_reply = (enum wiz_si_signup)e;
    } else if (strcmp(key, "refresh_reply") == 0) {
        if ((rc = pick(ctx, &e, val, key, refresh_names, 3)) == WIZ_OK && commit)
            s->refresh_reply = (enum wiz_si_refresh)e;
    } else if (strcmp(key, "user_id") == 0) {
        rc = text(ctx, &s->user_id, val, key, commit);
    } else if (strcmp(key, "email") == 0) {
        rc = text(ctx, &s->email, val, key, commit);
    } else if (strcmp(key, "first_name") == 0) {
        rc = text(ctx, &s->first_name, val, key, commit);
    } else if (strcmp(key, "last_name") == 0) {
        rc = text(ctx, &s->last_name, val, key, commit);
    } else if (strcmp(key, "orgs") == 0) {
        json_t *copy;
        if ((rc = check_orgs(ctx, val)) == WIZ_OK && commit) {
            if (!(copy = json_deep_copy(val)))
                return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
            json_decref(s->orgs);
            s->orgs = copy;
        }
    } else {
        rc = wiz_fail(ctx, WIZ_EUSAGE, "unknown setting \"%s\"", key);
    }
    return rc;
}

enum wiz_rc wiz_si_settings_apply(struct wiz_ctx *ctx, struct wiz_si_settings *set, json_t *obj)
{
    const char *key;
    json_t *val;
    enum wiz_rc rc;
    if (!json_is_object(obj))
        return wiz_fail(ctx, WIZ_EUSAGE, "settings: expected a JSON object");
    /* validate everything first, so a bad key changes nothing */
    json_object_foreach(obj, key, val)
    {
        if ((rc = apply_one(ctx, set, key, val, false)) != WIZ_OK)
            return rc;
    }
    json_object_foreach(obj, key, val)
    {
        if ((rc = apply_one(ctx, set, key, val, true)) != WIZ_OK)
            return rc;
    }
    return WIZ_OK;
}

json_t *wiz_si_settings_dump(const struct wiz_si_settings *s)
{
    return json_pack("{s:I, s:I, s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:O}", "token_ttl", (json_int_t)s->token_ttl,
                     "fail_userinfo", (json_int_t)s->fail_userinfo, "delay_ms", (json_int_t)s->delay_ms,
                     "eps_threshold", (json_int_t)s->eps_threshold, "signup_reply",
                     signup_names[s->signup_reply], "refresh_reply", refresh_names[s->refresh_reply], "user_id",
                     s->user_id, "email", s->email, "first_name", s->first_name, "last_name", s->last_name, "orgs",
                     s->orgs);
}

enum wiz_rc wiz_si_orgs_load(struct wiz_ctx *ctx, json_t **out, const char *path)
{
    json_error_t jerr;
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (!doc)
        return wiz_fail(ctx, WIZ_EUSAGE, "%s:%d: %s", path, jerr.line, jerr.text);
    json_t *orgs = doc;
    if (json_is_object(doc)) {
        json_t *data = json_object_get(doc, "data");
        orgs = json_object_get(data ? data : doc, "orgs");
    }
    enum wiz_rc rc = check_orgs(ctx, orgs);
    if (rc == WIZ_OK)
        *out = json_incref(orgs);
    json_decref(doc);
    if (rc != WIZ_OK) {
        char why[WIZ_ERRMSG_MAX]; /* wiz_fail must not read the buffer it writes */
        snprintf(why, sizeof why, "%s", wiz_errmsg(ctx));
        return wiz_fail(ctx, rc, "%s: %s", path, why);
    }
    return WIZ_OK;
}
