/* One "User..." entry of the credential file: its key, its validation, and the
 * conversions between the JSON entry and struct wiz_user / wiz_tokens. */
#ifndef WIZ_ENTRY_H
#define WIZ_ENTRY_H

#include "credstore.h"

#include <jansson.h>

/* An entry is usable for refresh until this long after OAuthExpiresAt. */
#define WIZ_ENTRY_USABLE_AFTER_EXPIRY ((time_t)364 * 24 * 3600)

/* If key names a User entry ("User-<id>" or "User[<zone>]-<id>"), copies its zone name
 * ("us" for the bare form) into zone and returns true. */
bool wiz_entry_key_zone(const char *key, char zone[16]);

/* Validates entry under key. WIZ_ENOTFOUND when it is not a well-formed User entry
 * (the caller skips it on read and leaves it untouched on write). On success fills
 * the out-params that are not NULL: user, tokens (caller clears), *expires_at (the
 * stored expiry, or now + 1 h when missing or malformed), *pending. */
enum wiz_rc wiz_entry_parse(struct wiz_ctx *ctx, const char *key, const json_t *entry, struct wiz_user *user,
                            struct wiz_tokens *tokens, time_t *expires_at, bool *pending);

/* Sets doc[key] to user + tokens, updating an existing object entry in place so that
 * its unknown fields (and those of its "User" object) stay. */
enum wiz_rc wiz_entry_store(struct wiz_ctx *ctx, json_t *doc, const char *key, const struct wiz_user *user,
                            const struct wiz_tokens *tokens);

#endif
