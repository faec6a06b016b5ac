/* An exclusive advisory lock on "<file>.lock", the companion of a file that several
 * processes read-modify-write. The lock file is never deleted (deleting it would let two
 * processes lock two different inodes); the kernel drops the lock if its holder dies. */
#ifndef WIZ_LOCK_H
#define WIZ_LOCK_H

#include "../wiz.h"

#define WIZ_LOCK_DEFAULT_TIMEOUT_MS 5000L

struct wiz_lock {
    int fd; /* -1 when not held */
};

/* The wait to use: $AMPLI_WIZARD_LOCK_TIMEOUT_MS when set to a number >= 0, else
 * timeout_ms when > 0, else WIZ_LOCK_DEFAULT_TIMEOUT_MS. */
long wiz_lock_timeout_ms(long timeout_ms);

/* Takes an exclusive flock on "<file>.lock", waiting at most wiz_lock_timeout_ms(timeout_ms).
 * WIZ_ELOCK, with a message naming the lock file, when another process keeps it.
 * lk: release with wiz_lock_release(). */
enum wiz_rc wiz_lock_acquire(struct wiz_ctx *ctx, struct wiz_lock *lk, const char *file, long timeout_ms);
void wiz_lock_release(struct wiz_lock *lk);

#endif
