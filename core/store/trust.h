/* The credential file's ownership rules (ssh's StrictModes), checked before every read,
 * lock and write of it. */
#ifndef WIZ_STORE_TRUST_H
#define WIZ_STORE_TRUST_H

#include "../wiz.h"

/* Refuses (WIZ_EWRITE, with the reason) a file, link, link target or lock owned by another
 * user, or in a directory others can write; removes our stale temp files beside it. */
enum wiz_rc wiz_store_trust(struct wiz_ctx *ctx, const char *path);

#endif
