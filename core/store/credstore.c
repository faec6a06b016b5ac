/* The credential store API: lookups read the file without a lock (writers replace it
 * atomically, so a reader always sees a whole file); every mutation is one
 * read-modify-write under the lock, re-reading after taking it. */
#include "credstore.h"

#include "credfile.h"
#include "entry.h"
#include "lock.h"
#include "trust.h"

#include <stdlib.h>
#include <string.h>

static enum wiz_rc check_store(struct wiz_ctx *ctx, const struct wiz_store *st)
{
    if (!st || !st->path || !st->path[0])
        return wiz_fail(ctx, WIZ_EINTERNAL, "no credential file path");
    return wiz_store_trust(ctx, st->path);
}

/* Loads for reading. A corrupt file is moved aside under the lock (a writer may have
 * replaced it meanwhile: the re-read under the lock decides). cf: wiz_credfile_free(). */
static enum wiz_rc load_for_read(struct wiz_ctx *ctx, const struct wiz_store *st, struct wiz_credfile **cf)
{
    bool corrupt;
    enum wiz_rc rc = check_store(ctx, st);
    if (rc)
        return rc;
    rc = wiz_credfile_load(ctx, st->path, false, cf, &corrupt);
    if (rc || !corrupt)
        return rc;
    struct wiz_lock lk;
    if (wiz_lock_acquire(ctx, &lk, st->path, st->lock_timeout_ms) != WIZ_OK) {
        /* *cf is the empty document the corrupt file reads as */
        wiz_warn(ctx, "the credential file %s is not valid; ignoring it (%s)", st->path, wiz_errmsg(ctx));
        return WIZ_OK;
    }
    wiz_credfile_free(*cf);
    *cf = NULL;
    rc = wiz_credfile_load(ctx, st->path, true, cf, NULL);
    wiz_lock_release(&lk);
    return rc;
}

/* A change to the document; sets *changed when the file must be rewritten. */
typedef enum wiz_rc (*mutate_fn)(struct wiz_ctx *ctx, json_t *doc, void *ud, bool *changed);

static enum wiz_rc mutate(struct wiz_ctx *ctx, const struct wiz_store *st, mutate_fn fn, void *ud)
{
    enum wiz_rc rc = check_store(ctx, st);
    if (rc)
        return rc;
    struct wiz_lock lk;
    if ((rc = wiz_lock_acquire(ctx, &lk, st->path, st->lock_timeout_ms)) != WIZ_OK)
        return rc;
    struct wiz_credfile *cf = NULL;
    bool changed = false;
    rc = wiz_credfile_load(ctx, st->path, true, &cf, NULL);
    if (rc == WIZ_OK)
        rc = fn(ctx, wiz_credfile_doc(cf), ud, &changed);
    if (rc == WIZ_OK && changed)
        rc = wiz_credfile_save(ctx, st->path, cf);
    wiz_credfile_free(cf);
    wiz_lock_release(&lk);
    return rc;
}

/* The key of the entry to use in zone: user_id's when given, else the usable real user
 * with the latest expiry (the most recent login), else the pending sentinel. Entries
 * failing validation and entries past the 364-day window are skipped.
 * Borrowed from doc; NULL when none (or on error: check ctx->rc via *rc). */
static const char *pick(struct wiz_ctx *ctx, const struct wiz_store *st, json_t *doc, enum wiz_zone zone,
                        const char *user_id, enum wiz_rc *rc)
{
    const char *best = NULL, *pending_key = NULL, *key;
    time_t best_exp = 0, now = wiz_now(ctx);
    json_t *entry;
    *rc = WIZ_OK;
    json_object_foreach(doc, key, entry) {
        char kz[16];
        enum wiz_zone z;
        if (!wiz_entry_key_zone(key, kz) || wiz_zone_parse(&z, kz) != 0 || z != zone)
            continue;
        time_t exp;
        bool pending;
        struct wiz_user u = {0};
        enum wiz_rc r = wiz_entry_parse(ctx, key, entry, user_id ? &u : NULL, NULL, &exp, &pending);
        if (r == WIZ_ENOTFOUND)
            continue;
        if (r) {
            *rc = r;
            return NULL;
        }
        bool match = !user_id || strcmp(u.id, user_id) == 0;
        wiz_user_clear(&u);
        if (match && st->ours && !st->ours(json_string_value(json_object_get(entry, "OAuthIdToken")), st->ours_ud)) {
            wiz_debug(ctx, "store: %s holds another client's or issuer's token: skipped", key);
            continue;
        }
        if (!match || now > exp + WIZ_ENTRY_USABLE_AFTER_EXPIRY)
            continue;
        if (pending) {
            if (!pending_key)
                pending_key = key;
        } else if (!best || exp > best_exp) {
            best = key;
            best_exp = exp;
        }
    }
    return best ? best : pending_key;
}

