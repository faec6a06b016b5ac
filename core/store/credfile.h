/* The credential file as one JSON document: read (moving a corrupt file aside), write
 * (atomically), and free with every string wiped. Knows nothing of entries. */
#ifndef WIZ_CREDFILE_H
#define WIZ_CREDFILE_H

#include "../wiz.h"

#include <jansson.h>

/* Reads path into *doc (always a JSON object; empty when the file is missing). A file
 * that is not valid JSON or whose top level is not an object is never overwritten: when
 * may_move_aside, it is renamed to "<file>.corrupt-<UTC timestamp>" with a one-line
 * warning; otherwise *corrupt is set and *doc is empty. corrupt may be NULL.
 * doc: caller frees with wiz_credfile_free(). */
enum wiz_rc wiz_credfile_load(struct wiz_ctx *ctx, const char *path, bool may_move_aside, json_t **doc,
                              bool *corrupt);

/* Serialises doc and replaces path atomically (0600, symlink kept). */
enum wiz_rc wiz_credfile_save(struct wiz_ctx *ctx, const char *path, const json_t *doc);

/* Overwrites every string inside j with zeros (before a token-holding value is dropped). */
void wiz_credfile_wipe(json_t *j);

/* Wipes every string in doc (tokens live there), then releases it. NULL is fine. */
void wiz_credfile_free(json_t *doc);

#endif
