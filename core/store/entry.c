/* The entry shape of the services reference:
 *   "User-12345": {"User": {"id","firstName","lastName","email","zone"},
 *                  "OAuthAccessToken","OAuthIdToken","OAuthRefreshToken","OAuthExpiresAt"} */
#include "entry.h"

#include "credfile.h"

#include <stdlib.h>
#include <string.h>

bool wiz_entry_key_zone(const char *key, char zone[16])
{
    if (strncmp(key, "User-", 5) == 0 && key[5]) {
        strcpy(zone, "us");
        return true;
    }
    if (strncmp(key, "User[", 5) != 0)
        return false;
    const char *end = strchr(key + 5, ']');
    size_t n = end ? (size_t)(end - (key + 5)) : 0;
    if (!end || n == 0 || n >= 16 || end[1] != '-' || !end[2])
        return false;
    memcpy(zone, key + 5, n);
    zone[n] = '\0';
    return true;
}

/* A string member, "" when absent; NULL when present but not a string. */
static const char *opt_str(const json_t *obj, const char *name)
{
    const json_t *v = json_object_get(obj, name);
    if (!v)
        return "";
    return json_is_string(v) ? json_string_value(v) : NULL;
}

enum wiz_rc wiz_entry_parse(struct wiz_ctx *ctx, const char *key, const json_t *entry, struct wiz_user *user,
                            struct wiz_tokens *tokens, time_t *expires_at, bool *pending)
{
    const json_t *u = json_object_get(entry, "User");
    if (!json_is_object(entry) || !json_is_object(u))
        return WIZ_ENOTFOUND;
    const char *id = json_string_value(json_object_get(u, "id"));
    const char *first = opt_str(u, "firstName"), *last = opt_str(u, "lastName"), *email = opt_str(u, "email");
    if (!id || !id[0] || !first || !last || !email)
        return WIZ_ENOTFOUND;
    char key_zone[16];
    if (!wiz_entry_key_zone(key, key_zone))
        return WIZ_ENOTFOUND;
    enum wiz_zone zone;
    const json_t *zj = json_object_get(u, "zone");
    if (zj ? wiz_zone_parse(&zone, json_string_value(zj)) != 0 : wiz_zone_parse(&zone, key_zone) != 0)
        return WIZ_ENOTFOUND;
    const char *at = json_string_value(json_object_get(entry, "OAuthAccessToken"));
    const char *it = json_string_value(json_object_get(entry, "OAuthIdToken"));
    const char *rt = json_string_value(json_object_get(entry, "OAuthRefreshToken"));
    if (!at || !it || !rt)
        return WIZ_ENOTFOUND;
    /* the key must be the one this user would be stored under, or two entries could
     * claim the same user and zone */
    char *want = wiz_store_key(id, zone);
    if (!want)
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    bool same = strcmp(want, key) == 0;
    free(want);
    if (!same)
        return WIZ_ENOTFOUND;

    time_t exp;
    if (wiz_time_parse_iso(&exp, json_string_value(json_object_get(entry, "OAuthExpiresAt"))) != 0)
        exp = wiz_now(ctx); /* malformed or missing: due now, so the refresh writes the real one back */
    if (expires_at)
        *expires_at = exp;
    if (pending)
        *pending = strcmp(id, WIZ_PENDING_USER_ID) == 0;
    if (user) {
        struct wiz_user tmp = {(char *)id, (char *)first, (char *)last, (char *)email, zone};
        if (wiz_user_copy(ctx, user, &tmp) != WIZ_OK)
            return ctx->rc;
    }
    if (tokens) {
        struct wiz_tokens tmp = {(char *)at, (char *)it, (char *)rt, exp};
        if (wiz_tokens_copy(ctx, tokens, &tmp) != WIZ_OK) {
            if (user)
                wiz_user_clear(user);
            return ctx->rc;
        }
    }
    return WIZ_OK;
}

static int set_str(json_t *obj, const char *name, const char *v)
{
    return json_object_set_new(obj, name, json_string(v ? v : ""));
}

/* Like set_str, wiping the value it replaces: it was a token. */
static int set_secret(json_t *obj, const char *name, const char *v)
{
    json_t *old = json_object_get(obj, name);
    if (old && old->refcount == 1)
        wiz_json_wipe(old);
    return set_str(obj, name, v);
}

enum wiz_rc wiz_entry_store(struct wiz_ctx *ctx, json_t *doc, const char *key, const struct wiz_user *user,
                            const struct wiz_tokens *tokens)
{
    json_t *entry = json_object_get(doc, key);
    if (json_is_object(entry)) {
        json_incref(entry);
    } else if (!(entry = json_object())) {
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    }
    json_t *u = json_object_get(entry, "User");
    if (json_is_object(u))
        json_incref(u);
    else
        u = json_object();
    char iso[32];
    wiz_time_format_iso(iso, tokens->expires_at);
    int bad = !u;
    if (!bad) {
        bad |= set_str(u, "id", user->id);
        bad |= set_str(u, "firstName", user->first_name);
        bad |= set_str(u, "lastName", user->last_name);
        bad |= set_str(u, "email", user->email);
        bad |= set_str(u, "zone", wiz_zone_name(user->zone));
        bad |= json_object_set_new(entry, "User", u);
        bad |= set_secret(entry, "OAuthAccessToken", tokens->access_token);
        bad |= set_secret(entry, "OAuthIdToken", tokens->id_token);
        bad |= set_secret(entry, "OAuthRefreshToken", tokens->refresh_token);
        bad |= set_str(entry, "OAuthExpiresAt", iso);
    }
    bad |= json_object_set_new(doc, key, entry);
    return bad ? wiz_fail(ctx, WIZ_EINTERNAL, "out of memory") : WIZ_OK;
}