enum wiz_rc wiz_store_get_token(struct wiz_ctx *ctx, const struct wiz_store *st, enum wiz_zone zone,
                                const char *user_id, struct wiz_user *user_out, struct wiz_tokens *out)
{
    memset(out, 0, sizeof *out);
    if (user_out)
        memset(user_out, 0, sizeof *user_out);
    enum wiz_rc rc = check_store(ctx, st);
    struct wiz_credfile *cf = NULL;
    if (rc || (rc = load_for_read(ctx, st, &cf)) != WIZ_OK)
        return rc;
    json_t *doc = wiz_credfile_doc(cf);
    const char *key = pick(ctx, st, doc, zone, user_id, &rc);
    if (!rc && !key)
        rc = wiz_fail(ctx, WIZ_ENOTFOUND, "no stored credentials for %s in zone %s", user_id ? user_id : "any user",
                      wiz_zone_name(zone));
    if (!rc)
        rc = wiz_entry_parse(ctx, key, json_object_get(doc, key), user_out, out, NULL, NULL);
    wiz_credfile_free(cf);
    return rc;
}

enum wiz_rc wiz_store_get_user(struct wiz_ctx *ctx, const struct wiz_store *st, enum wiz_zone zone,
                               struct wiz_user *out)
{
    struct wiz_tokens t;
    enum wiz_rc rc = wiz_store_get_token(ctx, st, zone, NULL, out, &t);
    wiz_tokens_clear(&t);
    if (rc == WIZ_ENOTFOUND)
        wiz_fail(ctx, rc, "no stored user in zone %s", wiz_zone_name(zone));
    return rc;
}

struct put_args {
    const struct wiz_user *user;
    const struct wiz_tokens *tokens;
};

static enum wiz_rc put_fn(struct wiz_ctx *ctx, json_t *doc, void *ud, bool *changed)
{
    const struct put_args *a = ud;
    char *key = wiz_store_key(a->user->id, a->user->zone);
    if (!key)
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    enum wiz_rc rc = wiz_entry_store(ctx, doc, key, a->user, a->tokens);
    free(key);
    if (rc == WIZ_OK && !wiz_user_is_pending(a->user)) {
        /* the real user supersedes the signup sentinel of its zone, and only of its zone */
        char *pk = wiz_store_key(WIZ_PENDING_USER_ID, a->user->zone);
        if (!pk)
            return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
        json_t *p = json_object_get(doc, pk);
        if (p) {
            wiz_json_wipe(p);
            json_object_del(doc, pk);
        }
        free(pk);
    }
    *changed = rc == WIZ_OK;
    return rc;
}

enum wiz_rc wiz_store_put(struct wiz_ctx *ctx, const struct wiz_store *st, const struct wiz_user *user,
                          const struct wiz_tokens *tokens)
{
    if (!user || !user->id || !user->id[0] || !tokens)
        return wiz_fail(ctx, WIZ_EINTERNAL, "wiz_store_put needs a user id and tokens");
    struct put_args a = {user, tokens};
    return mutate(ctx, st, put_fn, &a);
}

enum wiz_rc wiz_store_put_pending(struct wiz_ctx *ctx, const struct wiz_store *st, enum wiz_zone zone,
                                  const struct wiz_user *who, const struct wiz_tokens *tokens)
{
    /* the email and name the signup gave, so the next run can say whose account it is
     * (Amplitude's wizard fills them in too) */
    struct wiz_user u = {(char *)WIZ_PENDING_USER_ID,
                         (char *)(who && who->first_name ? who->first_name : ""),
                         (char *)(who && who->last_name ? who->last_name : ""),
                         (char *)(who && who->email ? who->email : ""), zone};
    return wiz_store_put(ctx, st, &u, tokens);
}

struct refresh_args {
    enum wiz_zone zone;
    const struct wiz_user *user;
    const char *seen_refresh;
    wiz_refresh_fn fn;
    void *ud;
    struct wiz_tokens *out;
    bool *refreshed;
};

