/* Atomic, durable replacement of one file (git's tempfile/lockfile, Redis fsyncFileDir). */
#ifndef WIZ_ATOMIC_FILE_H
#define WIZ_ATOMIC_FILE_H

#include "../wiz.h"

/* Follows path through symlinks (dangling ones too) to the file that really holds the
 * data, so that writers replace a dotfile manager's target and keep its link.
 * returns owned string: free() (NULL with rc on ctx on failure) */
char *wiz_resolve_link_target(struct wiz_ctx *ctx, const char *path);

/* Replaces path's contents with data[0..len): a temp file in the same directory
 * (O_EXCL, 0600), write, fsync, rename over the target, fsync the directory. A symlink
 * at path is kept and its target replaced. The result is always mode 0600. A missing
 * parent directory is created 0700 (one level); an existing one is left as it is. */
enum wiz_rc wiz_atomic_write(struct wiz_ctx *ctx, const char *path, const void *data, size_t len);

#endif
