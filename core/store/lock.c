/* flock with a bounded wait: polling LOCK_NB with a short, growing sleep keeps the
 * wait interruptible and bounded without signals or threads. */
#include "lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

long wiz_lock_timeout_ms(long timeout_ms)
{
    const char *env = getenv("AMPLI_WIZARD_LOCK_TIMEOUT_MS");
    if (env && env[0]) {
        char *end;
        errno = 0;
        long v = strtol(env, &end, 10);
        if (!errno && !*end && v >= 0)
            return v;
    }
    return timeout_ms > 0 ? timeout_ms : WIZ_LOCK_DEFAULT_TIMEOUT_MS;
}

static long elapsed_ms(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)(t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

enum wiz_rc wiz_lock_acquire(struct wiz_ctx *ctx, struct wiz_lock *lk, const char *file, long timeout_ms)
{
    lk->fd = -1;
    long limit = wiz_lock_timeout_ms(timeout_ms);
    char *name = wiz_asprintf("%s.lock", file);
    if (!name)
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    int fd = open(name, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        enum wiz_rc rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot open the lock file %s", name);
        free(name);
        return rc;
    }
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    long nap_us = 200;
    for (;;) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0)
            break;
        if (errno != EWOULDBLOCK && errno != EINTR) {
            enum wiz_rc rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot lock %s", name);
            close(fd);
            free(name);
            return rc;
        }
        long waited = elapsed_ms(&t0);
        if (waited >= limit) {
            enum wiz_rc rc = wiz_fail(ctx, WIZ_ELOCK,
                                      "another process holds the lock file %s (waited %ld ms); "
                                      "try again when it has finished",
                                      name, waited);
            close(fd);
            free(name);
            return rc;
        }
        struct timespec nap = {0, nap_us * 1000};
        nanosleep(&nap, NULL);
        if (nap_us < 20000)
            nap_us *= 2;
    }
    free(name);
    lk->fd = fd;
    return WIZ_OK;
}

void wiz_lock_release(struct wiz_lock *lk)
{
    if (lk->fd >= 0) {
        flock(lk->fd, LOCK_UN);
        close(lk->fd);
    }
    lk->fd = -1;
}
