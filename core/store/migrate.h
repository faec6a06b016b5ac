/* The session file's location and the one-time copy from the legacy ~/.ampli.json. */
#ifndef WIZ_STORE_MIGRATE_H
#define WIZ_STORE_MIGRATE_H

#include "../wiz.h"

#include <stddef.h>

/* Writes home's canonical session path (~/.amplitude/wizard/oauth-session.json) into out;
 * when it does not exist yet and ~/.ampli.json does (and passes the ownership rules),
 * copies that forward once (never replacing a canonical file that appeared meanwhile). */
enum wiz_rc wiz_store_session_path(struct wiz_ctx *ctx, const char *home, char *out, size_t cap);

#endif
