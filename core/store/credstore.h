/* The model of ~/.ampli.json (shared with Amplitude's other CLIs; shape fixed by
 * ../shared/reference/amplitude-services.md). Every mutating call is one
 * read-modify-write under an exclusive flock on "<file>.lock", re-reading after
 * the lock, replacing the file atomically and durably. The auth code never calls
 * the mutators: its callers do, once, with the user and the tokens together. */
#ifndef WIZ_CREDSTORE_H
#define WIZ_CREDSTORE_H

#include "../wiz.h"

struct wiz_user {
    char *id;          /* "12345", or "pending" for the signup sentinel */
    char *first_name;
    char *last_name;
    char *email;
    enum wiz_zone zone;
};

struct wiz_tokens {
    char *access_token;
    char *id_token;
    char *refresh_token;
    time_t expires_at;  /* the real expiry (UTC seconds) */
};

/* Frees the fields (tokens are wiped first with OPENSSL_cleanse) and zeroes the struct. */
void wiz_user_clear(struct wiz_user *u);
void wiz_tokens_clear(struct wiz_tokens *t);
/* Deep copies; return WIZ_EINTERNAL on allocation failure. dst: caller clears. */
enum wiz_rc wiz_user_copy(struct wiz_ctx *ctx, struct wiz_user *dst, const struct wiz_user *src);
enum wiz_rc wiz_tokens_copy(struct wiz_ctx *ctx, struct wiz_tokens *dst, const struct wiz_tokens *src);

#define WIZ_PENDING_USER_ID "pending"
static inline bool wiz_user_is_pending(const struct wiz_user *u)
{
    return u && u->id && __builtin_strcmp(u->id, WIZ_PENDING_USER_ID) == 0;
}

/* Store options. path: the credential file. lock_timeout_ms: how long to wait for
 * another process's lock before WIZ_ELOCK (0 = default 5000; also overridable by
 * $AMPLI_WIZARD_LOCK_TIMEOUT_MS for tests). */
struct wiz_store {
    const char *path;       /* borrowed */
    long lock_timeout_ms;
    /* When set, the lookups skip entries whose id token this says are not ours (another
     * OAuth client's or issuer's, like the older Ampli CLI's): never picked, so never
     * refreshed or replaced by a refresh. */
    bool (*ours)(const char *id_token, const void *ud);
    const void *ours_ud;
};

/* The stored user of a zone: a real user first (several: the one with the latest expiry,
 * i.e. the most recent login), the pending sentinel only if no real one. Entries that fail
 * validation or lie past the 364-day window are skipped. WIZ_ENOTFOUND if the zone has
 * none. Reads without the lock (writers replace the file atomically).
 * out: caller wiz_user_clear()s. */
enum wiz_rc wiz_store_get_user(struct wiz_ctx *ctx, const struct wiz_store *st, enum wiz_zone zone,
                               struct wiz_user *out);

/* The stored tokens of user_id in zone, or (user_id NULL) of the entry wiz_store_get_user
 * would pick (real users before the pending sentinel). A missing or malformed
 * OAuthExpiresAt reads as now: due, so the next refresh writes the real expiry back. An entry more than 364 days past its expiry
 * is not usable. user_out may be NULL. WIZ_ENOTFOUND if none.
 * out, user_out: caller clears. */
enum wiz_rc wiz_store_get_token(struct wiz_ctx *ctx, const struct wiz_store *st, enum wiz_zone zone,
                                const char *user_id, struct wiz_user *user_out, struct wiz_tokens *out);

/* THE one bundled write: user + access, id, refresh tokens + real expiry, under the
 * user's key. Writing a real user deletes the pending sentinel of the same zone only.
 * Unknown keys and fields are kept. */
enum wiz_rc wiz_store_put(struct wiz_ctx *ctx, const struct wiz_store *st, const struct wiz_user *user,
                          const struct wiz_tokens *tokens);

/* One refresh at a time, across processes: under the file's lock, the entry of user is
 * read again; when its refresh token is no longer seen_refresh (another process rotated
 * it), those tokens are returned as they are (*refreshed false). Else fn refreshes (cur:
 * the stored tokens, NULL when the entry is gone) into *new_tokens and they are written
 * with user before the lock is released (*refreshed true). fn runs under the lock.
 * out: caller wiz_tokens_clear()s. */
typedef enum wiz_rc (*wiz_refresh_fn)(struct wiz_ctx *ctx, const struct wiz_tokens *cur, void *ud,
                                      struct wiz_tokens *new_tokens);
enum wiz_rc wiz_store_refresh(struct wiz_ctx *ctx, const struct wiz_store *st, const struct wiz_user *user,
                              const char *seen_refresh, wiz_refresh_fn fn, void *ud, struct wiz_tokens *out,
                              bool *refreshed);

/* Writes the tokens under the {id:"pending"} sentinel of zone, with who's email and names
 * (may be NULL: empty) (signup succeeded,
 * user fetch failed), so that the next run can finish without a browser. */
enum wiz_rc wiz_store_put_pending(struct wiz_ctx *ctx, const struct wiz_store *st, enum wiz_zone zone,
                                  const struct wiz_user *who, const struct wiz_tokens *tokens);

/* Removes the User entries (real and pending) of *zone, or of every zone when zone is
 * NULL; every other key stays. *removed (may be NULL) receives a NULL-terminated array
 * of the removed keys: caller frees each string and the array. */
enum wiz_rc wiz_store_logout(struct wiz_ctx *ctx, const struct wiz_store *st, const enum wiz_zone *zone,
                             char ***removed);

/* Frees a list returned by wiz_store_logout (NULL is fine). */
void wiz_store_free_list(char **list);

/* The entry key for a user: "User-<id>" in us, "User[<zone>]-<id>" elsewhere, '.' -> '-'.
 * returns owned string: free() (NULL on allocation failure) */
char *wiz_store_key(const char *user_id, enum wiz_zone zone);

/* ISO-8601 UTC with milliseconds ("2026-11-27T21:08:00.000Z") <-> time_t.
 * format: buf must hold 32 bytes. parse: returns 0 on success, -1 if malformed. */
void wiz_time_format_iso(char buf[32], time_t t);
int wiz_time_parse_iso(time_t *out, const char *s);

#endif