/* Under the lock: another process may have rotated the tokens since we read them; then
 * theirs are used as they are (refreshing again would spend a token the server already
 * rotated: Ory Hydra revokes the whole grant for that). Else the one refresh, written
 * with the user before the lock is released. */
static enum wiz_rc refresh_fn(struct wiz_ctx *ctx, json_t *doc, void *ud, bool *changed)
{
    struct refresh_args *a = ud;
    char *key = wiz_store_key(a->user->id, a->zone);
    if (!key)
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    struct wiz_tokens cur = {0};
    enum wiz_rc rc = wiz_entry_parse(ctx, key, json_object_get(doc, key), NULL, &cur, NULL, NULL);
    if (rc == WIZ_OK && cur.refresh_token && strcmp(cur.refresh_token, a->seen_refresh) != 0) {
        wiz_debug(ctx, "store: %s was refreshed by another process meanwhile: using its tokens", key);
        *a->out = cur; /* moved */
        *a->refreshed = false;
        free(key);
        return WIZ_OK;
    }
    if (rc == WIZ_ENOTFOUND)
        rc = WIZ_OK; /* removed meanwhile (a logout): refresh what we have, the write restores it */
    if (!rc)
        rc = a->fn(ctx, cur.refresh_token ? &cur : NULL, a->ud, a->out);
    wiz_tokens_clear(&cur);
    if (!rc) {
        *a->refreshed = true;
        struct put_args pa = {a->user, a->out};
        rc = put_fn(ctx, doc, &pa, changed);
    }
    free(key);
    return rc;
}

enum wiz_rc wiz_store_refresh(struct wiz_ctx *ctx, const struct wiz_store *st, const struct wiz_user *user,
                              const char *seen_refresh, wiz_refresh_fn fn, void *ud, struct wiz_tokens *out,
                              bool *refreshed)
{
    memset(out, 0, sizeof *out);
    *refreshed = false;
    if (!user || !user->id || !seen_refresh)
        return wiz_fail(ctx, WIZ_EINTERNAL, "wiz_store_refresh needs the user and the refresh token read");
    /* the lock is held across one token request (30 s at most): wait longer for it here */
    struct wiz_store lst = *st;
    if (lst.lock_timeout_ms < 40000)
        lst.lock_timeout_ms = 40000;
    struct refresh_args a = {user->zone, user, seen_refresh, fn, ud, out, refreshed};
    return mutate(ctx, &lst, refresh_fn, &a);
}

struct logout_args {
    const enum wiz_zone *zone;
    char **removed;
    size_t n;
};

static enum wiz_rc logout_fn(struct wiz_ctx *ctx, json_t *doc, void *ud, bool *changed)
{
    struct logout_args *a = ud;
    const char *key;
    json_t *entry;
    void *tmp;
    /* by key, valid or not: logging out means no credentials of the zone stay behind */
    json_object_foreach_safe(doc, tmp, key, entry) {
        char kz[16];
        if (!wiz_entry_key_zone(key, kz))
            continue;
        enum wiz_zone z;
        if (a->zone && (wiz_zone_parse(&z, kz) != 0 || z != *a->zone))
            continue;
        char **grown = realloc(a->removed, (a->n + 2) * sizeof *grown);
        char *name = wiz_strdup(key);
        if (grown) {
            a->removed = grown;
            a->removed[a->n] = NULL; /* a list the caller frees, even when name failed */
        }
        if (!grown || !name) {
            free(name);
            return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
        }
        a->removed[a->n++] = name;
        a->removed[a->n] = NULL;
        wiz_json_wipe(entry);
        json_object_del(doc, name);
        *changed = true;
    }
    return WIZ_OK;
}

void wiz_store_free_list(char **list)
{
    if (!list)
        return;
    for (char **p = list; *p; p++)
        free(*p);
    free(list);
}

enum wiz_rc wiz_store_logout(struct wiz_ctx *ctx, const struct wiz_store *st, const enum wiz_zone *zone,
                             char ***removed)
{
    struct logout_args a = {zone, NULL, 0};
    enum wiz_rc rc = mutate(ctx, st, logout_fn, &a);
    if (rc == WIZ_OK && !a.removed && !(a.removed = calloc(1, sizeof *a.removed)))
        rc = wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    if (rc != WIZ_OK || !removed) {
        wiz_store_free_list(a.removed);
        a.removed = NULL;
    }
    if (removed)
        *removed = a.removed;
    return rc;
}
