/* The plain value types of the store: users, tokens, entry keys. */
#include "credstore.h"

#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>

static void free_secret(char *s)
{
    if (s) {
        OPENSSL_cleanse(s, strlen(s));
        free(s);
    }
}

void wiz_user_clear(struct wiz_user *u)
{
    if (!u)
        return;
    free(u->id);
    free(u->first_name);
    free(u->last_name);
    free(u->email);
    memset(u, 0, sizeof *u);
}

void wiz_tokens_clear(struct wiz_tokens *t)
{
    if (!t)
        return;
    free_secret(t->access_token);
    free_secret(t->id_token);
    free_secret(t->refresh_token);
    memset(t, 0, sizeof *t);
}

/* NULL stays NULL; anything else must copy */
static bool dup_field(char **dst, const char *src)
{
    *dst = src ? wiz_strdup(src) : NULL;
    return !src || *dst;
}

enum wiz_rc wiz_user_copy(struct wiz_ctx *ctx, struct wiz_user *dst, const struct wiz_user *src)
{
    memset(dst, 0, sizeof *dst);
    dst->zone = src->zone;
    if (!dup_field(&dst->id, src->id) || !dup_field(&dst->first_name, src->first_name) ||
        !dup_field(&dst->last_name, src->last_name) || !dup_field(&dst->email, src->email)) {
        wiz_user_clear(dst);
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    }
    return WIZ_OK;
}

enum wiz_rc wiz_tokens_copy(struct wiz_ctx *ctx, struct wiz_tokens *dst, const struct wiz_tokens *src)
{
    memset(dst, 0, sizeof *dst);
    dst->expires_at = src->expires_at;
    if (!dup_field(&dst->access_token, src->access_token) || !dup_field(&dst->id_token, src->id_token) ||
        !dup_field(&dst->refresh_token, src->refresh_token)) {
        wiz_tokens_clear(dst);
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    }
    return WIZ_OK;
}

char *wiz_store_key(const char *user_id, enum wiz_zone zone)
{
    if (!user_id)
        return NULL;
    char *key = zone == WIZ_ZONE_US ? wiz_asprintf("User-%s", user_id)
                                    : wiz_asprintf("User[%s]-%s", wiz_zone_name(zone), user_id);
    if (!key)
        return NULL;
    /* the other Amplitude tools write '-' for '.' in ids; keys must match theirs */
    char *id = key + (zone == WIZ_ZONE_US ? 5 : 7 + strlen(wiz_zone_name(zone)));
    for (char *p = id; *p; p++)
        if (*p == '.')
            *p = '-';
    return key;
}
