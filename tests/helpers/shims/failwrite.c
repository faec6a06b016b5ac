/* LD_PRELOAD shim for the disk fault tests: makes write() or fsync() fail on files
 * whose path contains $FAILWRITE_MATCH (e.g. ".ampli.json.tmp-").
 *   FAILWRITE_CALL=write|fsync   which call fails (default write)
 *   FAILWRITE_NTH=N              the Nth matching call fails (default 1); later ones too
 *   FAILWRITE_ERRNO=ENOSPC|EIO   the error (default ENOSPC)
 * A failing write() first writes half of the buffer (a write that fails part-way),
 * then fails the next call. Counting state is per process (a test shim, not engine
 * code: the style's no-global-state rule is for the engine). */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long seen;

static int matches(int fd)
{
    const char *m = getenv("FAILWRITE_MATCH");
    if (!m || !*m)
        return 0;
    char link[64], path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0)
        return 0;
    path[n] = '\0';
    return strstr(path, m) != NULL;
}

static int should_fail(const char *call, int fd)
{
    const char *which = getenv("FAILWRITE_CALL");
    if (strcmp(which && *which ? which : "write", call) != 0 || !matches(fd))
        return 0;
    const char *nth = getenv("FAILWRITE_NTH");
    long want = nth && *nth ? atol(nth) : 1;
    return ++seen >= want;
}

static int fail_errno(void)
{
    const char *e = getenv("FAILWRITE_ERRNO");
    return e && strcmp(e, "EIO") == 0 ? EIO : ENOSPC;
}

ssize_t write(int fd, const void *buf, size_t count)
{
    ssize_t (*real)(int, const void *, size_t) = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    if (should_fail("write", fd)) {
        if (count > 1 && seen == (getenv("FAILWRITE_NTH") ? atol(getenv("FAILWRITE_NTH")) : 1)) {
            ssize_t n = real(fd, buf, count / 2); /* part of it reaches the disk */
            if (n > 0)
                return n;
        }
        errno = fail_errno();
        return -1;
    }
    return real(fd, buf, count);
}

int fsync(int fd)
{
    int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    if (should_fail("fsync", fd)) {
        errno = fail_errno();
        return -1;
    }
    return real(fd);
}
