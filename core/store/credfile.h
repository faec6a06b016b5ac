/* The credential file as one JSON document: read (moving a corrupt file aside), write
 * (atomically, only the changed members), and free with every string wiped. Knows
 * nothing of entries. */
#ifndef WIZ_CREDFILE_H
#define WIZ_CREDFILE_H

#include "../wiz.h"

#include "jsontext.h"

#include <jansson.h>

/* The document read from the file, and the bytes it was read from. */
struct wiz_credfile;

/* Reads path as JSON.parse would (see jsontext.h). A file that is not JSON or whose top
 * level is not an object is never overwritten: when may_move_aside, it is renamed to
 * "<file>.corrupt-<UTC timestamp>" with a one-line warning; otherwise *corrupt is set.
 * Either way the document is then empty. corrupt may be NULL.
 * *cf: caller frees with wiz_credfile_free(). */
enum wiz_rc wiz_credfile_load(struct wiz_ctx *ctx, const char *path, bool may_move_aside,
                              struct wiz_credfile **cf, bool *corrupt);

/* The document (always a JSON object), borrowed from cf; callers may change it. */
json_t *wiz_credfile_doc(const struct wiz_credfile *cf);

/* Replaces path atomically (0600, symlink kept) with the bytes read, changed where the
 * document changed: members not changed keep every byte. A new file is written as
 * JSON.stringify(doc, null, 2) plus a newline, as Amplitude's wizard writes it. */
enum wiz_rc wiz_credfile_save(struct wiz_ctx *ctx, const char *path, const struct wiz_credfile *cf);

/* Wipes every string (tokens live there), then releases it. NULL is fine. */
void wiz_credfile_free(struct wiz_credfile *cf);

#endif
